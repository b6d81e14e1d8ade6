package dev.seedforge.generator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import dev.seedforge.support.llm.PricesConfig;

@ConfigMapping(prefix = "generator")
public interface GeneratorConfig {

    /** Teacher calls in flight at once, across all jobs. */
    @WithDefault("4")
    int maxConcurrentCalls();

    /**
     * Candidates in flight (emitted, no outcome yet) of all the jobs generating at once, shared out equally between
     * them (each job's share, rounded up, give or take one call; NextCalls.inFlightCap): the stages serve records in
     * the order they came, so without it one huge job queues thousands ahead of a small job's first candidates. A job
     * generating alone is not capped. 0: no cap.
     */
    @WithDefault("200")
    int maxCandidatesInFlight();

    /** Failed teacher calls in a row after which a job fails instead of spinning. */
    @WithDefault("8")
    int maxConsecutiveFailedCalls();

    /** The teacher's prices ({@code generator.prices.*}). */
    PricesConfig prices();

    Estimate estimate();

    /**
     * The rates a plan's estimate expects, calibrated on the pipeline's own measured runs of the gallery (README: two
     * runs of nine jobs on 2 December, 2.7% of candidates rejected and 8.8% found duplicate on average).
     */
    interface Estimate {
        @WithDefault("0.97")
        double judgePassRate();

        @WithDefault("0.09")
        double duplicateRate();

        /**
         * Whether a job that waits for approval makes one teacher call first (paid, its candidates kept for the job)
         * so that its estimate counts the tokens the teacher really writes per example rather than the seeds'.
         */
        @WithDefault("true")
        boolean pilot();

        /**
         * How long a submission waits for the pilot call (the console's and the CLI's clients wait 30 and 60 s);
         * a call answered later stays the job's first call, and the plan keeps the seeds' lengths.
         */
        @WithDefault("20s")
        java.time.Duration pilotTimeout();

        default dev.seedforge.generator.domain.CostEstimator.Rates rates() {
            return new dev.seedforge.generator.domain.CostEstimator.Rates(judgePassRate(), duplicateRate(),
                    "configured priors (generator.estimate.*), calibrated on measured gallery runs");
        }
    }

    RateLimit rateLimit();

    /** Batch mode ({@code mode: batch}): the teacher's calls through the provider's Batch API, in rounds. */
    Batch batch();

    interface Batch {
        /** How often an open batch is polled (OpenAI's batches take minutes to hours). */
        @WithDefault("30s")
        java.time.Duration pollEvery();

        /** Requests in one round at most (OpenAI: 50,000 per batch). */
        @WithDefault("50000")
        int maxRequestsPerRound();

        /** Rounds a request is sent in at most (failed or expired lines go again) before it is booked as failed. */
        @WithDefault("3")
        int maxAttempts();

        /** OpenAI's only completion window. */
        @WithDefault("24h")
        String completionWindow();
    }

    /** The provider's limits for this account; 0 turns a limit off. Defaults: OpenAI tier 1, gpt-4o-mini. */
    interface RateLimit {
        @WithDefault("500")
        long requestsPerMinute();

        @WithDefault("200000")
        long tokensPerMinute();

        /** The longest a 429's {@code retry-after} or reset pauses teacher calls, so a garbled header cannot stall jobs. */
        @WithDefault("60s")
        java.time.Duration maxProviderPause();
    }

}
