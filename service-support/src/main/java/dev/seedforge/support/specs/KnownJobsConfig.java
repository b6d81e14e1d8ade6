package dev.seedforge.support.specs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How many job specs a stage keeps in memory ({@link KnownJobs}); the least recently used go first. */
@ConfigMapping(prefix = "seedforge.job-specs")
public interface KnownJobsConfig {

    /** Most jobs kept. */
    @WithDefault("10000")
    int maxJobs();

    /** Most bytes of spec records kept (as their JSON), 256 MiB: sixteen specs of the largest size the API takes. */
    @WithDefault("268435456")
    long maxBytes();
}
