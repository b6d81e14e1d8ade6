package dev.seedforge.dedup.config;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;

import dev.seedforge.dedup.domain.DedupEngine;
import dev.seedforge.dedup.domain.DetectorChain;
import dev.seedforge.dedup.domain.EmbeddingModels;
import dev.seedforge.dedup.domain.JobPolicy;
import dev.seedforge.dedup.domain.LangChain4jTextEmbedder;
import dev.seedforge.dedup.domain.TextEmbedder;
import dev.seedforge.dedup.domain.VectorIndex;

/** Builds the plain-Java dedup engine from configuration, once, at startup (the ONNX model takes seconds to load). */
@ApplicationScoped
public class Detectors {

    private static final Logger LOG = Logger.getLogger(Detectors.class);

    @Produces
    @Singleton
    @Startup
    DedupEngine engine(DedupConfig config) {
        DedupConfig.Semantic semantic = config.semantic();
        TextEmbedder embedder = null;
        if (semantic.enabled()) {
            long start = System.nanoTime();
            embedder = new LangChain4jTextEmbedder(EmbeddingModels.create(semantic.model(),
                    semantic.baseUrl().orElse(null), semantic.apiKey().orElse(null), semantic.modelName()));
            embedder.embed("warm up");
            LOG.infof("embedding model %s ready in %d ms", semantic.model(), (System.nanoTime() - start) / 1_000_000);
        }
        TextEmbedder hanEmbedder = null;
        String hanModel = semantic.hanModel();
        if (semantic.enabled() && !hanModel.isBlank() && !hanModel.equalsIgnoreCase("none")) {
            hanEmbedder = LangChain4jTextEmbedder.loadedOnFirstUse(() -> {
                long start = System.nanoTime();
                var model = EmbeddingModels.create(hanModel, semantic.baseUrl().orElse(null),
                        semantic.apiKey().orElse(null), semantic.modelName());
                LOG.infof("embedding model %s for Chinese texts ready in %d ms", hanModel,
                        (System.nanoTime() - start) / 1_000_000);
                return model;
            });
        }
        JobPolicy defaults = new JobPolicy(config.lexical().threshold(), semantic.threshold(),
                config.related().threshold(), config.related().max(), Set.of());
        DedupConfig.Hnsw hnsw = semantic.hnsw();
        return new DedupEngine(new DedupEngine.Settings(defaults, config.lexical().enabled(),
                config.lexical().shingleWords(), semantic.enabled(),
                new VectorIndex.Params(hnsw.m(), hnsw.efConstruction(), hnsw.ef())), embedder, hanEmbedder,
                semantic.readsEveryScript().orElse(EmbeddingModels.OPENAI.equalsIgnoreCase(semantic.model())));
    }

    @Produces
    @Singleton
    DetectorChain detectorChain(DedupEngine engine) {
        return engine.chain();
    }
}
