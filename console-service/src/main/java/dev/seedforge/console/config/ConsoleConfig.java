package dev.seedforge.console.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The console's own settings; the services' addresses are the REST clients' ({@code quarkus.rest-client.*.url}). */
@ConfigMapping(prefix = "console")
public interface ConsoleConfig {

    /** Exported examples shown per cell on the review page, unless the job's spec asks for another sample. */
    @WithDefault("3")
    int reviewSample();
}
