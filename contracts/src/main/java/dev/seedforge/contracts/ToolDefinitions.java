package dev.seedforge.contracts;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The one reading of the two shapes a tool definition or a tool call comes in: OpenAI's wrapped
 * {@code {"type": "function", "function": {...}}} and the flat {@code {"name": ..., "parameters": ...}} that ShareGPT,
 * Glaive and older specs write.
 */
public final class ToolDefinitions {

    private ToolDefinitions() {
    }

    /** The object holding the {@code name} (and {@code parameters} or {@code arguments}); null for null. */
    public static JsonNode functionOf(JsonNode toolOrCall) {
        return toolOrCall == null ? null : toolOrCall.has("function") ? toolOrCall.get("function") : toolOrCall;
    }
}
