package dev.seedforge.support.health;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the LLM provider's reachability is checked ({@link ProviderReachabilityCheck}). */
@ConfigMapping(prefix = "seedforge.provider-check")
public interface ProviderCheckConfig {

    @WithDefault("true")
    boolean enabled();

    /** Connect and answer timeout of one probe. */
    @WithDefault("3s")
    Duration timeout();

    /** Probes closer together than this reuse the last answer. */
    @WithDefault("15s")
    Duration minInterval();

    /** How long the provider may be away before readiness reports DOWN; 0 never does. */
    @WithDefault("5m")
    Duration downAfter();
}
