package dev.seedforge.simulator.domain;

/**
 * Shares of requests that fail on purpose, each drawn per request: spurious 429s ({@code rate-limit-storm-rate}),
 * server errors 500/502/503 ({@code error-5xx-rate}) and answers slower than {@code timeout-ms}
 * ({@code timeout-rate}).
 */
public record FaultRates(double rateLimitStormRate, double error5xxRate, double timeoutRate, long timeoutMs) {

    public static final FaultRates NONE = new FaultRates(0, 0, 0, 15_000);

    public FaultRates {
        GenerationShares.requireRate("rate-limit-storm-rate", rateLimitStormRate);
        GenerationShares.requireRate("error-5xx-rate", error5xxRate);
        GenerationShares.requireRate("timeout-rate", timeoutRate);
        if (rateLimitStormRate + error5xxRate + timeoutRate > 1.0) {
            throw new IllegalArgumentException(
                    "rate-limit-storm-rate + error-5xx-rate + timeout-rate must not exceed 1");
        }
        if (timeoutMs <= 0) {
            throw new IllegalArgumentException("timeout-ms must be positive, was " + timeoutMs);
        }
    }

    public boolean any() {
        return rateLimitStormRate + error5xxRate + timeoutRate > 0;
    }
}
