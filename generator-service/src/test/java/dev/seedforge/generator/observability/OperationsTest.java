package dev.seedforge.generator.observability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobSpecs;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.Topics;
import dev.seedforge.generator.Probes;
import dev.seedforge.generator.TeacherWireMock;
import dev.seedforge.generator.api.JobResource;
import dev.seedforge.localstack.LocalStackTestResource;
import dev.seedforge.testsupport.KafkaTopics;

/**
 * Health, metrics and tracing of the generator on the local stack, its teacher played by WireMock: a job's candidates
 * move the counters on {@code /q/metrics} and carry a {@code traceparent} header on {@code candidates}.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = TeacherWireMock.class, restrictToAnnotatedClass = true)
class OperationsTest {

    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]");

    @Test
    void readinessCoversKafkaTheDatabaseAndTheTeacherWhichMayBeAwayWithoutTakingTheServiceDown() {
        TeacherWireMock.server.removeStub(get(urlEqualTo("/v1/models")));
        Probes.eventually(Duration.ofMinutes(2), () -> given().when().get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("teacher provider", "Reactive PostgreSQL connections health check",
                        "SmallRye Reactive Messaging - readiness check"))
                .body("checks.find { it.name == 'teacher provider' }.data.reachable", equalTo(false)));
        TeacherWireMock.server.stubFor(get(urlEqualTo("/v1/models")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"object\":\"list\",\"data\":[]}")));
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'teacher provider' }.data.reachable", equalTo(true));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void aJobMovesTheCandidateAndTeacherCountersAndItsCandidatesCarryATraceparent() throws Exception {
        double emittedBefore = Probes.metric("seedforge_candidates_emitted_total", "stage=\"generator\"");
        double callsBefore = Probes.metric("seedforge_llm_calls_total", "client=\"teacher\"", "outcome=\"success\"");
        double outputBefore = Probes.metric("seedforge_llm_tokens_total", "client=\"teacher\"", "kind=\"output\"");
        double costBefore = Probes.metric("seedforge_llm_cost_usd_total", "client=\"teacher\"");

        String jobId = submitAuto();
        List<ConsumerRecord<String, String>> candidates;
        try (KafkaTopics topics = new KafkaTopics(LocalStackTestResource.kafkaBootstrapServers())) {
            candidates = topics.readJob(Topics.CANDIDATES, jobId, 5, Duration.ofMinutes(2));
        }
        assertEquals(5, candidates.size());
        for (ConsumerRecord<String, String> candidate : candidates) {
            assertEquals(Json.MAPPER.readTree(candidate.value()).get("candidateId").asText(), candidate.key(),
                    "keyed by candidate id, so that one job's candidates spread over the validators");
            Header traceparent = candidate.headers().lastHeader("traceparent");
            assertNotNull(traceparent, "every candidate record carries the trace context");
            assertTrue(TRACEPARENT.matcher(new String(traceparent.value(), StandardCharsets.UTF_8)).matches());
        }

        Probes.eventually(Duration.ofMinutes(1), () -> {
            // at least this job's: jobs other test classes left GENERATING in the shared database may resume meanwhile
            assertTrue(Probes.metric("seedforge_candidates_emitted_total", "stage=\"generator\"") >= emittedBefore
                    + 5);
            // one teacher call of 1000 input and 250 output tokens (TeacherWireMock), at 0.15 and 0.60 $ per million
            assertTrue(Probes.metric("seedforge_llm_calls_total", "client=\"teacher\"",
                    "outcome=\"success\"") >= callsBefore + 1);
            assertTrue(
                    Probes.metric("seedforge_llm_tokens_total", "client=\"teacher\"", "kind=\"output\"") >= outputBefore + 250);
            assertTrue(Probes.metric("seedforge_llm_cost_usd_total", "client=\"teacher\"") >= costBefore
                    + (1000 * 0.15 + 250 * 0.60) / 1e6 - 1e-12);
        });
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("seedforge_llm_call_seconds_count{client=\"teacher\""), "call latency timer");
        // the Kafka clients' own metrics, bound by Micrometer: consumer lag of the generator's incoming channels
        assertTrue(metrics.contains("kafka_consumer_fetch_manager_records_lag_max"), "consumer lag");
    }

    private static String submitAuto() throws Exception {
        JobSpec spec = JobSpecs.load(Path.of("../examples/task-api/job.yaml"));
        ObjectNode tree = Json.MAPPER.valueToTree(spec);
        tree.put("target", 5).put("approval", "auto").put("task", spec.task() + " " + UUID.randomUUID());
        for (String field : List.of("max_candidates", "axes", "complexity", "multi_turn", "judge", "dedup", "export",
                "rules", "temperature_range", "tools", "system_prompts")) {
            tree.remove(field);
        }
        return given().contentType(ContentType.JSON).body(tree.toString())
                .header(JobResource.IDEMPOTENCY_KEY, UUID.randomUUID().toString()).when().post("/jobs").then()
                .statusCode(201).extract().path("jobId");
    }
}
