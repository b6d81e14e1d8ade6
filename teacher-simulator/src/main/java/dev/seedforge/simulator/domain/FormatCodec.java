package dev.seedforge.simulator.domain;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.ToolCall;

/**
 * Reads seeds and writes examples in the job's own format through the project's one home of formats,
 * {@link ExampleFormat} ({@code detect}, {@code turns}, {@code render}). Added here, as the teacher wire protocol v2
 * states them, until the formats write them themselves: an Alpaca answer keeps its {@code input} apart from its
 * {@code instruction} when the job's seeds do, and an OpenAI assistant turn that only calls tools has
 * {@code "content": null}.
 */
public final class FormatCodec {

    private FormatCodec() {
    }

    /** A seed record in any of the three formats; {@code messages} records also with flat tool calls. */
    public static Example read(JsonNode record) {
        if (record.has("messages") || record.isArray()) {
            List<Turn> turns = new ArrayList<>();
            for (JsonNode message : record.isArray() ? record : record.get("messages")) {
                turns.add(SeedParser.turn(message));
            }
            return new Example(turns);
        }
        ExampleFormat format = ExampleFormat.detect(record);
        List<ChatTurn> read = new ArrayList<>(format.turns(record));
        if (format == ExampleFormat.ALPACA && hasAlpacaInput(record)) {
            // the request is instruction and input; the blank line keeps their boundary through the rewriting, so
            // write() can give the input back its own field
            for (int i = read.size() - 1; i >= 0; i--) {
                if (ChatTurn.USER.equals(read.get(i).role())) {
                    read.set(i, ChatTurn.of(ChatTurn.USER, record.path("instruction").asText("").strip() + "\n\n"
                            + record.path("input").asText("").strip()));
                    break;
                }
            }
        }
        List<Turn> turns = new ArrayList<>();
        for (ChatTurn turn : read) {
            List<Turn.ToolCall> calls = new ArrayList<>();
            for (ToolCall call : turn.toolCalls()) {
                calls.add(new Turn.ToolCall(call.id(), call.name(), call.arguments() == null ? "{}" : call.arguments()));
            }
            turns.add(new Turn(turn.role(), turn.content(), calls, turn.toolCallId(), turn.name()));
        }
        return new Example(turns);
    }

    /**
     * The tools a record declares itself: a {@code tools} field holding a JSON string of bare function definitions
     * (Glaive's, in either format) or a list of them; none when it declares none or they cannot be read.
     */
    public static List<ToolConversations.Tool> declaredTools(JsonNode record) {
        try {
            ExampleFormat format = record.has("messages") ? ExampleFormat.OPENAI : ExampleFormat.detect(record);
            return ToolConversations.Tool.from(JsonNodeFactory.instance.arrayNode().addAll(format.tools(record)));
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    /** Whether an Alpaca record has an {@code input} of its own. */
    public static boolean hasAlpacaInput(JsonNode record) {
        return record.hasNonNull("instruction") && !record.path("input").asText("").isBlank();
    }

    /** The example as a record of {@code format}, without system prompt or tools list (the generator adds those). */
    public static ObjectNode write(Example example, ExampleFormat format, boolean alpacaInput) {
        return write(example, format, alpacaInput, false);
    }

    /**
     * As above; with {@code names} (the request's schema offers OpenAI's {@code name}), each message names its speaker
     * as the seed turn it imitates did.
     */
    public static ObjectNode write(Example example, ExampleFormat format, boolean alpacaInput, boolean names) {
        List<ChatTurn> turns = new ArrayList<>();
        for (Turn turn : example.messages()) {
            if (Turn.SYSTEM.equals(turn.role())) {
                continue;
            }
            if (format == ExampleFormat.ALPACA && (Turn.TOOL.equals(turn.role()) || turn.hasToolCalls())) {
                continue;
            }
            List<ToolCall> calls = turn.toolCalls().stream()
                    .map(c -> new ToolCall(c.id(), c.name(), c.arguments())).toList();
            String content = turn.hasToolCalls() && turn.content().isEmpty() ? null : turn.content();
            turns.add(new ChatTurn(turn.role(), content, calls, turn.toolCallId(),
                    names && format == ExampleFormat.OPENAI ? turn.name() : null, null));
        }
        ObjectNode record = format.render(turns);
        if (format == ExampleFormat.OPENAI) {
            for (JsonNode message : record.path("messages")) {
                if (message.has("tool_calls") && !message.has("content")) {
                    ((ObjectNode) message).putNull("content");
                }
            }
        }
        if (format == ExampleFormat.ALPACA && alpacaInput && record.path("input").asText("").isEmpty()) {
            String instruction = record.path("instruction").asText("");
            int blank = instruction.indexOf("\n\n");
            if (blank > 0) {
                record.put("instruction", instruction.substring(0, blank).strip());
                record.put("input", instruction.substring(blank + 2).strip());
            }
        }
        return record;
    }
}
