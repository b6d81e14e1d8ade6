package dev.seedforge.simulator.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The rate limits over HTTP: OpenAI's 429 body and headers, per-key buckets, and the stats endpoint. */
@QuarkusTest
@TestProfile(RateLimitedResourceTest.LowLimits.class)
class RateLimitedResourceTest {

    /** Three requests a minute, so that the fourth in a row is refused; the profile's latency stays off. */
    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("simulator.profile", "tier1-gpt-4o-mini", "simulator.requests-per-minute", "3",
                    "simulator.latency-ms", "0", "simulator.latency-per-token-ms", "0",
                    "simulator.latency-jitter-ms", "0");
        }
    }

    private static Response chat(String key, int n) {
        String body = "{\"model\":\"gpt-4o-mini\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Say hello number " + n + "\"}]}";
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + key).body(body)
                .post("/v1/chat/completions");
    }

    @Test
    void theFourthRequestOfAMinuteIsRefusedLikeOpenAiDoes() {
        given().post("/simulator/reset").then().statusCode(200);
        for (int i = 0; i < 3; i++) {
            chat("sk-test-one", i).then().statusCode(200)
                    .header("x-ratelimit-limit-requests", "3")
                    .header("x-ratelimit-limit-tokens", "200000")
                    .header("x-ratelimit-remaining-requests", String.valueOf(2 - i))
                    .header("x-ratelimit-reset-requests", matchesPattern("\\d+(\\.\\d+)?m?s|\\d+m\\d+(\\.\\d+)?s"));
        }
        chat("sk-test-one", 3).then().statusCode(429)
                .header("retry-after", matchesPattern("\\d+"))
                .header("retry-after-ms", matchesPattern("\\d+"))
                .header("x-ratelimit-remaining-requests", "0")
                .header("x-ratelimit-remaining-tokens", matchesPattern("\\d+"))
                .header("x-ratelimit-reset-tokens", matchesPattern(".*s"))
                .body("error.type", equalTo("requests"))
                .body("error.code", equalTo("rate_limit_exceeded"))
                .body("error.param", nullValue())
                .body("error.message", containsString("Rate limit reached for gpt-4o-mini in organization "
                        + "org-seedforge on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in"));
        long retryMs = Long.parseLong(chat("sk-test-one", 4).header("retry-after-ms"));
        assertTrue(retryMs > 0 && retryMs <= 20_000, "one request refills every 20 s at 3/min: " + retryMs);

        chat("sk-test-two", 0).then().statusCode(200).header("x-ratelimit-remaining-requests", "2");

        given().get("/simulator/stats").then().statusCode(200)
                .body("requests", equalTo(6))
                .body("completions", equalTo(4))
                .body("rate_limited", equalTo(2))
                .body("rated_tokens", greaterThanOrEqualTo(400))
                .body("last_minute.requests", equalTo(4))
                .body("config.requests_per_minute", equalTo(3))
                .body("config.tokens_per_minute", equalTo(200000))
                .body("config.profile", equalTo("tier1-gpt-4o-mini"));
    }
}
