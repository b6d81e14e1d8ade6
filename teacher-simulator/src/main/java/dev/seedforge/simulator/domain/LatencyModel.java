package dev.seedforge.simulator.domain;

import java.util.SplittableRandom;

/**
 * How long a real model takes to answer: a fixed time to first token plus a time per output token, plus up to
 * {@code jitterMs} more drawn per request.
 */
public record LatencyModel(long baseMs, double perOutputTokenMs, long jitterMs) {

    public static final LatencyModel NONE = new LatencyModel(0, 0, 0);

    public LatencyModel {
        if (baseMs < 0 || perOutputTokenMs < 0 || jitterMs < 0) {
            throw new IllegalArgumentException("latency figures must not be negative");
        }
    }

    public long millis(int completionTokens, SplittableRandom random) {
        long millis = baseMs + Math.round(perOutputTokenMs * Math.max(0, completionTokens));
        return jitterMs > 0 ? millis + random.nextLong(jitterMs + 1) : millis;
    }
}
