package dev.seedforge.contracts;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which part of an example two examples must share to count as duplicates: the one statement of it, which dedup
 * indexes and the exporter's gate checks again (if they drifted, the gate would report leaks dedup never saw). A
 * reasoning trace never counts, in any mode: it is the way to an answer, worded anew each time, so counting it would
 * let the same request and answer pass as new; the exporter reads a {@code <think>} block back out of the text.
 */
public enum ComparedText {

    /** What the user asks: two examples asking the same thing teach little more than one. */
    USER,
    /** What the assistant answers. */
    ASSISTANT,
    /**
     * Every turn, roles and tool calls included, but the system prompt: the job gives it to its examples (the same one,
     * or one of a few), so it would make every two of them look alike without telling them apart.
     */
    WHOLE;

    /** A job's {@code dedup.compare} ({@code user}, {@code assistant}, {@code whole}); {@code fallback} when unset. */
    public static ComparedText named(String name, ComparedText fallback) {
        if (name == null || name.isBlank()) {
            return fallback;
        }
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("dedup.compare must be user, assistant or whole, got " + name, e);
        }
    }

    public String of(Conversation conversation) {
        return of(conversation.messages());
    }

    public String of(List<ChatTurn> turns) {
        return switch (this) {
            case USER -> textOf(turns, ChatTurn.USER);
            case ASSISTANT -> textOf(turns, ChatTurn.ASSISTANT);
            case WHOLE -> turns.stream().filter(t -> !ChatTurn.SYSTEM.equals(t.role())).map(ComparedText::whole)
                    .collect(Collectors.joining("\n"));
        };
    }

    /** Lower-case name, as a job spec writes it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static String textOf(List<ChatTurn> turns, String role) {
        return turns.stream().filter(t -> role.equals(t.role()) && t.content() != null).map(ChatTurn::content)
                .collect(Collectors.joining("\n"));
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
