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

        /** The judge's prices ({@code validator.judge.prices.*}). */
        PricesConfig prices();
    }

    enum OnUnavailable {
        REJECT,
        RETRY
    }

}
