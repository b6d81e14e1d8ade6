package dev.seedforge.validator.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import dev.seedforge.support.llm.PricesConfig;

/** The validator's own settings: judge batching, what to do when the judge stays down, and the judge's prices. */
@ConfigMapping(prefix = "validator")
public interface ValidatorConfig {

    Judge judge();

    /** How many jobs' compiled checks and specs are kept in memory. */
    @WithDefault("1000")
    int jobCacheSize();

    interface Judge {

        /**
         * How long a partly filled batch waits for more candidates of its job before it is judged: long enough for a
         * teacher call's candidates to arrive together on a loaded machine, short beside a judge call's latency.
         */
        @WithDefault("1s")
        Duration linger();

        /**
         * {@code reject}: a candidate the judge cannot score is rejected with judge_unavailable; {@code retry}: its record is
         * nacked.
         */
        @WithDefault("reject")
        OnUnavailable onUnavailable();

        /** How long a candidate waits at most for its batch's verdict (covers the call's retries). */
        @WithDefault("5m")
        Duration maxWait();

        /** Threads that make judge calls in parallel: enough for every batch the worker pool can fill at once. */
        @WithDefault("8")
        int callThreads();

        /**
         * The longest a 429's {@code retry-after} or reset pauses judge calls, so a garbled header cannot stall
         * validation.
         */
        @WithDefault("60s")
        Duration maxProviderPause();

        /** The judge's prices ({@code validator.judge.prices.*}); {@code batch-share} prices batch-mode calls. */
        PricesConfig prices();

        /** The judge's batch mode ({@code validator.judge.batch.*}), for jobs with {@code judge: {mode: batch}}. */
        Batch batch();
    }

    /** How batch-judged candidates are gathered into rounds and how the rounds are followed. */
    interface Batch {

        /**
         * How long the oldest waiting candidate of a job waits for more before a round goes out anyway: a teacher
         * round's candidates arrive within seconds, so this gathers them into one round.
         */
        @WithDefault("30s")
        Duration linger();

        /** A job's round goes out at once when this many full judge calls' worth of candidates wait. */
        @WithDefault("100")
        int minCalls();

        /** The most judge calls (batch lines) in one round; OpenAI takes up to 50,000 a batch. */
        @WithDefault("5000")
        int maxCallsPerRound();

        /** Rounds a candidate is asked in at most (its call failed or its batch expired); then judge_unavailable. */
        @WithDefault("3")
        int maxAttempts();

        /** The batch's completion window at the provider. */
        @WithDefault("24h")
        String completionWindow();

        /** How often each instance plans rounds, works on the ones it holds and sends stored verdicts. */
        @WithDefault("2s")
        Duration tickEvery();

        /** How often an open round's batch is polled. */
        @WithDefault("30s")
        Duration pollEvery();

        /**
         * How long an instance owns a round it works on: another instance takes the round over only after this, so a
         * dead owner's round is resumed and a live one's never worked twice at once.
         */
        @WithDefault("5m")
        Duration lease();
    }

    enum OnUnavailable {
        REJECT,
        RETRY
    }

}
