package dev.seedforge.generator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * An OpenAI endpoint over its rate limit, as tests of the limiter need it:
 * <ul>
 * <li>{@link #RETRY_AFTER_2}: the first request is refused with {@code retry-after: 2}, the next answered;</li>
 * <li>{@link #RESET_ONLY}: the first request is refused without {@code retry-after}, only with OpenAI's
 * {@code x-ratelimit-remaining-requests: 0} and {@code x-ratelimit-reset-requests: 1.5s};</li>
 * <li>{@link #BURST}: a provider that allows {@link #WINDOW_REQUESTS} requests per {@link #WINDOW} window and
 * refuses the rest with the headers OpenAI sends; it records every arrival.</li>
 * </ul>
 */
public class RateLimitedTeacherWireMock implements QuarkusTestResourceLifecycleManager {

    public static final String RETRY_AFTER_2 = "RETRY-AFTER-TWO";
    public static final String RESET_ONLY = "RESET-HEADERS-ONLY";
    public static final String BURST = "BURST-OF-CALLS";
    public static final int WINDOW_REQUESTS = 3;
    public static final Duration WINDOW = Duration.ofSeconds(2);

    public static WireMockServer server;
    public static final FixedWindow WINDOWED = new FixedWindow();

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(WINDOWED));
        server.start();
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(5).willReturn(ok()));
        refuseOnce(RETRY_AFTER_2, aResponse().withStatus(429).withHeader("retry-after", "2"));
        refuseOnce(RESET_ONLY, aResponse().withStatus(429).withHeader("x-ratelimit-limit-requests", "500")
                .withHeader("x-ratelimit-remaining-requests", "0").withHeader("x-ratelimit-reset-requests", "1.5s")
                .withHeader("x-ratelimit-remaining-tokens", "190000").withHeader("x-ratelimit-reset-tokens", "6m0s"));
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(1).withRequestBody(containing(BURST))
                .willReturn(ok().withTransformers(FixedWindow.NAME)));
        return Map.of("quarkus.langchain4j.openai.teacher.base-url", server.baseUrl() + "/v1");
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(TeacherWireMock.completion(TeacherWireMock.FIVE_EXAMPLES));
    }

    private static void refuseOnce(String marker,
            com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder refusal) {
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(1).withRequestBody(containing(marker))
                .inScenario(marker).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(refusal.withHeader("Content-Type", "application/json").withBody(
                        "{\"error\":{\"message\":\"Rate limit reached for gpt-4o-mini on requests per min (RPM)\","
                                + "\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}"))
                .willSetStateTo("answered"));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** One request as the provider saw it: when it came, whether it passed, and when its window reopened. */
    public record Arrival(Instant at, boolean refused, Instant windowReopens, long windowNumber) {
    }

    /** A fixed-window limit of {@link #WINDOW_REQUESTS} per {@link #WINDOW}, refusing with OpenAI's headers. */
    public static final class FixedWindow implements ResponseDefinitionTransformerV2 {

        static final String NAME = "fixed-window";

        private final List<Arrival> arrivals = new ArrayList<>();
        private Instant windowStart = Instant.EPOCH;
        private long windowNumber;
        private int used;

        @Override
        public synchronized ResponseDefinition transform(ServeEvent event) {
            Instant now = Instant.now();
            if (!now.isBefore(windowStart.plus(WINDOW))) {
                windowStart = now;
                windowNumber++;
                used = 0;
            }
            Instant reopens = windowStart.plus(WINDOW);
            long resetMs = Math.max(1, Duration.between(now, reopens).toMillis());
            boolean refused = used >= WINDOW_REQUESTS;
            arrivals.add(new Arrival(now, refused, reopens, windowNumber));
            if (refused) {
                return aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withHeader("retry-after", String.valueOf((resetMs + 999) / 1000))
                        .withHeader("retry-after-ms", String.valueOf(resetMs))
                        .withHeader("x-ratelimit-limit-requests", String.valueOf(WINDOW_REQUESTS))
                        .withHeader("x-ratelimit-remaining-requests", "0")
                        .withHeader("x-ratelimit-reset-requests", resetMs + "ms")
                        .withBody("{\"error\":{\"message\":\"Rate limit reached for gpt-4o-mini on requests per min"
                                + " (RPM): Please try again in " + resetMs + "ms.\",\"type\":\"requests\","
                                + "\"code\":\"rate_limit_exceeded\"}}")
                        .build();
            }
            used++;
            return com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.like(event.getResponseDefinition()).but()
                    .withHeader("x-ratelimit-limit-requests", String.valueOf(WINDOW_REQUESTS))
                    .withHeader("x-ratelimit-remaining-requests", String.valueOf(WINDOW_REQUESTS - used))
                    .withHeader("x-ratelimit-reset-requests", resetMs + "ms")
                    .build();
        }

        public synchronized List<Arrival> arrivals() {
            return List.copyOf(arrivals);
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }
}
