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

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;

import dev.seedforge.localstack.LocalStackTestResource;

/**
 * With no API token configured (the local demo) the console is open: pages need no sign-in, the sign-in page sends
 * the person to the jobs, the layout offers no sign-out, and nothing is sent to the generator as a token.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = OpenConsoleTest.Generator.class, restrictToAnnotatedClass = true)
class OpenConsoleTest {

    @Test
    void pagesAreOpenAndSigningInLeadsToTheJobs() {
        Generator.server.stubFor(get(urlEqualTo("/jobs")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("[]")));
        given().redirects().follow(false).accept("text/html").get("/").then().statusCode(200)
                .body(containsString("<h1>Jobs</h1>")).body(not(containsString("Sign out")));
        Generator.server.verify(getRequestedFor(urlEqualTo("/jobs")).withHeader("Authorization", absent()));
        given().redirects().follow(false).accept("text/html").get("/sign-in").then().statusCode(303)
                .header("Location", endsWith("/"));
    }

    /** WireMock as the generator, and no token. */
    public static class Generator implements QuarkusTestResourceLifecycleManager {

        static WireMockServer server;

        @Override
        public Map<String, String> start() {
            server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
            server.start();
            return Map.of("quarkus.rest-client.generator.url", server.baseUrl(),
                    "quarkus.rest-client.exporter.url", server.baseUrl());
        }

        @Override
        public void stop() {
            if (server != null) {
                server.stop();
            }
        }
    }
}
