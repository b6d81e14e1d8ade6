package dev.seedforge.validator.domain;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.Json;

/** The real LLaMA-Factory demos the validator's tests run on (testdata/, on the test classpath under data/). */
final class RealRecords {

    private RealRecords() {
    }

    static ArrayNode data(String file) throws IOException {
        try (InputStream in = RealRecords.class.getResourceAsStream("/data/" + file)) {
            return (ArrayNode) Json.MAPPER.readTree(in);
        }
    }

    static ArrayNode glaive() throws IOException {
        return data("llamafactory-glaive-toolcall-en-demo.json");
    }

    /** The first glaive conversation with the given ShareGPT roles, copied so a test can break it. */
    static ObjectNode glaiveWith(String roles) throws IOException {
        for (JsonNode record : glaive()) {
            List<String> froms = new ArrayList<>();
            record.get("conversations").forEach(turn -> froms.add(turn.get("from").asText()));
            if (String.join(" ", froms).equals(roles)) {
                return record.deepCopy();
            }
        }
        throw new IllegalStateException("no glaive conversation with roles " + roles);
    }

    static ObjectNode asOpenAi(JsonNode shareGpt) {
        return ExampleFormat.OPENAI.render(ExampleFormat.SHAREGPT.turns(shareGpt));
    }

}
