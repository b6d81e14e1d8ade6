package dev.seedforge.console.domain;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.Json;

/**
 * An example in any of the three formats as a reviewer reads it: its turns in order (system prompt, user, assistant,
 * tool calls with their arguments, tool results) and the tool definitions it carries. An example that cannot be read
 * is shown as its raw JSON with the reason, never hidden.
 */
public record ConversationView(List<Turn> turns, List<String> tools, String raw, String problem) {

    /** One message; {@code toolCalls} as {@code name(arguments)}. */
    public record Turn(String role, String content, List<String> toolCalls, String toolCallId) {
    }

    public static ConversationView of(JsonNode example) {
        String raw = pretty(example);
        try {
            ExampleFormat format = ExampleFormat.detect(example);
            List<Turn> turns = format.turns(example).stream().map(ConversationView::turn).toList();
            List<String> tools = format.tools(example).stream()
                    .map(tool -> tool.path("function").path("name").asText(tool.path("name").asText("tool")))
                    .toList();
            return new ConversationView(turns, tools, raw, null);
        } catch (RuntimeException e) {
            return new ConversationView(List.of(), List.of(), raw, e.getMessage());
        }
    }

    private static Turn turn(ChatTurn turn) {
        List<String> calls = turn.toolCalls().stream().map(call -> call.name() + "(" + call.arguments() + ")")
                .toList();
        return new Turn(turn.role(), turn.content() == null ? "" : turn.content(), calls, turn.toolCallId());
    }

    private static String pretty(JsonNode example) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(example);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return String.valueOf(example);
        }
    }
}
