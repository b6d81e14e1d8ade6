package dev.seedforge.simulator.api;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.seedforge.simulator.config.SimulatorConfig;
import dev.seedforge.simulator.domain.BatchQueue;
import dev.seedforge.simulator.domain.LatencyModel;
import dev.seedforge.simulator.domain.RateLimiter;
import dev.seedforge.simulator.domain.UsageStats;

/**
 * What the simulator served and how it is configured, for benchmarks: {@code GET /simulator/stats}; and
 * {@code POST /simulator/reset} to start a measurement from zero with full rate-limit buckets.
 */
@Path("/simulator")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    private final UsageStats stats;
    private final RateLimiter limiter;
    private final LatencyModel latency;
    private final SimulatorConfig config;
    private final BatchQueue batches;

    public StatsResource(UsageStats stats, RateLimiter limiter, LatencyModel latency, SimulatorConfig config,
            BatchQueue batches) {
        this.batches = batches;
        this.stats = stats;
        this.limiter = limiter;
        this.latency = latency;
        this.config = config;
    }

    @GET
    @Path("/stats")
    public Map<String, Object> stats() {
        Map<String, Object> out = new LinkedHashMap<>(stats.snapshot());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("profile", config.profile());
        settings.put("requests_per_minute", limiter.requestsPerMinute());
        settings.put("tokens_per_minute", limiter.tokensPerMinute());
        settings.put("latency_ms", latency.baseMs());
        settings.put("latency_per_token_ms", latency.perOutputTokenMs());
        settings.put("latency_jitter_ms", latency.jitterMs());
        settings.put("faults", config.faultRates());
        settings.put("batch", batches.settings());
        out.put("batch", batches.stats());
        out.put("config", settings);
        return out;
    }

    @POST
    @Path("/reset")
    public Map<String, Object> reset() {
        stats.reset();
        limiter.reset();
        batches.resetStats();
        return stats();
    }
}
