package dev.seedforge.dedup.domain;

import java.util.stream.Collectors;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.ToolCall;

/** Which part of an example two examples must share to count as duplicates. */
public enum ComparedText {

    /** What the user asks: two examples asking the same thing teach little more than one. */
    USER,
    /** What the assistant answers. */
    ASSISTANT,
    /** Every turn, roles and tool calls included. */
    WHOLE;

    public String of(Conversation conversation) {
        return switch (this) {
            case USER -> conversation.textOf(ChatTurn.USER);
            case ASSISTANT -> conversation.textOf(ChatTurn.ASSISTANT);
            case WHOLE -> conversation.messages().stream().map(ComparedText::whole).collect(Collectors.joining("\n"));
        };
    }

    private static String whole(ChatTurn turn) {
        StringBuilder text = new StringBuilder(turn.role()).append(": ");
        if (turn.content() != null) {
            text.append(turn.content());
        }
        for (ToolCall call : turn.toolCalls()) {
            text.append(' ').append(call.name()).append('(').append(call.arguments()).append(')');
        }
        return text.toString();
    }
}
