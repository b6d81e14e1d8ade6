package dev.seedforge.contracts.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.seedforge.contracts.ReasonCode;

/** Parses the JSON text a model wrote for a tool call strictly: trailing garbage after the value is an error too. */
public final class ToolArguments {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final int MAX_ERROR_LENGTH = 120;

    private ToolArguments() {
    }

    /** The parsed value, or {@code null} after reporting why it could not be parsed. */
    public static JsonNode parse(String text, String what, Problems problems) {
        try {
            JsonNode node = STRICT.readTree(text);
            if (node == null || node.isMissingNode()) {
                problems.add(ReasonCode.INVALID_TOOL_ARGUMENTS, what + " is not valid JSON: it is empty");
                return null;
            }
            return node;
        } catch (JsonProcessingException e) {
            problems.add(ReasonCode.INVALID_TOOL_ARGUMENTS, what + " is not valid JSON: " + shortError(e));
            return null;
        }
    }

    private static String shortError(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        if (message.length() > MAX_ERROR_LENGTH) {
            message = message.substring(0, MAX_ERROR_LENGTH) + "...";
        }
        return e.getLocation() == null ? message : message + " (column " + e.getLocation().getColumnNr() + ")";
    }
}
