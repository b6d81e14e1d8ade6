package dev.seedforge.console.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.FieldError;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.JobView;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.Plan;
import dev.seedforge.contracts.PlanCell;
import dev.seedforge.localstack.LocalStackTestResource;

/**
 * With no API token configured (the local demo) the console is open: pages need no sign-in, the sign-in page sends
 * the person to the jobs, the layout offers no sign-out, and nothing is sent to the generator as a token.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = GeneratorWireMock.class, restrictToAnnotatedClass = true)
class OpenConsoleTest {

    @Test
    void pagesAreOpenAndSigningInLeadsToTheJobs() {
        GeneratorWireMock.server.stubFor(get(urlEqualTo("/jobs")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("[]")));
        given().redirects().follow(false).accept("text/html").get("/").then().statusCode(200)
                .body(containsString("<h1>Jobs</h1>")).body(not(containsString("Sign out")));
        GeneratorWireMock.server.verify(getRequestedFor(urlEqualTo("/jobs")).withHeader("Authorization", absent()));
        given().redirects().follow(false).accept("text/html").get("/sign-in").then().statusCode(303)
                .header("Location", endsWith("/"));
    }

    /** The plan's warnings (seeds that break the job's rules) are on the job's page, above its cells. */
    @Test
    void theJobPageShowsThePlansWarnings() throws Exception {
        Plan plan = new Plan(List.of(new PlanCell("complexity=simple", Map.of(), "simple", false, 5)), List.of(),
                null, List.of(new FieldError("seeds[1]", "breaks the job's rules, so its imitations would be rejected:"
                        + " the final reply (turn 2) 'three' matches none of the 1 reply_must_match patterns")),
                List.of(1));
        JobView job = new JobView("job-warned", JobStatus.PLANNED, null, JobSpec.builder().name("counting")
                .task("Count things.").format(ExampleFormat.OPENAI).target(5).build(), plan, 0, null, Instant.now(),
                Instant.now());
        GeneratorWireMock.server.stubFor(get(urlEqualTo("/jobs/job-warned")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(Json.MAPPER.writeValueAsString(job))));
        given().accept("text/html").get("/jobs/job-warned").then().statusCode(200)
                .body(containsString("id=\"plan-warnings\""))
                .body(containsString("<code>seeds[1]</code> breaks the job&#39;s rules"));
    }
}
