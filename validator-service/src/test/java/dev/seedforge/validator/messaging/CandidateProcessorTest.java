package dev.seedforge.validator.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.JudgeSpec;
import dev.seedforge.contracts.Lineage;
import dev.seedforge.contracts.SchemaVersions;
import dev.seedforge.contracts.Topics;
import dev.seedforge.contracts.ValidatedCandidate;
import dev.seedforge.localstack.LocalStackTestResource;
import dev.seedforge.testsupport.KafkaTopics;
import dev.seedforge.validator.persistence.VerdictEntity;
import dev.seedforge.validator.testing.ValidatorWireMock;

/** The validator on a real Kafka and PostgreSQL: one verdict per record, the same one again on redelivery. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ValidatorWireMock.class, restrictToAnnotatedClass = false)
class CandidateProcessorTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void everyCandidateGetsOneVerdictAndARedeliveryTheSameOne() throws Throwable {
        String jobId = "job-" + UUID.randomUUID();
        JsonNode conversation;
        try (InputStream in = getClass().getResourceAsStream("/data/llamafactory-glaive-toolcall-en-demo.json")) {
            conversation = Json.MAPPER.readTree(in).get(0);
        }
        ObjectNode broken = conversation.deepCopy();
        ((ObjectNode) broken.get("conversations").get(1)).put("from", "human");
        JobSpec spec = JobSpec.builder().task("t").format(ExampleFormat.SHAREGPT).target(10)
                .judge(new JudgeSpec(false, null, null, null)).build();
        Candidate good = candidate(jobId, jobId + "-good", SchemaVersions.CURRENT, conversation);
        Candidate bad = candidate(jobId, jobId + "-bad", SchemaVersions.CURRENT, broken);
        Candidate future = candidate(jobId, jobId + "-future", 99, conversation);

        List<ConsumerRecord<String, String>> validated;
        List<ConsumerRecord<String, String>> deadLetters;
        try (KafkaTopics topics = new KafkaTopics(LocalStackTestResource.kafkaBootstrapServers())) {
            topics.send(Topics.CANDIDATES, jobId, Json.MAPPER.writeValueAsString(good));
            topics.send(Topics.CANDIDATES, jobId, Json.MAPPER.writeValueAsString(bad));
            topics.send(Topics.CANDIDATES, jobId, Json.MAPPER.writeValueAsString(future));
            topics.send(Topics.CANDIDATES, jobId, "{not json");
            topics.send(Topics.CANDIDATES, jobId, Json.MAPPER.writeValueAsString(good));
            // the job's spec comes after its candidates: the validator waits for it, it fails none of them
            assertTrue(topics.read(Topics.VALIDATED, jobId, 1, Duration.ofSeconds(3)).isEmpty(),
                    "no verdict before the job's spec is known");
            topics.sendJobSpec(jobId, spec, null, null);
            validated = topics.read(Topics.VALIDATED, jobId, 3, TIMEOUT);
            deadLetters = topics.read(Topics.deadLetter(Topics.CANDIDATES), jobId, 2, TIMEOUT);
        }

        // records are validated concurrently: the order of a job's verdicts on the topic is not fixed
        assertEquals(3, validated.size(), "one record per readable candidate");
        List<ValidatedCandidate> goods = new java.util.ArrayList<>();
        List<ValidatedCandidate> bads = new java.util.ArrayList<>();
        for (ConsumerRecord<String, String> record : validated) {
            ValidatedCandidate value = read(record);
            (value.candidate().candidateId().equals(good.candidateId()) ? goods : bads).add(value);
        }
        assertEquals(2, goods.size(), "the candidate and its redelivery");
        assertEquals(1, bads.size());
        ValidatedCandidate first = goods.get(0);
        ValidatedCandidate rejected = bads.get(0);
        ValidatedCandidate redelivered = goods.get(1);
        assertEquals(good.candidateId(), first.candidate().candidateId());
        assertTrue(first.verdict().accepted(), first.verdict().toString());
        assertEquals(bad.candidateId(), rejected.candidate().candidateId());
        assertFalse(rejected.verdict().accepted());
        assertEquals("role_order", rejected.verdict().reasons().get(0).code());
        assertEquals("turn 2 should be gpt or function_call, got human", rejected.verdict().reasons().get(0).message());
        assertEquals(first, redelivered);

        assertEquals(2, deadLetters.size(), "the future schema version and the broken JSON");
        deadLetters = new java.util.ArrayList<>(deadLetters);
        deadLetters.sort(java.util.Comparator.comparing(record -> record.value().equals("{not json")));
        assertTrue(deadLetters.get(0).value().contains(future.candidateId()));
        assertTrue(new String(deadLetters.get(0).headers().lastHeader("dead-letter-reason").value(),
                StandardCharsets.UTF_8).contains("unsupported schemaVersion 99"));
        assertEquals("{not json", deadLetters.get(1).value());

        assertEquals(2L, VertxContextSupport
                .<Long> subscribeAndAwait(() -> Panache.withSession(() -> VerdictEntity.count("jobId", jobId))));
        given().get("/verdicts/{id}", bad.candidateId()).then().statusCode(200)
                .body("jobId", is(jobId))
                .body("verdict.accepted", is(false))
                .body("verdict.reasons[0].code", is("role_order"));
        given().get("/verdicts/{id}", future.candidateId()).then().statusCode(404);
    }

    @Test
    void judgedCandidateCarriesItsScoresAndARedeliveryNeverCallsTheJudgeAgain() throws Throwable {
        String jobId = "judged-" + UUID.randomUUID();
        try (KafkaTopics topics = new KafkaTopics(LocalStackTestResource.kafkaBootstrapServers())) {
            topics.sendJobSpec(jobId, JobSpec.builder().task("t").format(ExampleFormat.SHAREGPT).target(10)
                    .judge(new JudgeSpec(true, null, 6, 1)).build(), null, null);
        }
        JsonNode conversation;
        try (InputStream in = getClass().getResourceAsStream("/data/llamafactory-glaive-toolcall-en-demo.json")) {
            conversation = Json.MAPPER.readTree(in).get(1);
        }
        String marker = "Write a definition of";
        ValidatorWireMock.server.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing(marker))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(ValidatorWireMock.completion(
                                "{\"scores\":{\"0\":[9,8,7]},\"weaknesses\":[]}"))));
        Candidate judged = candidate(jobId, jobId + "-1", SchemaVersions.CURRENT, conversation);

        List<ConsumerRecord<String, String>> validated;
        try (KafkaTopics topics = new KafkaTopics(LocalStackTestResource.kafkaBootstrapServers())) {
            topics.send(Topics.CANDIDATES, jobId, Json.MAPPER.writeValueAsString(judged));
            topics.read(Topics.VALIDATED, jobId, 1, TIMEOUT);
            topics.send(Topics.CANDIDATES, jobId, Json.MAPPER.writeValueAsString(judged));
            validated = topics.read(Topics.VALIDATED, jobId, 2, TIMEOUT);
        }
        assertEquals(2, validated.size());
        ValidatedCandidate first = read(validated.get(0));
        assertTrue(first.verdict().accepted(), first.verdict().toString());
        assertEquals(java.util.Map.of("clarity", 9, "quality", 8, "realism", 7), first.verdict().judgeScores());
        assertEquals((800 * 0.15 + 200 * 0.075 + 300 * 0.60) / 1e6, first.verdict().judgeCostUsd(), 1e-12);
        assertEquals(first, read(validated.get(1)));
        ValidatorWireMock.server.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing(marker)));
    }

    private static Candidate candidate(String jobId, String candidateId, int schemaVersion, JsonNode example) {
        return new Candidate(schemaVersion, candidateId, jobId, Candidate.DEFAULT_CELL, ExampleFormat.SHAREGPT, example,
                new Lineage("gpt-4o-mini", "prompt-hash", List.of(0), 0.9, 120, 340, 0.0002));
    }

    private static ValidatedCandidate read(ConsumerRecord<String, String> record) throws Exception {
        return Json.MAPPER.readValue(record.value(), ValidatedCandidate.class);
    }
}
