package dev.seedforge.dedup.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import dev.seedforge.contracts.ComparedText;

/** The service's dedup defaults; a job's {@code dedup} section overrides compare and the thresholds. */
@ConfigMapping(prefix = "dedup")
public interface DedupConfig {

    /** Which text of an example is compared: the user turns by default. */
    @WithDefault("user")
    ComparedText compare();

    /**
     * A job whose indexes have not been used for this long has them dropped from memory (checked at most once a
     * minute, as batches come); they are rebuilt from the database if a candidate of it comes again. Without it a
     * long-lived dedup kept every job it ever met until the next rebalance.
     */
    @WithDefault("10m")
    Duration indexIdleEviction();

    Lexical lexical();

    Semantic semantic();

    Related related();

    interface Lexical {
        @WithDefault("true")
        boolean enabled();

        /** Estimated Jaccard similarity of word shingles at or above which two texts are duplicates. */
        @WithDefault("0.8")
        double threshold();

        /** Words per shingle. */
        @WithDefault("3")
        int shingleWords();
    }

    interface Semantic {
        @WithDefault("true")
        boolean enabled();

        /** Cosine similarity of sentence embeddings at or above which two texts are duplicates. */
        @WithDefault("0.85")
        double threshold();

        /** all-minilm-l6-v2 (in process), all-minilm-l6-v2-q (in process, quantized) or openai. */
        @WithDefault("all-minilm-l6-v2")
        String model();

        /**
         * The model of mostly Chinese texts, loaded when the first one comes: the in-process English models put
         * unrelated Chinese requests above the duplicate threshold. {@code none}: Chinese texts go where other scripts
         * go ({@link #readsEveryScript()}).
         */
        @WithDefault("bge-small-zh-v15-q")
        String hanModel();

        /**
         * Whether {@link #model()} reads every script (a multilingual model), so that texts mostly in scripts other than
         * Latin, Cyrillic and Japanese are embedded by it; else exact and MinHash alone compare them. Unset: true for
         * {@code openai}, false for the in-process English models.
         */
        Optional<Boolean> readsEveryScript();

        /** For {@code openai}: the OpenAI-compatible base URL, key and model name. */
        Optional<String> baseUrl();

        Optional<String> apiKey();

        @WithDefault("text-embedding-3-small")
        String modelName();

        Hnsw hnsw();
    }

    interface Hnsw {
        @WithDefault("16")
        int m();

        @WithDefault("100")
        int efConstruction();

        @WithDefault("64")
        int ef();
    }

    interface Related {
        /** Cosine at or above which an earlier accepted example is listed as related to a unique one. */
        @WithDefault("0.7")
        double threshold();

        /** At most this many related examples per decision, nearest first. */
        @WithDefault("5")
        int max();
    }
}
