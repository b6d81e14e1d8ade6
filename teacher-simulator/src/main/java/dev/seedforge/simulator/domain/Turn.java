package dev.seedforge.simulator.domain;

import java.util.List;

import dev.seedforge.contracts.tokens.TokenCounter;

/**
 * One message of a seed or generated conversation, as the generator shows and expects it: an assistant turn may carry
 * tool calls (then its content may be empty), a {@code tool} turn answers one of them by id; {@code name} is OpenAI's
 * name of the speaker, kept from the seed a turn imitates (a group chat's participants).
 */
public record Turn(String role, String content, List<ToolCall> toolCalls, String toolCallId, String name)
        implements
            TokenCounter.Message {

    public static final String SYSTEM = "system";
    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";
    public static final String TOOL = "tool";

    public Turn {
        content = content == null ? "" : content;
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public Turn(String role, String content, List<ToolCall> toolCalls, String toolCallId) {
        this(role, content, toolCalls, toolCallId, null);
    }

    public Turn(String role, String content) {
        this(role, content, List.of(), null);
    }

    public boolean isUser() {
        return USER.equals(role);
    }

    public boolean isAssistant() {
        return ASSISTANT.equals(role);
    }

    public boolean hasToolCalls() {
        return !toolCalls.isEmpty();
    }

    public Turn withContent(String newContent) {
        return new Turn(role, newContent, toolCalls, toolCallId, name);
    }

    /** A call of one tool: {@code arguments} is a JSON text, as OpenAI sends it. */
    public record ToolCall(String id, String name, String arguments) {
    }
}
