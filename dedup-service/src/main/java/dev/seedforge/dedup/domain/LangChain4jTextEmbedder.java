package dev.seedforge.dedup.domain;

import java.util.List;
import java.util.function.Supplier;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;

/** Any LangChain4j embedding model (in-process ONNX, or an OpenAI-compatible endpoint), normalised to unit length. */
public class LangChain4jTextEmbedder implements TextEmbedder {

    private final Supplier<EmbeddingModel> loader;
    private volatile EmbeddingModel model;

    public LangChain4jTextEmbedder(EmbeddingModel model) {
        this.model = model;
        this.loader = () -> model;
    }

    private LangChain4jTextEmbedder(Supplier<EmbeddingModel> loader) {
        this.loader = loader;
    }

    /** An embedder whose model is loaded when it first embeds: a model most jobs never need costs them nothing. */
    public static LangChain4jTextEmbedder loadedOnFirstUse(Supplier<EmbeddingModel> loader) {
        return new LangChain4jTextEmbedder(loader);
    }

    private EmbeddingModel model() {
        EmbeddingModel loaded = model;
        if (loaded == null) {
            synchronized (this) {
                loaded = model;
                if (loaded == null) {
                    loaded = loader.get();
                    model = loaded;
                }
            }
        }
        return loaded;
    }

    @Override
    public float[] embed(String text) {
        return TextEmbedder.normalise(model().embed(nonEmpty(text)).content().vector());
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<TextSegment> segments = texts.stream().map(text -> TextSegment.from(nonEmpty(text))).toList();
        return model().embedAll(segments).content().stream().map(Embedding::vector).map(TextEmbedder::normalise)
                .toList();
    }

    /** LangChain4j refuses blank segments; an empty text still gets a (shared) embedding. */
    private static String nonEmpty(String text) {
        return text == null || text.isBlank() ? " " : text;
    }
}
