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

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

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
}
