package dev.seedforge.exporter.observability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.DedupDecision;
import dev.seedforge.contracts.DeduplicatedCandidate;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.Lineage;
import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.SchemaVersions;
import dev.seedforge.contracts.Topics;
import dev.seedforge.contracts.Verdict;
import dev.seedforge.exporter.ExporterTestResource;
import dev.seedforge.localstack.LocalStackTestResource;
import dev.seedforge.testsupport.KafkaTopics;
import dev.seedforge.testsupport.PrometheusText;

/** The exporter's outcome counters and health on the local stack: three outcomes, one of each kind. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(ExporterTestResource.class)
class ExporterMetricsTest {

    @Test
    void eachOutcomeIsCountedByWhatItIsForTheDataset() throws Exception {
        String jobId = "job-metrics-" + UUID.randomUUID();
        JobSpec spec = JobSpec.builder().name("metrics").task("t").format(ExampleFormat.OPENAI)
                .seeds(List.of(new Conversation(List.of(ChatTurn.of(ChatTurn.USER, "Hi"),
                        ChatTurn.of(ChatTurn.ASSISTANT, "Hello")))))
                .target(10).build();

        double received = metric("seedforge_candidates_received_total", "stage=\"exporter\"");
        double accepted = metric("seedforge_candidates_emitted_total", "stage=\"exporter\"", "outcome=\"accepted\"");
        double rejected = metric("seedforge_candidates_emitted_total", "stage=\"exporter\"", "outcome=\"rejected\"");
        double duplicate = metric("seedforge_candidates_emitted_total", "stage=\"exporter\"",
                "outcome=\"duplicate\"");
        try (KafkaTopics topics = new KafkaTopics(LocalStackTestResource.kafkaBootstrapServers())) {
            topics.sendJobSpec(jobId, spec, null, null);
            topics.send(Topics.DEDUPLICATED, jobId, Json.MAPPER.writeValueAsString(
                    outcome(jobId, 1, Verdict.accept(), DedupDecision.unique())));
            topics.send(Topics.DEDUPLICATED, jobId, Json.MAPPER.writeValueAsString(
                    outcome(jobId, 2, Verdict.reject(List.of(new Reason("format", "bad"))),
                            DedupDecision.notChecked())));
            topics.send(Topics.DEDUPLICATED, jobId, Json.MAPPER.writeValueAsString(
                    outcome(jobId, 3, Verdict.accept(), DedupDecision.duplicateOf(jobId + "-c1", "exact", 1.0))));
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            try {
                assertTrue(metric("seedforge_candidates_received_total", "stage=\"exporter\"") >= received + 3);
                assertTrue(metric("seedforge_candidates_emitted_total", "stage=\"exporter\"",
                        "outcome=\"accepted\"") >= accepted + 1);
                assertTrue(metric("seedforge_candidates_emitted_total", "stage=\"exporter\"",
                        "outcome=\"rejected\"") >= rejected + 1);
                assertTrue(metric("seedforge_candidates_emitted_total", "stage=\"exporter\"",
                        "outcome=\"duplicate\"") >= duplicate + 1);
                break;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
        assertTrue(given().when().get("/q/metrics").then().extract().asString()
                .contains("kafka_consumer_fetch_manager_records_lag_max"), "consumer lag");
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("Reactive PostgreSQL connections health check",
                        "SmallRye Reactive Messaging - readiness check"));
    }

    private static DeduplicatedCandidate outcome(String jobId, int n, Verdict verdict, DedupDecision dedup)
            throws Exception {
        Candidate candidate = new Candidate(SchemaVersions.CURRENT, jobId + "-c" + n, jobId, Candidate.DEFAULT_CELL,
                ExampleFormat.OPENAI, Json.MAPPER.readTree("{\"messages\":[{\"role\":\"user\",\"content\":\"Task "
                        + n + "\"},{\"role\":\"assistant\",\"content\":\"Done " + n + "\"}]}"),
                new Lineage("gpt-4o-mini", "hash", List.of(0), 0.9, 120, 40, 0.0001));
        return new DeduplicatedCandidate(SchemaVersions.CURRENT, candidate, verdict, dedup);
    }

    private static double metric(String name, String... labels) {
        return PrometheusText.sum(given().when().get("/q/metrics").then().statusCode(200).extract().asString(), name,
                labels);
    }
}
