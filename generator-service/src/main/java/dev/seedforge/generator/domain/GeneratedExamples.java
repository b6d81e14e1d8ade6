package dev.seedforge.generator.domain;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.ToolCall;

/**
 * What one teacher answer yielded. A truncated or malformed answer still gives up every example that was complete
 * before the damage, and says what was wrong.
 */
public record GeneratedExamples(List<Conversation> examples, String problem) {

    public GeneratedExamples {
        examples = List.copyOf(examples);
    }

    public boolean clean() {
        return problem == null;
    }

    public static GeneratedExamples parse(String text) {
        if (text == null || text.isBlank()) {
            return new GeneratedExamples(List.of(), "empty answer");
        }
        List<Conversation> examples = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (JsonParser parser = Json.MAPPER.createParser(text)) {
            if (!seekExamplesArray(parser)) {
                return new GeneratedExamples(List.of(), "no 'examples' array in the answer");
            }
            int index = 0;
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                JsonNode node = parser.readValueAsTree();
                try {
                    examples.add(toConversation(node));
                } catch (IllegalArgumentException e) {
                    problems.add("examples[" + index + "]: " + e.getMessage());
                }
                index++;
            }
        } catch (Exception e) {
            problems.add("answer is not complete JSON (" + firstLine(e.getMessage()) + "); kept " + examples.size()
                    + " complete examples");
        }
        return new GeneratedExamples(examples, problems.isEmpty() ? null : String.join("; ", problems));
    }

    private static boolean seekExamplesArray(JsonParser parser) throws java.io.IOException {
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
            if (token == JsonToken.FIELD_NAME && "examples".equals(parser.currentName())) {
                return parser.nextToken() == JsonToken.START_ARRAY;
            }
        }
        return false;
    }

    private static Conversation toConversation(JsonNode node) {
        JsonNode messages = node.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw new IllegalArgumentException("no messages");
        }
        List<ChatTurn> turns = new ArrayList<>();
        for (JsonNode message : messages) {
            String role = message.path("role").asText("");
            if (!ChatTurn.USER.equals(role) && !ChatTurn.ASSISTANT.equals(role) && !ChatTurn.TOOL.equals(role)) {
                throw new IllegalArgumentException("unexpected role '" + role + "'");
            }
            List<ToolCall> calls = new ArrayList<>();
            for (JsonNode call : message.path("tool_calls")) {
                JsonNode arguments = call.get("arguments");
                calls.add(new ToolCall(text(call.get("id")), text(call.get("name")),
                        arguments == null || arguments.isNull() ? null
                                : arguments.isTextual() ? arguments.asText() : arguments.toString()));
            }
            turns.add(new ChatTurn(role, text(message.get("content")), calls, text(message.get("tool_call_id"))));
        }
        return new Conversation(turns);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
