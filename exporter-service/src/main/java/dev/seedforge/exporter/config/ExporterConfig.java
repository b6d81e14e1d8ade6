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

    /**
     * The shortest time between two progress records of one job (a record is a snapshot of its counts): one per
     * outcome made the exporter and the generator spend as much CPU as dedup (bench/pipeline). A change held back is
     * sent when the interval has passed. 0 sends one per outcome.
     */
    @WithDefault("500ms")
    java.time.Duration progressInterval();

    /**
     * How often progress held back is looked for in case its timer was lost (each held change has a timer of its own
     * for when the interval has passed). The key of the {@code @Scheduled} sweep, read there as
     * {@code exporter.progress-sweep-interval}; the tests set it beyond their length, so only the timers send.
     */
    @WithDefault("1s")
    String progressSweepInterval();

    /** How many times a job's finalization is attempted before it is left for an operator (see the logs). */
    @WithDefault("5")
    int maxFinalizeAttempts();

    /**
     * From which similarity two exported examples that dedup found related are kept on the same side of the split,
     * unless the job sets {@code export.related_threshold}.
     */
    @WithDefault("0.80")
    double relatedThreshold();

    Gate gate();

    /** Thresholds of the quality gate. */
    interface Gate {

        /** The fewest exported examples that pass; by default the job's target. */
        OptionalInt minCount();

        /**
         * The duplicate ratio (duplicates / (accepted + duplicates)) must stay below this. The default, 0.05, is the
         * issue's "< 5%": a teacher that repeats itself more than that is worth a look at the prompt or the seeds.
         */
        @WithDefault("0.05")
        double maxDuplicateRatio();
    }
}
