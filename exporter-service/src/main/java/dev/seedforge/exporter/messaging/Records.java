package dev.seedforge.exporter.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.seedforge.contracts.Json;

/**
 * Reads a record's text: consumers take records as text, so that one that is not JSON fails here and reaches its
 * dead-letter topic with its bytes as they came (a failed deserializer would leave it empty).
 */
final class Records {

    private Records() {
    }

    static <T> T read(String json, Class<T> type, String topic) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException("empty record on " + topic);
        }
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable record on " + topic + ": " + e.getOriginalMessage(), e);
        }
    }
}
