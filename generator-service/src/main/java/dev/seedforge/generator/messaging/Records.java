package dev.seedforge.generator.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.seedforge.contracts.Json;

/** Reads a record that came as text; what cannot be read fails with the topic and the parser's reason. */
final class Records {

    private Records() {
    }

    static <T> T read(String json, Class<T> type, String topic) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException("empty record on " + topic);
        }
        try {
            T record = Json.MAPPER.readValue(json, type);
            if (record == null) {
                throw new IllegalArgumentException("empty record on " + topic);
            }
            return record;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable record on " + topic + ": " + e.getOriginalMessage(), e);
        }
    }
}
