package dev.seedforge.exporter.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.exporter.persistence.DatasetManifestEntity;
import dev.seedforge.localstack.LocalStackTestResource;
import dev.seedforge.support.specs.KnownJobs;
import dev.seedforge.testsupport.KafkaTopics;
import dev.seedforge.testsupport.OpenApiDocument;

/**
 * The exporter with API tokens configured: a dataset and its review are served only to its job's owner (as the
 * generator recorded it on {@code job-specs}) and to the operator; the operations endpoints stay open.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = DatasetAuthTest.Tokens.class, restrictToAnnotatedClass = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatasetAuthTest {

    static final String OPERATOR = "operator-token-" + UUID.randomUUID();
    static final String ACME = "acme-token-" + UUID.randomUUID();
    static final String GLOBEX = "globex-token-" + UUID.randomUUID();
    static final String JOB = "job-auth-" + UUID.randomUUID().toString().substring(0, 8);
    static Path output;

    @Inject
    KnownJobs known;

    /** The exporter's tokens and output directory. */
    public static class Tokens implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            try {
                output = Files.createTempDirectory("exporter-auth-");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return Map.of("exporter.output-dir", output.toString(),
                    "seedforge.api.token", OPERATOR,
                    "seedforge.api.tokens", "acme:" + ACME + ",globex:" + GLOBEX);
        }

        @Override
        public void stop() {
        }
    }

    @BeforeAll
    void aFinishedDatasetOfAcme() throws Throwable {
        try (KafkaTopics topics = new KafkaTopics(LocalStackTestResource.kafkaBootstrapServers())) {
            topics.sendJobSpec(JOB, JobSpec.builder().name("auth").task("t").format(ExampleFormat.OPENAI).target(1)
                    .build(), null, "acme");
        }
        known.when(JOB).await().atMost(Duration.ofSeconds(60));
        Path directory = Files.createDirectories(output.resolve(JOB));
        Files.writeString(directory.resolve("train.jsonl"), "{\"messages\":[]}\n");
        DatasetManifestEntity manifest = new DatasetManifestEntity();
        manifest.jobId = JOB;
        manifest.name = "auth";
        manifest.format = "openai";
        manifest.status = "COMPLETED";
        manifest.directory = directory.toString();
        manifest.files(List.of("train.jsonl"));
        manifest.finishedAt = Instant.now();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(manifest::persist));
    }

    @Test
    void onlyTheOwnerAndTheOperatorReachADataset() {
        given().when().get("/datasets/" + JOB).then().statusCode(401);
        String wrong = "wrong-" + UUID.randomUUID();
        String body = given().auth().oauth2(wrong).when().get("/datasets/" + JOB).then().statusCode(401).extract()
                .asString();
        assertFalse(body.contains(wrong));

        given().auth().oauth2(ACME).when().get("/datasets/" + JOB).then().statusCode(200).body("manifest.jobId",
                is(JOB));
        given().auth().oauth2(ACME).when().get("/datasets/" + JOB + "/files/train.jsonl").then().statusCode(200);
        given().auth().oauth2(OPERATOR).when().get("/datasets/" + JOB).then().statusCode(200);

        given().auth().oauth2(GLOBEX).when().get("/datasets/" + JOB).then().statusCode(403);
        given().auth().oauth2(GLOBEX).when().get("/datasets/" + JOB + "/files/train.jsonl").then().statusCode(403);
        given().auth().oauth2(GLOBEX).when().get("/datasets").then().statusCode(200)
                .body("jobId", not(hasItem(JOB)));
        given().auth().oauth2(ACME).when().get("/datasets").then().statusCode(200).body("jobId", hasItem(JOB));

        // a job this exporter has no spec of belongs to no tenant
        given().auth().oauth2(ACME).when().get("/datasets/unknown-" + UUID.randomUUID()).then().statusCode(
                403);

        // the review is the dataset's too (its service calls the validator with the operator token)
        given().auth().oauth2(ACME).when().get("/datasets/" + JOB + "/review").then().statusCode(200)
                .body("jobId", is(JOB));
        given().auth().oauth2(GLOBEX).when().get("/datasets/" + JOB + "/review").then().statusCode(403);

        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);
    }

    /** The API description needs no token even with tokens configured, and describes every operation and the scheme. */
    @Test
    void theApiDescriptionIsOpenAndDescribesEveryOperation() throws Exception {
        given().when().get("/q/swagger-ui").then().statusCode(200);
        com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                        .extract().asString());
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), OpenApiDocument.problems(doc,
                "SeedForge exporter-service",
                java.util.List.of(new OpenApiDocument.Operation("get", "/datasets", "401", "403"),
                        new OpenApiDocument.Operation("get", "/datasets/{jobId}", "401", "403"),
                        new OpenApiDocument.Operation("get", "/datasets/{jobId}/files/{name}", "401", "403"),
                        new OpenApiDocument.Operation("get", "/datasets/{jobId}/review", "401", "403"),
                        new OpenApiDocument.Operation("post",
                                "/datasets/{jobId}/review/examples/{candidateId}/reject", "401", "403", "400"),
                        new OpenApiDocument.Operation("put", "/datasets/{jobId}/review/examples/{candidateId}",
                                "401", "403"),
                        new OpenApiDocument.Operation("post", "/datasets/{jobId}/review/approve", "401", "403"))));
    }
}
