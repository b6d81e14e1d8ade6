package dev.seedforge.contracts;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One message of a conversation in SeedForge's neutral form (OpenAI roles), from which every export format is
 * rendered.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ChatTurn(String role, String content, @JsonProperty("tool_calls") List<ToolCall> toolCalls,
        @JsonProperty("tool_call_id") String toolCallId) {

    public static final String SYSTEM = "system";
    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";
    public static final String TOOL = "tool";

    public ChatTurn {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public static ChatTurn of(String role, String content) {
        return new ChatTurn(role, content, List.of(), null);
    }
}
