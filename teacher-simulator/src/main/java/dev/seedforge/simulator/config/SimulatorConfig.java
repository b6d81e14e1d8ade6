package dev.seedforge.simulator.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import dev.seedforge.simulator.domain.BatchSettings;
import dev.seedforge.simulator.domain.FaultRates;
import dev.seedforge.simulator.domain.GenerationShares;
import dev.seedforge.simulator.domain.LatencyModel;

/**
 * How the simulator behaves; every key can be overridden by environment, e.g. {@code SIMULATOR_SEED=7}. Rate limits
 * and latency come from {@code simulator.profile} unless set one by one.
 */
@ConfigMapping(prefix = "simulator")
public interface SimulatorConfig {

    /** Base of every request's random source: same seed and request, same answer. */
    @WithDefault("42")
    long seed();

    /** {@code none} or {@code tier1-gpt-4o-mini}: rate limits and latency at once. */
    @WithDefault("none")
    String profile();

    /** Requests per minute per API key; 0 means unlimited. */
    Optional<Long> requestsPerMinute();

    /** Tokens (prompt + max_tokens, or prompt + completion) per minute per API key; 0 means unlimited. */
    Optional<Long> tokensPerMinute();

    /** Fixed part of every answer's latency. */
    Optional<Long> latencyMs();

    /** Latency per completion token. */
    Optional<Double> latencyPerTokenMs();

    /** Up to this much more latency, drawn per request. */
    Optional<Long> latencyJitterMs();

    /** Share of generated examples that are exact copies of a seed or of an earlier example. */
    @WithDefault("0.02")
    double duplicateRate();

    /** Share of generated examples that are seeds with trivial changes only. */
    @WithDefault("0.02")
    double nearDuplicateRate();

    /** Share of generated examples with a structural defect (or off-schema tool arguments). */
    @WithDefault("0.03")
    double invalidExampleRate();

    /** Share of generation answers cut off mid-example (finish_reason "length"). */
    @WithDefault("0.0")
    double malformedRate();

    /** Share of JSON answers that are not valid JSON although finish_reason is "stop". */
    @WithDefault("0.0")
    double brokenJsonRate();

    /** Share of requests answered with 500, 502 or 503 (named as documented: the default name is error5xx-rate). */
    @WithName("error-5xx-rate")
    @WithDefault("0.0")
    double error5xxRate();

    /** Share of requests answered only after 1.5 to 2.5 times {@code timeout-ms}. */
    @WithDefault("0.0")
    double timeoutRate();

    /** The client timeout that timed-out answers exceed. */
    @WithDefault("15000")
    long timeoutMs();

    /** Share of requests refused with a spurious 429, whatever the limits. */
    @WithDefault("0.0")
    double rateLimitStormRate();

    /** Time from a batch's creation to its completion (validating and finalizing take a tenth of it each). */
    @WithDefault("3000")
    long batchCompletionDelayMs();

    /** Share of a batch's requests that end in its error file with a 500 (a retry in a new batch may pass). */
    @WithDefault("0.0")
    double batchFailedRequestRate();

    /** Share of batches that expire part-way: their unfinished requests end as {@code batch_expired}. */
    @WithDefault("0.0")
    double batchExpiredRate();

    default BatchSettings batchSettings() {
        return new BatchSettings(batchCompletionDelayMs(), batchFailedRequestRate(), batchExpiredRate());
    }

    default GenerationShares shares() {
        return new GenerationShares(duplicateRate(), nearDuplicateRate(), invalidExampleRate(), malformedRate());
    }

    default FaultRates faultRates() {
        return new FaultRates(rateLimitStormRate(), error5xxRate(), timeoutRate(), timeoutMs());
    }

    default SimulatorProfile selectedProfile() {
        return SimulatorProfile.of(profile());
    }

    default long effectiveRequestsPerMinute() {
        return requestsPerMinute().orElse(selectedProfile().requestsPerMinute());
    }

    default long effectiveTokensPerMinute() {
        return tokensPerMinute().orElse(selectedProfile().tokensPerMinute());
    }

    default LatencyModel latency() {
        LatencyModel base = selectedProfile().latency();
        return new LatencyModel(latencyMs().orElse(base.baseMs()),
                latencyPerTokenMs().orElse(base.perOutputTokenMs()), latencyJitterMs().orElse(base.jitterMs()));
    }
}
