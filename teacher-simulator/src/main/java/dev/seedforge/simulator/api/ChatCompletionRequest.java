package dev.seedforge.simulator.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.simulator.domain.ChatInput;
import dev.seedforge.simulator.domain.Turn;

/**
 * An OpenAI chat completion request as LangChain4j's client sends it. Fields the simulator does not use are accepted
 * and ignored; unknown fields too.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatCompletionRequest(String model, List<ChatMessage> messages, Double temperature,
        @JsonProperty("top_p") Double topP,
        @JsonProperty("response_format") ResponseFormat responseFormat,
        @JsonProperty("max_tokens") Integer maxTokens,
        @JsonProperty("max_completion_tokens") Integer maxCompletionTokens,
        Long seed, Integer n, String user, JsonNode tools, Boolean stream) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ChatMessage(String role, JsonNode content, String name,
            @JsonProperty("tool_calls") JsonNode toolCalls,
            @JsonProperty("tool_call_id") String toolCallId) {

        /** The content as text: a string as is, content parts joined, tool calls as their JSON. */
        public String text() {
            if (content == null || content.isNull()) {
                return toolCalls == null || toolCalls.isNull() ? "" : toolCalls.toString();
            }
            if (content.isTextual()) {
                return content.asText();
            }
            if (content.isArray()) {
                List<String> parts = new ArrayList<>();
                for (JsonNode part : content) {
                    if (part.isTextual()) {
                        parts.add(part.asText());
                    } else if (part.has("text")) {
                        parts.add(part.get("text").asText());
                    }
                }
                return String.join("\n", parts);
            }
            return content.toString();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ResponseFormat(String type, @JsonProperty("json_schema") JsonSchemaFormat jsonSchema) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record JsonSchemaFormat(String name, Boolean strict, JsonNode schema, String description) {
    }

    public ChatInput toInput() {
        List<Turn> turns = new ArrayList<>();
        for (ChatMessage message : messages) {
            turns.add(new Turn(message.role(), message.text()));
        }
        String type = responseFormat == null ? null : responseFormat.type();
        JsonSchemaFormat format = responseFormat == null ? null : responseFormat.jsonSchema();
        Integer limit = maxCompletionTokens != null ? maxCompletionTokens : maxTokens;
        return new ChatInput(model, turns, temperature, type, format == null ? null : format.name(),
                format == null ? null : format.schema(), limit);
    }
}
