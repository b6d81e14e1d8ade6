package dev.seedforge.simulator.config;

import java.util.Arrays;
import java.util.Locale;

import dev.seedforge.simulator.domain.LatencyModel;

/**
 * Named settings of rate limits and latency that {@code simulator.profile} switches on at once; explicit keys still
 * override each figure.
 */
public enum SimulatorProfile {

    /** No limits, no latency: what tests want. */
    NONE("none", 0, 0, new LatencyModel(0, 0, 0)),
    /**
     * An OpenAI usage tier 1 account calling gpt-4o-mini: 500 requests and 200,000 tokens per minute, about 400 ms to
     * the first token and 8 ms per output token (125 tokens/s), up to 200 ms of jitter.
     */
    TIER1_GPT_4O_MINI("tier1-gpt-4o-mini", 500, 200_000, new LatencyModel(400, 8, 200));

    private final String id;
    private final long requestsPerMinute;
    private final long tokensPerMinute;
    private final LatencyModel latency;

    SimulatorProfile(String id, long requestsPerMinute, long tokensPerMinute, LatencyModel latency) {
        this.id = id;
        this.requestsPerMinute = requestsPerMinute;
        this.tokensPerMinute = tokensPerMinute;
        this.latency = latency;
    }

    public String id() {
        return id;
    }

    public long requestsPerMinute() {
        return requestsPerMinute;
    }

    public long tokensPerMinute() {
        return tokensPerMinute;
    }

    public LatencyModel latency() {
        return latency;
    }

    public static SimulatorProfile of(String id) {
        String wanted = id == null ? "none" : id.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.id.equals(wanted) || p.name().equalsIgnoreCase(wanted))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown simulator.profile '" + id
                        + "'; known: " + Arrays.stream(values()).map(SimulatorProfile::id).toList()));
    }
}
