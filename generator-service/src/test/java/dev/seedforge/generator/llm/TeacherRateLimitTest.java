package dev.seedforge.generator.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.seedforge.contracts.LlmSpec;
import dev.seedforge.generator.RateLimitedTeacherWireMock;
import dev.seedforge.generator.RateLimitedTeacherWireMock.Arrival;
import dev.seedforge.generator.domain.GenerationPrompt;
import dev.seedforge.localstack.LocalStackTestResource;

/**
 * The limiter under 429s, through the real client chain: quarkus-langchain4j's OpenAI REST client, the
 * {@code @Provider} filter that reads the headers, the shared limiter and SmallRye Fault Tolerance's retries.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = RateLimitedTeacherWireMock.class, restrictToAnnotatedClass = true)
class TeacherRateLimitTest {

    /** Time a request already past the limiter may take to reach the provider after the window closed. */
    private static final Duration IN_FLIGHT_GRACE = Duration.ofMillis(400);

    @Inject
    TeacherClient teacher;

    private static GenerationPrompt prompt(String marker) {
        String id = UUID.randomUUID().toString();
        return new GenerationPrompt("complexity=simple", 1, "You write training examples.",
                marker + " " + id + ": write five Task API examples.", List.of(0, 1), 5, 0.7, false, id);
    }

    private static List<ServeEvent> requestsWith(String marker) {
        return RateLimitedTeacherWireMock.server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getBodyAsString().contains(marker))
                .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate())).toList();
    }

    @Test
    void aRetryAfterOfTwoSecondsMakesTheNextAttemptWaitTwoSeconds() throws Exception {
        TeacherAnswer answer = teacher.generate(new LlmSpec("openai", "gpt-4o-mini", null),
                prompt(RateLimitedTeacherWireMock.RETRY_AFTER_2), 500);
        assertTrue(answer.text().contains("examples"));
        List<ServeEvent> requests = requestsWith(RateLimitedTeacherWireMock.RETRY_AFTER_2);
        assertEquals(List.of(429, 200), requests.stream().map(e -> e.getResponse().getStatus()).toList());
        long gap = requests.get(1).getRequest().getLoggedDate().getTime()
                - requests.get(0).getRequest().getLoggedDate().getTime();
        assertTrue(gap >= 2000, "the retry came " + gap + " ms after the 429, before its retry-after of 2 s");
    }

    @Test
    void withoutRetryAfterThe429sResetHeaderIsHonoured() throws Exception {
        teacher.generate(new LlmSpec("openai", "gpt-4o-mini", null), prompt(RateLimitedTeacherWireMock.RESET_ONLY), 500);
        List<ServeEvent> requests = requestsWith(RateLimitedTeacherWireMock.RESET_ONLY);
        assertEquals(List.of(429, 200), requests.stream().map(e -> e.getResponse().getStatus()).toList());
        long gap = requests.get(1).getRequest().getLoggedDate().getTime()
                - requests.get(0).getRequest().getLoggedDate().getTime();
        assertTrue(gap >= 1500, "the retry came " + gap + " ms after the 429, before x-ratelimit-reset-requests 1.5s");
    }

    @Test
    void aBurstOfCallsStaysWithinTheProvidersWindowAndEveryCallSucceeds() throws Exception {
        int calls = 12;
        List<Future<TeacherAnswer>> answers = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < calls; i++) {
                answers.add(callers.submit(() -> teacher.generate(new LlmSpec("openai", "gpt-4o-mini", null),
                        prompt(RateLimitedTeacherWireMock.BURST), 500)));
            }
            for (Future<TeacherAnswer> answer : answers) {
                assertTrue(answer.get().text().contains("examples"), "every call ends with an answer");
            }
        }
        List<Arrival> arrivals = RateLimitedTeacherWireMock.WINDOWED.arrivals();
        assertEquals(calls, arrivals.stream().filter(a -> !a.refused()).count());
        Map<Long, List<Arrival>> byWindow = arrivals.stream()
                .collect(Collectors.groupingBy(Arrival::windowNumber));
        for (List<Arrival> window : byWindow.values()) {
            assertTrue(window.stream().filter(a -> !a.refused()).count() <= RateLimitedTeacherWireMock.WINDOW_REQUESTS);
            Instant firstRefusal = window.stream().filter(Arrival::refused).map(Arrival::at).min(Instant::compareTo)
                    .orElse(null);
            if (firstRefusal == null) {
                continue;
            }
            // after the first 429 of a window every call waits for it to reopen; only calls already sent arrive
            List<Arrival> late = window.stream().filter(a -> a.refused()
                    && a.at().isAfter(firstRefusal.plus(IN_FLIGHT_GRACE))).toList();
            assertTrue(late.isEmpty(), "requests sent into a window the provider had closed: " + late + " of "
                    + arrivals);
        }
    }
}
