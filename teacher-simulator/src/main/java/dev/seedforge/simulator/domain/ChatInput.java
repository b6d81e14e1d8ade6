package dev.seedforge.simulator.domain;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The parts of a chat completion request the answer depends on.
 *
 * @param responseFormatType {@code text}, {@code json_object}, {@code json_schema} or {@code null}
 * @param maxTokens the completion token limit, or {@code null} for none
 */
public record ChatInput(String model, List<Turn> messages, Double temperature, String responseFormatType,
        String schemaName, JsonNode schema, Integer maxTokens) {

    public ChatInput {
        messages = List.copyOf(messages);
    }
}
