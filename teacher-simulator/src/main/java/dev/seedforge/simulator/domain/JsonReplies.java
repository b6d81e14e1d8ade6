package dev.seedforge.simulator.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A reply (or tool arguments) written as JSON: what the simulator treats as a structure rather than as prose. */
final class JsonReplies {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonReplies() {
    }

    /** The JSON object or array the text is, surrounding whitespace aside; {@code null} for anything else. */
    static JsonNode parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        if (!t.startsWith("{") && !t.startsWith("[")) {
            return null;
        }
        try {
            return MAPPER.readTree(t);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
