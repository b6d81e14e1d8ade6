package dev.seedforge.simulator.domain;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides, per request, whether it fails on purpose instead of being answered. The draw comes from the configured
 * seed, the request's content and how many times that same request was sent before: a run is reproducible, yet a
 * retried request gets a fresh draw (otherwise a failed request would fail forever).
 */
public final class FaultInjector {

    private static final int MAX_TRACKED_REQUESTS = 200_000;
    private static final int[] SERVER_ERRORS = { 500, 502, 503 };

    private final long seed;
    private final FaultRates rates;
    private final Map<Long, AtomicInteger> attempts = new ConcurrentHashMap<>();

    public FaultInjector(long seed, FaultRates rates) {
        this.seed = seed;
        this.rates = rates;
    }

    public FaultRates rates() {
        return rates;
    }

    public Outcome decide(ChatInput request) {
        if (!rates.any()) {
            return Outcome.NONE;
        }
        long fingerprint = RequestRandom.fingerprint(request.messages(), request.temperature());
        if (attempts.size() > MAX_TRACKED_REQUESTS) {
            attempts.clear();
        }
        int attempt = attempts.computeIfAbsent(fingerprint, f -> new AtomicInteger()).getAndIncrement();
        SplittableRandom random = new SplittableRandom(
                RequestRandom.mix(RequestRandom.mix(seed, fingerprint), 0x5EEDFA17L + attempt));
        double draw = random.nextDouble();
        String model = request.model() == null ? "gpt-4o-mini" : request.model();
        if (draw < rates.rateLimitStormRate()) {
            return new Outcome(storm(model, random), 0);
        }
        draw -= rates.rateLimitStormRate();
        if (draw < rates.error5xxRate()) {
            return new Outcome(serverError(SERVER_ERRORS[random.nextInt(SERVER_ERRORS.length)]), 0);
        }
        draw -= rates.error5xxRate();
        if (draw < rates.timeoutRate()) {
            return new Outcome(null, rates.timeoutMs() + (long) (rates.timeoutMs() * (0.5 + random.nextDouble())));
        }
        return Outcome.NONE;
    }

    static SimulatedFault storm(String model, SplittableRandom random) {
        long waitMs = 100 + random.nextInt(1_900);
        String message = "Rate limit reached for " + model + " in organization org-seedforge on requests per min "
                + "(RPM): Limit 500, Used 500, Requested 1. Please try again in " + OpenAiDuration.format(waitMs)
                + ". Visit https://platform.openai.com/account/rate-limits to learn more.";
        return new SimulatedFault(429, RateLimiter.REQUESTS, "rate_limit_exceeded", message, Map.of(
                "retry-after", String.valueOf((waitMs + 999) / 1000), "retry-after-ms", String.valueOf(waitMs)));
    }

    static SimulatedFault serverError(int status) {
        return switch (status) {
            case 502 -> new SimulatedFault(502, "server_error", "bad_gateway", "Bad gateway.", Map.of());
            case 503 -> new SimulatedFault(503, "server_error", "service_unavailable",
                    "The engine is currently overloaded, please try again later.", Map.of());
            default -> new SimulatedFault(500, "server_error", null,
                    "The server had an error while processing your request. Sorry about that!", Map.of());
        };
    }

    /**
     * What happens to one request: a fault to answer with, or a delay longer than the client's timeout before the
     * normal answer, or neither.
     */
    public record Outcome(SimulatedFault fault, long timeoutDelayMs) {

        public static final Outcome NONE = new Outcome(null, 0);

        public boolean timesOut() {
            return timeoutDelayMs > 0;
        }
    }
}
