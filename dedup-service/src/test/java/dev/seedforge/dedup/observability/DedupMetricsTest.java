package dev.seedforge.dedup.observability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.Lineage;
import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.SchemaVersions;
import dev.seedforge.contracts.Topics;
import dev.seedforge.contracts.ValidatedCandidate;
import dev.seedforge.contracts.Verdict;
import dev.seedforge.localstack.LocalStackTestResource;
import dev.seedforge.testsupport.KafkaTopics;
import dev.seedforge.testsupport.OpenApiDocument;
import dev.seedforge.testsupport.PrometheusText;

/**
 * Dedup's counters and health on the local stack: a rejected, a unique and an exact duplicate candidate.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, restrictToAnnotatedClass = true)
class DedupMetricsTest {

    @Test
    void eachDecisionIsCountedAndEachDuplicateByItsMethod() throws Exception {
        String jobId = "job-metrics-" + UUID.randomUUID();
        double received = metric("seedforge_candidates_received_total", "stage=\"dedup\"");
        double unique = metric("seedforge_candidates_emitted_total", "stage=\"dedup\"", "outcome=\"unique\"");
        double duplicate = metric("seedforge_candidates_emitted_total", "stage=\"dedup\"", "outcome=\"duplicate\"");
        double notChecked = metric("seedforge_candidates_emitted_total", "stage=\"dedup\"",
                "outcome=\"not_checked\"");
        double exact = metric("seedforge_candidates_rejected_total", "stage=\"dedup\"", "reason=\"exact\"");

        try (KafkaTopics topics = new KafkaTopics(LocalStackTestResource.kafkaBootstrapServers())) {
            topics.sendJobSpec(jobId, JobSpec.builder().task("Answer questions").format(ExampleFormat.OPENAI)
                    .seeds(List.of(new Conversation(List.of(ChatTurn.of(ChatTurn.USER, "Why is the sky blue?"),
                            ChatTurn.of(ChatTurn.ASSISTANT, "Scattering.")))))
                    .target(10).build(), null, null);
            topics.send(Topics.VALIDATED, jobId, Json.MAPPER.writeValueAsString(ValidatedCandidate.of(
                    candidate(jobId, "first", "How do tides work?"), Verdict.accept())));
            topics.send(Topics.VALIDATED, jobId, Json.MAPPER.writeValueAsString(ValidatedCandidate.of(
                    candidate(jobId, "again", "How do tides work?"), Verdict.accept())));
            topics.send(Topics.VALIDATED, jobId, Json.MAPPER.writeValueAsString(ValidatedCandidate.of(
                    candidate(jobId, "bad", "?"), Verdict.reject(List.of(new Reason("role_order", "bad"))))));
            assertEquals(3, topics.read(Topics.DEDUPLICATED, jobId, 3, Duration.ofMinutes(2)).size());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                assertTrue(metric("seedforge_candidates_received_total", "stage=\"dedup\"") >= received + 3);
                assertTrue(metric("seedforge_candidates_emitted_total", "stage=\"dedup\"", "outcome=\"unique\"") >= unique + 1);
                assertTrue(metric("seedforge_candidates_emitted_total", "stage=\"dedup\"",
                        "outcome=\"duplicate\"") >= duplicate + 1);
                assertTrue(metric("seedforge_candidates_emitted_total", "stage=\"dedup\"",
                        "outcome=\"not_checked\"") >= notChecked + 1);
                assertTrue(metric("seedforge_candidates_rejected_total", "stage=\"dedup\"", "reason=\"exact\"") >= exact + 1);
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

    private static Candidate candidate(String jobId, String name, String question) {
        List<ChatTurn> turns = List.of(ChatTurn.of(ChatTurn.USER, question),
                ChatTurn.of(ChatTurn.ASSISTANT, "An answer to: " + question));
        return new Candidate(SchemaVersions.CURRENT, jobId + "-" + name, jobId, Candidate.DEFAULT_CELL,
                ExampleFormat.OPENAI, ExampleFormat.OPENAI.render(turns),
                new Lineage("gpt-4o-mini", "prompt-hash", List.of(0), 0.9, 120, 40, 0.0001));
    }

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
                "SeedForge dedup-service",
                java.util.List.of(new OpenApiDocument.Operation("get", "/decisions/{candidateId}", "401"))));
    }
}
