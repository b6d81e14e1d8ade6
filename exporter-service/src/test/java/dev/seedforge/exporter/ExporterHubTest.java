package dev.seedforge.exporter;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.seedforge.contracts.AcceptedJob;
import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.DedupDecision;
import dev.seedforge.contracts.DeduplicatedCandidate;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.ExportSpec;
import dev.seedforge.contracts.JobEvent;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.Lineage;
import dev.seedforge.contracts.ReviewSpec;
import dev.seedforge.contracts.SchemaVersions;
import dev.seedforge.contracts.Topics;
import dev.seedforge.contracts.Verdict;
import dev.seedforge.localstack.LocalStackTestResource;

/**
 * A job with {@code export.hub} through the running exporter, real Kafka and PostgreSQL, WireMock as the Hub: when the
 * dataset completes it is pushed in one commit; a failed push leaves the dataset COMPLETED with the failure, without
 * the token, as the DatasetCompleted event's and the manifest's reason.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(ExporterTestResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExporterHubTest {

    static final String TOKEN = "hf_ExporterHubTestToken_0123456789";

    @ConfigProperty(name = "hf.endpoint")
    String hubUrl;

    private WireMock wireMock;
    private KafkaProducer<String, String> producer;
    private KafkaConsumer<String, String> consumer;

    @BeforeAll
    void connect() {
        URI url = URI.create(hubUrl);
        wireMock = new WireMock(url.getHost(), url.getPort());
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackTestResource.kafkaBootstrapServers());
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(producerProps);
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackTestResource.kafkaBootstrapServers());
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "exporter-hub-test-" + UUID.randomUUID());
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(consumerProps);
        consumer.subscribe(List.of(Topics.DATASETS));
    }

    @AfterAll
    void disconnect() {
        producer.close();
        consumer.close();
    }

    @Test
    void aCompletedDatasetIsPushedInOneCommit() throws Exception {
        String repo = "seedforge-test/ok-" + UUID.randomUUID().toString().substring(0, 8);
        stubHub(repo, WireMock.okJson("{\"success\":true,\"commitOid\":\"abc\",\"commitUrl\":\"u\"}"));
        String jobId = runJob(repo);

        JsonNode event = awaitCompleted(jobId);
        assertEquals("COMPLETED", event.at("/data/status").asText());
        assertTrue(event.at("/data/reason").isNull() || event.at("/data/reason").isMissingNode(), event.toString());
        var commits = wireMock.find(WireMock.postRequestedFor(WireMock.urlEqualTo("/api/datasets/" + repo
                + "/commit/main")));
        assertEquals(1, commits.size());
        String body = commits.get(0).getBodyAsString();
        for (String file : List.of("README.md", "train.jsonl", "validation.jsonl", "axolotl.yaml", "train_trl.py")) {
            assertTrue(body.contains("\"path\":\"" + file + "\""), file + " in the commit");
        }
        assertEquals("Bearer " + TOKEN, commits.get(0).getHeader("Authorization"));
        given().get("/datasets/{jobId}", jobId).then().statusCode(200).body("manifest.reason", nullValue());
    }

    @Test
    void aFailedPushIsTheReasonOfACompletedDatasetWithoutTheToken() throws Exception {
        String repo = "seedforge-test/bad-" + UUID.randomUUID().toString().substring(0, 8);
        stubHub(repo, WireMock.aResponse().withStatus(500).withBody("{\"error\":\"storage down for " + TOKEN
                + "\"}"));
        String jobId = runJob(repo);

        JsonNode event = awaitCompleted(jobId);
        assertEquals("COMPLETED", event.at("/data/status").asText());
        String reason = event.at("/data/reason").asText();
        assertTrue(reason.startsWith("hub push to " + repo + " failed: committing"), reason);
        assertTrue(reason.contains("deleted again"), reason);
        assertFalse(event.toString().contains(TOKEN), event.toString());
        wireMock.verifyThat(1, WireMock.deleteRequestedFor(WireMock.urlEqualTo("/api/repos/delete"))
                .withRequestBody(WireMock.containing(repo.substring(repo.indexOf('/') + 1))));
        given().get("/datasets/{jobId}", jobId).then().statusCode(200).body("manifest.status", is("COMPLETED"))
                .body("manifest.reason", is(reason));
    }

    /** A dataset held for review is not pushed while it waits; the reviewer's approval pushes it, then announces it. */
    @Test
    void aDatasetHeldForReviewIsPushedWhenApproved() throws Exception {
        String repo = "seedforge-test/held-" + UUID.randomUUID().toString().substring(0, 8);
        stubHub(repo, WireMock.okJson("{\"success\":true,\"commitOid\":\"abc\",\"commitUrl\":\"u\"}"));
        String jobId = runJob(repo, new ReviewSpec(1));
        var commit = WireMock.postRequestedFor(WireMock.urlEqualTo("/api/datasets/" + repo + "/commit/main"));

        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!"FINALIZING".equals(manifestStatus(jobId))) {
            assertTrue(Instant.now().isBefore(deadline), "the dataset of " + jobId + " was never written and held");
            Thread.sleep(200);
        }
        assertEquals(0, wireMock.find(commit).size(), "held for review: not pushed yet");

        given().contentType("application/json").body(java.util.Map.of("reviewer", "ana"))
                .post("/datasets/{jobId}/review/approve", jobId).then().statusCode(200);
        JsonNode event = awaitCompleted(jobId);
        assertEquals("COMPLETED", event.at("/data/status").asText());
        assertTrue(event.at("/data/reason").isNull() || event.at("/data/reason").isMissingNode(), event.toString());
        var commits = wireMock.find(commit);
        assertEquals(1, commits.size());
        assertTrue(commits.get(0).getBodyAsString().contains("\"path\":\"train.jsonl\""), "train.jsonl in the commit");
        given().get("/datasets/{jobId}", jobId).then().statusCode(200).body("manifest.status", is("COMPLETED"))
                .body("manifest.reason", nullValue());
    }

    /** The manifest's status, null while the dataset is not written. */
    private static String manifestStatus(String jobId) {
        var response = given().get("/datasets/{jobId}", jobId).then().extract();
        return response.statusCode() == 200 ? response.path("manifest.status") : null;
    }

    private void stubHub(String repo, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder commit) {
        wireMock.register(WireMock.post("/api/repos/create").withRequestBody(WireMock.containing(
                repo.substring(repo.indexOf('/') + 1))).willReturn(WireMock.okJson("{\"url\":\"u\"}")));
        wireMock.register(WireMock.post("/api/datasets/" + repo + "/preupload/main")
                .willReturn(WireMock.okJson("{\"files\":[]}")));
        wireMock.register(WireMock.post("/api/datasets/" + repo + "/commit/main").willReturn(commit));
        wireMock.register(WireMock.delete("/api/repos/delete").willReturn(WireMock.aResponse().withStatus(200)));
    }

    private String runJob(String repo) throws Exception {
        return runJob(repo, null);
    }

    /** A two-example job whose spec asks for the push, through the topics as the pipeline sends it. */
    private String runJob(String repo, ReviewSpec review) throws Exception {
        String jobId = "job-" + UUID.randomUUID();
        Conversation seed = new Conversation(List.of(ChatTurn.of(ChatTurn.USER, "Create a task 'Pay rent'."),
                ChatTurn.of(ChatTurn.ASSISTANT, "Created task: 'Pay rent' | Priority: medium")));
        JobSpec spec = JobSpec.builder().name("hub-job").task("Answer in the Task API format")
                .format(ExampleFormat.OPENAI).seeds(List.of(seed)).target(2).validationRatio(0.5).randomSeed(7L)
                .export(new ExportSpec(List.of(), null, null, new ExportSpec.HubSpec(repo, true))).review(review)
                .build();
        send(Topics.JOB_SPECS, jobId, AcceptedJob.of(jobId, spec, null, null));
        for (int n = 1; n <= 2; n++) {
            JsonNode example = Json.MAPPER.readTree("{\"messages\":[{\"role\":\"user\",\"content\":\"Create task "
                    + n + ".\"},{\"role\":\"assistant\",\"content\":\"Created task: 'Task " + n + "'\"}]}");
            Candidate candidate = new Candidate(SchemaVersions.CURRENT, jobId + "-c00" + n, jobId,
                    Candidate.DEFAULT_CELL, ExampleFormat.OPENAI, example,
                    new Lineage("gpt-4o-mini", "hash", List.of(0), 0.9, 120, 40, 0.0001));
            send(Topics.DEDUPLICATED, jobId, new DeduplicatedCandidate(SchemaVersions.CURRENT, candidate,
                    Verdict.accept(), DedupDecision.unique()));
        }
        send(Topics.JOB_EVENTS, jobId, JobEvent.of(jobId, JobStatus.FINALIZING, null, 2L, "generator"));
        return jobId;
    }

    private void send(String topic, String key, Object value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, Json.MAPPER.writeValueAsString(value))).get();
    }

    private JsonNode awaitCompleted(String jobId) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            for (var record : consumer.poll(Duration.ofMillis(250))) {
                if (jobId.equals(record.key())) {
                    return Json.MAPPER.readTree(record.value());
                }
            }
        }
        throw new AssertionError("no DatasetCompleted for " + jobId);
    }
}
