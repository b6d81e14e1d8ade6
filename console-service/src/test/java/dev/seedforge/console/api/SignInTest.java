package dev.seedforge.console.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import dev.seedforge.console.security.SignInCookieMechanism;
import dev.seedforge.localstack.LocalStackTestResource;

/**
 * With API tokens on, a browser signs in on the console with its token (a cookie), and the console passes that token
 * on to the generator as the caller's bearer header; API calls without a token still get 401. The generator is
 * WireMock here; Kafka is the local stack's.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = SignInTest.Tenant.class, restrictToAnnotatedClass = true)
class SignInTest {

    private static final String TOKEN = "acme-secret-token-1234";

    @BeforeEach
    void stubJobs() {
        GeneratorWireMock.server.resetAll();
        GeneratorWireMock.server.stubFor(get(urlEqualTo("/jobs")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("[]")));
    }

    @Test
    void aPageAskedForWithoutATokenSendsTheBrowserToSignIn() {
        given().redirects().follow(false).accept("text/html").get("/jobs/job-1/review").then().statusCode(303)
                .header("Location", containsString("/sign-in?next=%2Fjobs%2Fjob-1%2Freview"));
        // htmx's own requests and API clients are told 401, not sent to a page
        given().redirects().follow(false).accept("text/html").header("HX-Request", "true").get("/jobs-table").then()
                .statusCode(401);
        given().redirects().follow(false).accept("application/json").get("/").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"));
        given().accept("text/html").get("/sign-in?next=/jobs/job-1/review").then().statusCode(200)
                .body(containsString("name=\"token\"")).body(containsString("value=\"/jobs/job-1/review\""));
    }

    @Test
    void aWrongTokenIsRefusedWithoutShowingIt() {
        given().redirects().follow(false).formParam("token", "not-the-token-5678").formParam("next", "/").post("/sign-in")
                .then().statusCode(401).body(containsString("not one this deployment accepts"))
                .body(not(containsString("not-the-token-5678"))).header("Set-Cookie", nullValue());
    }

    @Test
    void aSignedInBrowserSeesThePagesAndTheGeneratorGetsItsToken() {
        Response signedIn = given().redirects().follow(false).formParam("token", TOKEN)
                .formParam("next", "/jobs/job-1/review").post("/sign-in");
        assertEquals(303, signedIn.statusCode());
        assertTrue(signedIn.header("Location").endsWith("/jobs/job-1/review"), signedIn.header("Location"));
        String setCookie = signedIn.header("Set-Cookie");
        assertNotNull(setCookie);
        assertTrue(setCookie.startsWith(SignInCookieMechanism.COOKIE + "=" + TOKEN), setCookie);
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.toLowerCase().contains("samesite=strict"), setCookie);

        given().redirects().follow(false).accept("text/html").cookie(SignInCookieMechanism.COOKIE, TOKEN).get("/")
                .then().statusCode(200).body(containsString("Sign out"));
        GeneratorWireMock.server.verify(getRequestedFor(urlEqualTo("/jobs"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));

        // a cookie with a token that is not (or no longer) configured is sent back to sign in
        given().redirects().follow(false).accept("text/html").cookie(SignInCookieMechanism.COOKIE, "stale")
                .get("/").then().statusCode(303).header("Location", containsString("/sign-in"));
        // the bearer header keeps working for scripts
        given().redirects().follow(false).accept("text/html").header("Authorization", "Bearer " + TOKEN).get("/")
                .then().statusCode(200);
    }

    @Test
    void signingInNeverSendsTheBrowserToAnotherSite() {
        for (String next : new String[] { "//evil.example/x", "https://evil.example/", "/\\evil.example", "" }) {
            String location = given().redirects().follow(false).formParam("token", TOKEN).formParam("next", next)
                    .post("/sign-in").then().statusCode(303).extract().header("Location");
            assertTrue(location.matches("https?://[^/]+/"), next + " -> " + location);
        }
    }

    @Test
    void anotherSitesFormCannotSignThisBrowserIn() {
        given().redirects().follow(false).header("Origin", "https://evil.example").formParam("token", TOKEN)
                .formParam("next", "/").post("/sign-in").then().statusCode(403).header("Set-Cookie", nullValue());
        String location = given().redirects().follow(false).header("Origin", io.restassured.RestAssured.baseURI
                + ":" + io.restassured.RestAssured.port).formParam("token", TOKEN).formParam("next", "/")
                .post("/sign-in").then().statusCode(303).extract().header("Location");
        assertTrue(location.endsWith("/"), location);
    }

    @Test
    void signingOutDropsTheCookie() {
        String setCookie = given().redirects().follow(false).cookie(SignInCookieMechanism.COOKIE, TOKEN)
                .get("/sign-out").then().statusCode(303).header("Location", containsString("/sign-in")).extract()
                .header("Set-Cookie");
        assertTrue(setCookie.startsWith(SignInCookieMechanism.COOKIE + "=;"), setCookie);
        assertTrue(setCookie.contains("Max-Age=0"), setCookie);
    }

    /** The generator (WireMock) and a tenant's token for the console. */
    public static class Tenant extends GeneratorWireMock {

        @Override
        protected Map<String, String> config() {
            return Map.of("seedforge.api.tokens", "acme:" + TOKEN);
        }
    }
}
