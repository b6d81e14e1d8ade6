package dev.seedforge.contracts;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One message of a conversation in SeedForge's neutral form (OpenAI roles and fields), from which every format is
 * rendered. {@code name} is OpenAI's optional participant name; {@code weight} OpenAI's per-assistant-message training
 * weight (0 or 1); both {@code null} when absent. {@code reasoning} is an assistant turn's reasoning trace, written
 * before its answer ({@code reasoning_content}, as OpenAI-compatible reasoning models return it), apart from
 * {@code content} so that every rule about the answer sees the answer alone.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ChatTurn(String role, String content, @JsonProperty("tool_calls") List<ToolCall> toolCalls,
        @JsonProperty("tool_call_id") String toolCallId, String name, Integer weight,
        @JsonProperty("reasoning_content") String reasoning) {

    public static final String SYSTEM = "system";
    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";
    public static final String TOOL = "tool";

    public ChatTurn {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public ChatTurn(String role, String content, List<ToolCall> toolCalls, String toolCallId) {
        this(role, content, toolCalls, toolCallId, null, null, null);
    }

    public ChatTurn(String role, String content, List<ToolCall> toolCalls, String toolCallId, String name,
            Integer weight) {
        this(role, content, toolCalls, toolCallId, name, weight, null);
    }

    /** The same turn with {@code trace} as its reasoning. */
    public ChatTurn withReasoning(String trace) {
        return new ChatTurn(role, content, toolCalls, toolCallId, name, weight, trace);
    }

    /**
     * Where the example's final reply is: its last assistant turn with words in it (a turn that only calls tools is
     * not a reply); -1 when there is none. Every rule about "the reply" (patterns, the reply's schema, a rejected
     * answer's cost) reads this one.
     */
    public static int finalReplyIndex(List<ChatTurn> turns) {
        for (int i = turns.size() - 1; i >= 0; i--) {
            ChatTurn turn = turns.get(i);
            if (ASSISTANT.equals(turn.role()) && turn.content() != null && !turn.content().isBlank()) {
                return i;
            }
        }
        return -1;
    }

    public static ChatTurn of(String role, String content) {
        return new ChatTurn(role, content, List.of(), null);
    }
}
