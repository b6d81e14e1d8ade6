package dev.seedforge.generator.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.seedforge.contracts.AcceptedJob;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobSpecs;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.Topics;
import dev.seedforge.generator.Probes;
import dev.seedforge.localstack.LocalStackTestResource;
import dev.seedforge.testsupport.KafkaTopics;
import dev.seedforge.testsupport.OpenApiDocument;
import dev.seedforge.testsupport.RecordedSpans;

/**
 * The generator with API tokens configured (an operator and two tenants) and a recognisable fake provider key, its
 * teacher a provider that refuses the key and echoes it back in the error, as some gateways do: who may see which
 * job, and that neither the key nor a presented token reaches the log, the job events or an error body.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = ApiSecurityTest.KeyEchoingTeacher.class, restrictToAnnotatedClass = true)
class ApiSecurityTest {

    static final String PROVIDER_KEY = "sk-fake-" + UUID.randomUUID().toString().replace("-", "");
    static final String OPERATOR = "operator-token-" + UUID.randomUUID();
    static final String ACME = "acme-token-" + UUID.randomUUID();
    static final String GLOBEX = "globex-token-" + UUID.randomUUID();
    @jakarta.inject.Inject
    RecordedSpans spans;

    static final Path LOG = Path.of("target", "api-security-test.log");

    /** A teacher that answers every call 401 and quotes the Authorization header it got. */
    public static class KeyEchoingTeacher implements QuarkusTestResourceLifecycleManager {

        private WireMockServer server;

        @Override
        public Map<String, String> start() {
            server = new WireMockServer(WireMockConfiguration.options().dynamicPort().templatingEnabled(true));
            server.start();
            server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(401)
                    .withHeader("Content-Type", "application/json").withTransformers("response-template")
                    .withBody("{\"error\":{\"message\":\"Incorrect API key provided: {{request.headers.Authorization}}"
                            + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}")));
            try {
                Files.deleteIfExists(LOG);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return Map.ofEntries(Map.entry("quarkus.langchain4j.openai.teacher.base-url", server.baseUrl() + "/v1"),
                    Map.entry("quarkus.langchain4j.openai.teacher.api-key", PROVIDER_KEY),
                    Map.entry("seedforge.api.token", OPERATOR),
                    Map.entry("seedforge.api.tokens", "acme:" + ACME + ",globex:" + GLOBEX),
                    // one retry, so that the failed call is logged within seconds
                    Map.entry("dev.seedforge.generator.llm.TeacherClient/generate/Retry/maxRetries", "1"),
                    Map.entry("quarkus.log.file.enabled", "true"),
                    Map.entry("quarkus.log.file.path", LOG.toString()));
        }

        @Override
        public void stop() {
            if (server != null) {
                server.stop();
            }
        }
    }

    @Test
    void withoutATokenOrWithAWrongOneTheApiAnswers401AndOperationsStayOpen() throws Exception {
        given().when().get("/jobs").then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
        String wrong = "wrong-token-" + UUID.randomUUID();
        String body = given().auth().oauth2(wrong).when().get("/jobs").then().statusCode(401).extract().asString();
        assertFalse(body.contains(wrong));
        given().header("Authorization", "Basic " + ACME).when().get("/jobs").then().statusCode(401);
        given().contentType(ContentType.JSON).body(spec()).when().post("/jobs").then().statusCode(401);

        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);
        // even a wrong token does not close the operations endpoints
        given().auth().oauth2(wrong).when().get("/q/health/live").then().statusCode(200);
        assertFalse(Files.readString(LOG).contains(wrong), "a presented token is never logged");
    }

    /**
     * The API description needs no token even with tokens configured, describes every operation, declares the bearer
     * scheme, and shows the job spec's fields under their JSON names with the descriptions contracts gives them.
     */
    @Test
    void theApiDescriptionIsOpenAndDescribesOperationsAndTheJobSpec() throws Exception {
        given().when().get("/q/swagger-ui").then().statusCode(200);
        com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                        .extract().asString());
        assertFalse(doc.at("/info/version").asText().isBlank());
        assertEquals(java.util.List.of(), OpenApiDocument.problems(doc, "SeedForge generator-service",
                java.util.List.of(new OpenApiDocument.Operation("post", "/jobs", "401", "400"),
                        new OpenApiDocument.Operation("get", "/jobs", "401"),
                        new OpenApiDocument.Operation("get", "/jobs/{jobId}", "401", "403"),
                        new OpenApiDocument.Operation("get", "/jobs/{jobId}/usage", "401"),
                        new OpenApiDocument.Operation("post", "/jobs/{jobId}/approve", "401"),
                        new OpenApiDocument.Operation("post", "/jobs/{jobId}/cancel", "401"),
                        new OpenApiDocument.Operation("post", "/jobs/{jobId}/resume", "401"))));
        assertEquals("http", doc.at("/components/securitySchemes/bearer/type").asText());

        com.fasterxml.jackson.databind.JsonNode properties = doc.at("/components/schemas/JobSpec/properties");
        assertTrue(properties.has("target") && properties.has("examples_per_call"), properties.toString());
        assertFalse(properties.has("examplesPerCall"), "JSON names, not Java ones");
        int described = 0;
        for (java.lang.reflect.RecordComponent component : JobSpec.class.getRecordComponents()) {
            var description = JobSpec.class.getMethod(component.getName())
                    .getAnnotation(com.fasterxml.jackson.annotation.JsonPropertyDescription.class);
            if (description != null) {
                String name = com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE
                        .nameForField(null, null, component.getName());
                assertEquals(description.value(), properties.path(name).path("description").asText(), name);
                described++;
            }
        }
        assertTrue(described >= 10, "JobSpec documents its fields: " + described);
    }

    @Test
    void aTenantSeesOnlyItsOwnJobsAndTheOperatorSeesAll() throws Exception {
        String key = UUID.randomUUID().toString();
        String jobId = given().auth().oauth2(ACME).contentType(ContentType.JSON).body(spec())
                .header(JobResource.IDEMPOTENCY_KEY, key).when().post("/jobs").then().statusCode(201)
                .body("owner", equalTo("acme")).extract().path("jobId");

        given().auth().oauth2(ACME).when().get("/jobs/" + jobId).then().statusCode(200).body("owner",
                equalTo("acme"));
        given().auth().oauth2(ACME).when().get("/jobs/" + jobId + "/usage").then().statusCode(200);
        given().auth().oauth2(OPERATOR).when().get("/jobs/" + jobId).then().statusCode(200);

        given().auth().oauth2(GLOBEX).when().get("/jobs/" + jobId).then().statusCode(403)
                .body("title", containsString("another tenant"));
        given().auth().oauth2(GLOBEX).when().get("/jobs/" + jobId + "/usage").then().statusCode(403);
        given().auth().oauth2(GLOBEX).when().post("/jobs/" + jobId + "/approve").then().statusCode(403);
        given().auth().oauth2(GLOBEX).when().post("/jobs/" + jobId + "/cancel").then().statusCode(403);
        given().auth().oauth2(GLOBEX).when().get("/jobs").then().statusCode(200)
                .body("jobId", not(org.hamcrest.Matchers.hasItem(jobId)));
        given().auth().oauth2(ACME).when().get("/jobs").then().statusCode(200)
                .body("jobId", org.hamcrest.Matchers.hasItem(jobId));
        given().auth().oauth2(OPERATOR).when().get("/jobs").then().statusCode(200)
                .body("jobId", org.hamcrest.Matchers.hasItem(jobId));

        // an idempotency key is the tenant's own: another tenant's same key makes another job
        String globexJob = given().auth().oauth2(GLOBEX).contentType(ContentType.JSON).body(spec())
                .header(JobResource.IDEMPOTENCY_KEY, key).when().post("/jobs").then().statusCode(201)
                .body("owner", equalTo("globex")).extract().path("jobId");
        assertNotEquals(jobId, globexJob);
        given().auth().oauth2(GLOBEX).when().get("/jobs/no-such-job").then().statusCode(404);

        // the stages learn the job, its plan and its owner from job-specs, keyed by job id: no one calls back
        try (KafkaTopics topics = new KafkaTopics(LocalStackTestResource.kafkaBootstrapServers())) {
            List<ConsumerRecord<String, String>> specs = topics.read(Topics.JOB_SPECS, jobId, 1,
                    Duration.ofSeconds(30));
            assertFalse(specs.isEmpty(), "the accepted job's spec is on job-specs");
            AcceptedJob accepted = Json.MAPPER.readValue(specs.get(0).value(), AcceptedJob.class);
            assertEquals(jobId, accepted.jobId());
            assertEquals("acme", accepted.owner());
            assertEquals(4, accepted.spec().target());
            assertTrue(accepted.plan() != null && !accepted.plan().cells().isEmpty(), "the plan with its quotas");
        }
    }

    @Test
    void theProviderKeyNeverReachesTheLogTheJobEventsOrAnErrorBodyEvenWhenTheProviderEchoesIt() throws Exception {
        String jobId = given().auth().oauth2(ACME).contentType(ContentType.JSON)
                .body(spec().replace("\"approval\":\"manual\"", "\"approval\":\"auto\""))
                .header(JobResource.IDEMPOTENCY_KEY, UUID.randomUUID().toString()).when().post("/jobs").then()
                .statusCode(201).extract().path("jobId");

        // the failed call is logged, with the key the provider quoted masked
        Probes.eventually(Duration.ofMinutes(3), () -> {
            String log = read(LOG);
            assertTrue(log.contains("of job " + jobId + " failed") && log.contains("[REDACTED]"),
                    "the failed teacher call is logged with the key masked");
        });
        Probes.eventually(Duration.ofMinutes(1), () -> assertTrue(Probes.metric(
                "seedforge_llm_calls_total", "client=\"teacher\"", "outcome=\"failure\"") >= 1,
                () -> given().get("/q/metrics").asString().lines().filter(l -> l.contains("llm")).toList()
                        .toString()));

        String log = read(LOG);
        assertFalse(log.contains(PROVIDER_KEY), "the provider key is not in the log");
        for (String token : List.of(OPERATOR, ACME, GLOBEX)) {
            assertFalse(log.contains(token), "an API token is not in the log");
        }
        List<ConsumerRecord<String, String>> events;
        try (KafkaTopics topics = new KafkaTopics(LocalStackTestResource.kafkaBootstrapServers())) {
            events = topics.read(Topics.JOB_EVENTS, jobId, 3, Duration.ofMinutes(1));
        }
        assertTrue(events.size() >= 3, "PLANNED, APPROVED, GENERATING at least");
        for (ConsumerRecord<String, String> event : events) {
            assertFalse(event.value().contains(PROVIDER_KEY), event.value());
        }
        for (String path : List.of("/jobs/" + jobId, "/jobs/" + jobId + "/usage", "/jobs", "/q/health/ready",
                "/q/metrics")) {
            String body = given().auth().oauth2(ACME).when().get(path).then().extract().asString();
            assertFalse(body.contains(PROVIDER_KEY), path + ": " + body.lines().filter(l -> l.contains(PROVIDER_KEY))
                    .map(l -> l.replace(PROVIDER_KEY, "<the key>")).toList());
        }
        // spans (REST, Kafka, the model call) hold no trace of the key in their attributes or events either
        for (io.opentelemetry.sdk.trace.data.SpanData span : spans.spans) {
            String text = span.getName() + span.getAttributes() + span.getEvents() + span.getStatus();
            assertFalse(text.contains(PROVIDER_KEY), span.getName());
        }
        String refused = given().auth().oauth2(ACME).contentType("application/yaml")
                .body("task: [unclosed".getBytes(StandardCharsets.UTF_8))
                .when().post("/jobs").then().statusCode(400).extract().asString();
        assertFalse(refused.contains(PROVIDER_KEY) || refused.contains(ACME));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String spec() throws Exception {
        JobSpec spec = JobSpecs.load(Path.of("../examples/task-api/job.yaml"));
        ObjectNode tree = Json.MAPPER.valueToTree(spec);
        tree.put("target", 4).put("approval", "manual").put("task", spec.task() + " " + UUID.randomUUID());
        for (String field : List.of("max_candidates", "axes", "complexity", "multi_turn", "judge", "dedup", "export",
                "rules", "temperature_range", "tools", "system_prompts")) {
            tree.remove(field);
        }
        return tree.toString();
    }
}
