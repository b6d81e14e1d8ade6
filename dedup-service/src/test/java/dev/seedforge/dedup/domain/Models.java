package dev.seedforge.dedup.domain;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.Json;

/** The default embedding model, loaded once for all tests of the JVM, and the real texts the tests use. */
final class Models {

    private static TextEmbedder embedder;

    private Models() {
    }

    static synchronized TextEmbedder embedder() {
        if (embedder == null) {
            embedder = new LangChain4jTextEmbedder(EmbeddingModels.create(EmbeddingModels.MINILM, null, null, null));
        }
        return embedder;
    }

    static DedupEngine engine(JobPolicy defaults) {
        return new DedupEngine(new DedupEngine.Settings(defaults, true, 3, true, VectorIndex.Params.DEFAULT),
                embedder());
    }

    static List<Conversation> alpaca(String resource) throws IOException {
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
