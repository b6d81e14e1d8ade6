package dev.seedforge.dedup.domain;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.Json;

/**
 * The default embedding models (the main one, and the one of Chinese texts on first use), loaded once for all tests of
 * the JVM, and the real texts the tests use.
 */
public final class Models {

    /** LLaMA-Factory's Alpaca demos, the texts paraphrases are planted among. */
    public static final String ALPACA_DEMOS = "/data/llamafactory-alpaca-en-demo.json";
    /** LLaMA-Factory's Chinese Alpaca demos. */
    public static final String ALPACA_ZH_DEMOS = "/data/llamafactory-alpaca-zh-demo.json";

    /**
     * Paraphrases of demos of {@link #ALPACA_DEMOS}, by the demo's index: each is a semantic duplicate of its demo
     * with the default model and thresholds.
     */
    public static final Map<Integer, String> PARAPHRASES = new LinkedHashMap<>();
    static {
        PARAPHRASES.put(26, "What are the benefits of doing exercise?");
        PARAPHRASES.put(11, "Describe what e-commerce is.");
        PARAPHRASES.put(19, "What is a circuit breaker? Please explain.");
        PARAPHRASES.put(41, "Explain how the stock market works.");
        PARAPHRASES.put(83, "Give four ways to cut down on plastic waste.");
        PARAPHRASES.put(24, "Name two renewable sources of energy.");
        PARAPHRASES.put(99, "What is the formula for the area of a rectangle?");
    }

    private static TextEmbedder embedder;
    private static final TextEmbedder HAN_EMBEDDER = LangChain4jTextEmbedder.loadedOnFirstUse(
            () -> EmbeddingModels.create(EmbeddingModels.BGE_SMALL_ZH_QUANTIZED, null, null, null));

    private Models() {
    }

    static synchronized TextEmbedder embedder() {
        if (embedder == null) {
            embedder = new LangChain4jTextEmbedder(EmbeddingModels.create(EmbeddingModels.MINILM, null, null, null));
        }
        return embedder;
    }

    /** The engine as the service builds it by default. */
    static DedupEngine engine(JobPolicy defaults) {
        return new DedupEngine(new DedupEngine.Settings(defaults, true, 3, true, VectorIndex.Params.DEFAULT),
                embedder(), HAN_EMBEDDER, false);
    }

    /** The engine before texts were routed by script: the main (English) model reads every text. */
    static DedupEngine engineReadingEveryScriptWithTheMainModel(JobPolicy defaults) {
        return new DedupEngine(new DedupEngine.Settings(defaults, true, 3, true, VectorIndex.Params.DEFAULT),
                embedder());
    }

    public static List<Conversation> alpaca(String resource) throws IOException {
        JsonNode records;
        try (InputStream in = Models.class.getResourceAsStream(resource)) {
            records = Json.MAPPER.readTree(in);
        }
        List<Conversation> conversations = new ArrayList<>();
        for (JsonNode record : records) {
            conversations.add(new Conversation(ExampleFormat.ALPACA.turns(record)));
        }
        return conversations;
    }
}
