package dev.seedforge.exporter.config;

import java.nio.file.Path;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The exporter's own settings; each can be set by environment variable too (e.g. {@code EXPORTER_OUTPUT_DIR}). */
@ConfigMapping(prefix = "exporter")
public interface ExporterConfig {

    /** Where datasets are written, one directory per job (a volume in Kubernetes). */
    @WithDefault("datasets")
    Path outputDir();

    /**
     * How often jobs whose finalization is due or failed are tried again. Also the key of the {@code @Scheduled}
     * sweep, read there as {@code exporter.finalize-retry-interval}.
     */
    @WithDefault("30s")
    String finalizeRetryInterval();

    /** How many times a job's finalization is attempted before it is left for an operator (see the logs). */
    @WithDefault("5")
    int maxFinalizeAttempts();

    Gate gate();

    /** Thresholds of the quality gate. */
    interface Gate {

        /** The fewest exported examples that pass; by default the job's target. */
        OptionalInt minCount();

        /**
         * The largest duplicate ratio (duplicates / (accepted + duplicates)) that passes. The default, 0.10, tolerates
         * the near-duplicates a teacher produces on a narrow task while still flagging a collapsing generator.
         */
        @WithDefault("0.10")
        double maxDuplicateRatio();
    }
}
