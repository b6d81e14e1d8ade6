package dev.seedforge.validator.observability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.JudgeSpec;
import dev.seedforge.contracts.Lineage;
import dev.seedforge.contracts.SchemaVersions;
import dev.seedforge.contracts.Topics;
import dev.seedforge.localstack.LocalStackTestResource;
import dev.seedforge.testsupport.KafkaTopics;
import dev.seedforge.testsupport.OpenApiDocument;
import dev.seedforge.testsupport.PrometheusText;
import dev.seedforge.testsupport.RecordedSpans;
import dev.seedforge.validator.testing.ValidatorWireMock;

/**
 * Health, metrics and tracing of the validator on the local stack: a candidate sent with a trace context comes out on
 * {@code validated} in the same trace, and its verdict moves the counters on {@code /q/metrics}.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ValidatorWireMock.class, restrictToAnnotatedClass = false)
class ValidatorOperationsTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-01");

    @Inject
    RecordedSpans spans;

    @Test
    void aCandidatesTraceContinuesOnValidatedAndItsVerdictIsCounted() throws Exception {
        String jobId = "ops-" + UUID.randomUUID();
        try (KafkaTopics topics = new KafkaTopics(LocalStackTestResource.kafkaBootstrapServers())) {
            topics.sendJobSpec(jobId, JobSpec.builder().task("t").format(ExampleFormat.SHAREGPT).target(10)
                    .judge(new JudgeSpec(true, null, 6, 1)).build(), null, null);
        }
        JsonNode conversation;
        try (InputStream in = getClass().getResourceAsStream("/data/llamafactory-glaive-toolcall-en-demo.json")) {
            conversation = Json.MAPPER.readTree(in).get(2);
        }
        ValidatorWireMock.server.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing("historical puzzle"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(ValidatorWireMock.completion(
                                "{\"scores\":{\"0\":[9,8,7]},\"weaknesses\":[]}"))));
        ObjectNode broken = conversation.deepCopy();
        ((ObjectNode) broken.get("conversations").get(1)).put("from", "human");

        double received = metric("seedforge_candidates_received_total", "stage=\"validator\"");
        double accepted = metric("seedforge_candidates_emitted_total", "stage=\"validator\"", "outcome=\"accepted\"");
        double rejected = metric("seedforge_candidates_emitted_total", "stage=\"validator\"", "outcome=\"rejected\"");
        double roleOrder = metric("seedforge_candidates_rejected_total", "stage=\"validator\"",
                "reason=\"role_order\"");
        double judgeCalls = metric("seedforge_llm_calls_total", "client=\"judge\"", "outcome=\"success\"");
        double judgeCost = metric("seedforge_llm_cost_usd_total", "client=\"judge\"");

        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String parentSpan = HexFormat.of().formatHex(randomBytes(8));
        send(jobId, candidate(jobId, jobId + "-good", conversation), "00-" + traceId + "-" + parentSpan + "-01");
        send(jobId, candidate(jobId, jobId + "-bad", broken), null);

        List<ConsumerRecord<String, String>> validated;
        try (KafkaTopics topics = new KafkaTopics(LocalStackTestResource.kafkaBootstrapServers())) {
            validated = topics.read(Topics.VALIDATED, jobId, 2, TIMEOUT);
        }
        assertEquals(2, validated.size());
        ConsumerRecord<String, String> good = validated.stream().filter(r -> r.value().contains(jobId + "-good"))
                .findFirst().orElseThrow();
        Matcher continued = TRACEPARENT.matcher(header(good, "traceparent"));
        assertTrue(continued.matches(), header(good, "traceparent"));
        assertEquals(traceId, continued.group(1), "the validated record continues the candidate's trace");
        assertNotEquals(parentSpan, continued.group(2), "under a span of the validator's own");
        ConsumerRecord<String, String> bad = validated.stream().filter(r -> r.value().contains(jobId + "-bad"))
                .findFirst().orElseThrow();
        assertNotNull(bad.headers().lastHeader("traceparent"), "a record without a trace starts one");
        eventually(() -> assertTrue(spans.spans.stream().anyMatch(span -> span.getTraceId().equals(traceId)),
                "the validator's spans of the candidate's trace reach the span exporter"));

        // counted once the broker has acknowledged each verdict, which may come just after a consumer sees it
        eventually(() -> {
            assertTrue(metric("seedforge_candidates_received_total", "stage=\"validator\"") >= received + 2);
            assertTrue(metric("seedforge_candidates_emitted_total", "stage=\"validator\"",
                    "outcome=\"accepted\"") >= accepted + 1);
            assertTrue(metric("seedforge_candidates_emitted_total", "stage=\"validator\"",
                    "outcome=\"rejected\"") >= rejected + 1);
            assertTrue(metric("seedforge_candidates_rejected_total", "stage=\"validator\"",
                    "reason=\"role_order\"") >= roleOrder + 1);
            assertTrue(metric("seedforge_llm_calls_total", "client=\"judge\"", "outcome=\"success\"") >= judgeCalls + 1);
            // ValidatorWireMock's usage: 1000 input tokens of which 200 cached, 300 output
            assertTrue(metric("seedforge_llm_cost_usd_total", "client=\"judge\"") >= judgeCost
                    + (800 * 0.15 + 200 * 0.075 + 300 * 0.60) / 1e6 - 1e-12);
        });
        String metrics = given().when().get("/q/metrics").then().extract().asString();
        assertTrue(metrics.contains("seedforge_llm_call_seconds_count{client=\"judge\""));
        assertTrue(metrics.contains("kafka_consumer_fetch_manager_records_lag_max"), "consumer lag");
    }

    @Test
    void readinessCoversKafkaTheDatabaseAndTheJudge() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("judge provider", "Reactive PostgreSQL connections health check",
                        "SmallRye Reactive Messaging - readiness check"));
    }

    private static void send(String jobId, Candidate candidate, String traceparent) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackTestResource.kafkaBootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.CANDIDATES, jobId,
                    Json.MAPPER.writeValueAsString(candidate));
            if (traceparent != null) {
                record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
            }
            producer.send(record).get();
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return record.headers().lastHeader(name) == null ? ""
                : new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static Candidate candidate(String jobId, String candidateId, JsonNode example) {
        return new Candidate(SchemaVersions.CURRENT, candidateId, jobId, Candidate.DEFAULT_CELL,
                ExampleFormat.SHAREGPT, example, new Lineage("gpt-4o-mini", "prompt-hash", List.of(0), 0.9, 120, 340,
                        0.0002));
    }

    private static void eventually(Runnable check) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }

    /** The sum of a Prometheus series' samples whose labels include all of {@code labels} (exemplars allowed). */
    private static double metric(String name, String... labels) {
        return PrometheusText.sum(given().when().get("/q/metrics").then().statusCode(200).extract().asString(), name,
                labels);
    }

    /** The API description and Swagger UI are served, with every operation summarised and the bearer scheme. */
    @Test
    void theApiDescriptionDescribesEveryOperation() throws Exception {
        io.restassured.RestAssured.given().when().get("/q/swagger-ui").then().statusCode(200);
        com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(io.restassured.RestAssured.given().queryParam("format", "json").when().get("/q/openapi")
                        .then().statusCode(200).extract().asString());
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), OpenApiDocument.problems(doc,
                "SeedForge validator-service",
                java.util.List.of(new OpenApiDocument.Operation("get", "/verdicts/{candidateId}", "401"),
                        new OpenApiDocument.Operation("post", "/checks/{jobId}", "401"))));
    }
}
