package dev.seedforge.contracts.format;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.ReasoningSpec;

/**
 * Where a reasoning trace sits in each format's record, and the two ways the exporter writes it. In a record SeedForge
 * keeps, the trace of an assistant turn is its {@code reasoning_content} field: on OpenAI's assistant message, on
 * ShareGPT's {@code gpt} turn, and at the top of an Alpaca record for its {@code output}. Read leniently: a
 * {@code thinking} field, or a {@code <think>...</think>} block opening the text, is a trace too.
 */
public final class Reasoning {

    public static final String OPEN = "<think>";
    public static final String CLOSE = "</think>";

    private Reasoning() {
    }

    /** A text split into its leading {@code <think>} block (or {@code null}) and the answer after it. */
    public record Split(String trace, String answer) {
    }

    /** The trace a text opens with, if any, and the rest; a text without a whole block is all answer. */
    public static Split split(String text) {
        if (text == null) {
            return new Split(null, null);
        }
        String stripped = text.stripLeading();
        if (!stripped.startsWith(OPEN)) {
            return new Split(null, text);
        }
        int close = stripped.indexOf(CLOSE);
        if (close < 0) {
            return new Split(null, text);
        }
        return new Split(stripped.substring(OPEN.length(), close).strip(),
                stripped.substring(close + CLOSE.length()).strip());
    }

    /** The answer opened by the trace as reasoning models that take text write it. */
    public static String inline(String trace, String answer) {
        return OPEN + "\n" + trace.strip() + "\n" + CLOSE + "\n\n" + (answer == null ? "" : answer);
    }

    /** The trace a turn's (or Alpaca record's) node carries in a field, or {@code null}. */
    public static String field(JsonNode node) {
        for (String name : ReasoningSpec.FIELD_NAMES) {
            JsonNode value = node.get(name);
            if (value != null && value.isTextual()) {
                return value.asText();
            }
        }
        return null;
    }

    /** An assistant turn read from {@code node}: its field's trace, else the {@code <think>} block of its text. */
    static ChatTurn assistant(ChatTurn turn, JsonNode node) {
        String trace = node == null ? null : field(node);
        if (trace != null) {
            return turn.withReasoning(trace);
        }
        Split split = split(turn.content());
        if (split.trace() == null) {
            return turn;
        }
        return new ChatTurn(turn.role(), split.answer(), turn.toolCalls(), turn.toolCallId(), turn.name(),
                turn.weight(), split.trace());
    }

    /**
     * A record of {@code format} as the exporter writes it: each trace in the field {@code fieldName}
     * ({@link ReasoningSpec.Mode#FIELD}) or opening its answer as {@code <think>...</think>}
     * ({@link ReasoningSpec.Mode#INLINE}). Alpaca carries traces inline only.
     */
    public static ObjectNode written(ExampleFormat format, JsonNode record, ReasoningSpec.Mode mode, String fieldName) {
        ObjectNode copy = ((ObjectNode) record).deepCopy();
        for (ObjectNode holder : holders(format, copy)) {
            String trace = field(holder);
            if (trace == null) {
                continue;
            }
            ReasoningSpec.FIELD_NAMES.forEach(holder::remove);
            String textField = textField(format);
            if (mode == ReasoningSpec.Mode.INLINE || format == ExampleFormat.ALPACA) {
                JsonNode text = holder.get(textField);
                holder.put(textField, inline(trace, text == null || text.isNull() ? "" : text.asText()));
            } else {
                holder.put(fieldName, trace);
            }
        }
        return copy;
    }

    /** The traces a record carries, in order (fields only: what the teacher wrote apart from its answers). */
    public static List<String> traces(ExampleFormat format, JsonNode record) {
        List<String> traces = new ArrayList<>();
        for (ObjectNode holder : holders(format, record)) {
            String trace = field(holder);
            if (trace != null) {
                traces.add(trace);
            }
        }
        return traces;
    }

    private static String textField(ExampleFormat format) {
        return switch (format) {
            case OPENAI -> "content";
            case SHAREGPT -> "value";
            case ALPACA -> "output";
        };
    }

    /** The nodes that hold an assistant answer: OpenAI's assistant messages, ShareGPT's gpt turns, an Alpaca record. */
    private static List<ObjectNode> holders(ExampleFormat format, JsonNode record) {
        List<ObjectNode> holders = new ArrayList<>();
        if (format == ExampleFormat.ALPACA) {
            if (record.isObject()) {
                holders.add((ObjectNode) record);
            }
            return holders;
        }
        String key = format == ExampleFormat.OPENAI ? "messages" : "conversations";
        String roleField = format == ExampleFormat.OPENAI ? "role" : "from";
        String assistant = format == ExampleFormat.OPENAI ? "assistant" : "gpt";
        for (JsonNode turn : record.path(key)) {
            if (turn.isObject() && assistant.equals(turn.path(roleField).asText())) {
                holders.add((ObjectNode) turn);
            }
        }
        return holders;
    }
}
