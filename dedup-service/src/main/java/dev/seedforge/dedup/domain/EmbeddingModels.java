package dev.seedforge.dedup.domain;

import java.util.Locale;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;

/**
 * The LangChain4j embedding model a name selects: {@code all-minilm-l6-v2} (in process, fp32, the default),
 * {@code all-minilm-l6-v2-q} (in process, quantized, about twice as fast), {@code bge-small-zh-v15-q} (in process,
 * quantized, reads Chinese; the default for mostly Chinese texts) or {@code openai} (any OpenAI-compatible
 * {@code /embeddings} endpoint).
 */
public final class EmbeddingModels {

    public static final String MINILM = "all-minilm-l6-v2";
    public static final String MINILM_QUANTIZED = "all-minilm-l6-v2-q";
    public static final String BGE_SMALL_ZH_QUANTIZED = "bge-small-zh-v15-q";
    public static final String OPENAI = "openai";

    private EmbeddingModels() {
    }

    /** Loads the model (seconds for the ONNX ones): call once per process. */
    public static EmbeddingModel create(String name, String baseUrl, String apiKey, String modelName) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case MINILM -> new AllMiniLmL6V2EmbeddingModel();
            case MINILM_QUANTIZED -> new AllMiniLmL6V2QuantizedEmbeddingModel();
            case BGE_SMALL_ZH_QUANTIZED -> new BgeSmallZhV15QuantizedEmbeddingModel();
            case OPENAI -> OpenAiEmbeddingModel.builder().baseUrl(baseUrl).apiKey(apiKey).modelName(modelName).build();
            default -> throw new IllegalArgumentException("unknown embedding model '" + name + "': use " + MINILM
                    + ", " + MINILM_QUANTIZED + ", " + BGE_SMALL_ZH_QUANTIZED + " or " + OPENAI);
        };
    }
}
