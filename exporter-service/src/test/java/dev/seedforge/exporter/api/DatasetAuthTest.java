package dev.seedforge.exporter.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.JobView;
import dev.seedforge.contracts.Json;
import dev.seedforge.exporter.persistence.DatasetManifestEntity;
import dev.seedforge.localstack.LocalStackTestResource;

/**
 * The exporter with API tokens configured: a dataset is served only to its job's owner (as the generator reports it,
 * asked with the operator token) and to the operator; the operations endpoints stay open.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = DatasetAuthTest.Generator.class, restrictToAnnotatedClass = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatasetAuthTest {

    static final String OPERATOR = "operator-token-" + UUID.randomUUID();
    static final String ACME = "acme-token-" + UUID.randomUUID();
    static final String GLOBEX = "globex-token-" + UUID.randomUUID();
    static final String JOB = "job-auth-" + UUID.randomUUID().toString().substring(0, 8);
    static WireMockServer generator;
    static Path output;

    /** The generator's job API, serving {@link #JOB} as acme's, and the exporter's tokens. */
    public static class Generator implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            generator = new WireMockServer(WireMockConfiguration.options().dynamicPort());
            generator.start();
            try {
                generator.stubFor(get(urlEqualTo("/jobs/" + JOB)).willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json").withBody(Json.MAPPER.writeValueAsString(
                                new JobView(JOB, JobStatus.COMPLETED, null, null, null, 1, null, Instant.now(),
                                        Instant.now(), null, "acme")))));
                output = Files.createTempDirectory("exporter-auth-");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return Map.of("quarkus.rest-client.generator.url", generator.baseUrl(),
                    "exporter.output-dir", output.toString(),
                    "seedforge.api.token", OPERATOR,
                    "seedforge.api.tokens", "acme:" + ACME + ",globex:" + GLOBEX);
        }

        @Override
        public void stop() {
            generator.stop();
        }
    }

    @BeforeAll
    void aFinishedDatasetOfAcme() throws Throwable {
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

        // the exporter asked the generator with the operator token, and only once for the owner
        generator.verify(getRequestedFor(urlEqualTo("/jobs/" + JOB)).withHeader("Authorization",
                equalTo("Bearer " + OPERATOR)));
        generator.verify(1, getRequestedFor(urlEqualTo("/jobs/" + JOB)));

        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);
    }
}
