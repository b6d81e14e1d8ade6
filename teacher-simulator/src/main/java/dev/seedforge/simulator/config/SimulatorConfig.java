package dev.seedforge.simulator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import dev.seedforge.simulator.domain.GenerationShares;

/** How the simulator behaves; every key can be overridden by environment, e.g. {@code SIMULATOR_SEED=7}. */
@ConfigMapping(prefix = "simulator")
public interface SimulatorConfig {

    /** Base of every request's random source: same seed and request, same answer. */
    @WithDefault("42")
    long seed();

    /** Added to every answer before it is sent. */
    @WithDefault("0")
    long latencyMs();

    /** Up to this much more latency, drawn per request. */
    @WithDefault("0")
    long latencyJitterMs();

    /** Share of generated examples that are exact copies of a seed or of an earlier example. */
    @WithDefault("0.02")
    double duplicateRate();

    /** Share of generated examples that are seeds with trivial changes only. */
    @WithDefault("0.02")
    double nearDuplicateRate();

    /** Share of generated examples with a structural defect. */
    @WithDefault("0.03")
    double invalidExampleRate();

    /** Share of generation answers cut off mid-example (finish_reason "length"). */
    @WithDefault("0.0")
    double malformedRate();

    default GenerationShares shares() {
        return new GenerationShares(duplicateRate(), nearDuplicateRate(), invalidExampleRate(), malformedRate());
    }
}
