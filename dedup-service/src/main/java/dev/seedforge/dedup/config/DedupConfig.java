package dev.seedforge.dedup.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import dev.seedforge.dedup.domain.ComparedText;

@ConfigMapping(prefix = "dedup")
public interface DedupConfig {

    /** Which text of an example is compared: the user turns by default. */
    @WithDefault("user")
    ComparedText compare();
}
