package dev.seedforge.generator.domain;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.Json;

/**
 * What one teacher answer yielded: records of the job's format (protocol v2), read through the format's home in
 * contracts. A truncated or malformed answer still gives up every example that was complete
 * before the damage, and says what was wrong.
 */
public record GeneratedExamples(List<Conversation> examples, String problem) {

    public GeneratedExamples {
        examples = List.copyOf(examples);
    }

    public boolean clean() {
        return problem == null;
    }

    /** Reads an answer whose records may be of any format (each is detected); see {@link #parse(String, ExampleFormat)}. */
    public static GeneratedExamples parse(String text) {
        return parse(text, null);
    }

    /**
     * Reads {@code {"examples": [record, ...]}}, each record read through its format's home and kept exactly as the
     * teacher wrote it. With a {@code format}, a record of another format is a problem, not an example.
     */
    public static GeneratedExamples parse(String text, ExampleFormat format) {
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
                    examples.add(toConversation(node, format));
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

    private static Conversation toConversation(JsonNode node, ExampleFormat expected) {
        ExampleFormat format = ExampleFormat.detect(node);
        if (expected != null && format != expected) {
            throw new IllegalArgumentException("a " + format.id() + " record where " + expected.id() + " was asked for");
        }
        Conversation example = Conversation.fromJson(withoutNullNames(node));
        List<ChatTurn> turns = example.messages();
        for (ChatTurn turn : turns) {
            if (ChatTurn.SYSTEM.equals(turn.role())) {
                throw new IllegalArgumentException("unexpected role 'system' (the system prompt is added by SeedForge)");
            }
            if (!ChatTurn.USER.equals(turn.role()) && !ChatTurn.ASSISTANT.equals(turn.role())
                    && !ChatTurn.TOOL.equals(turn.role())) {
                throw new IllegalArgumentException("unexpected role '" + turn.role() + "'");
            }
        }
        if (turns.stream().noneMatch(t -> ChatTurn.USER.equals(t.role()))
                || turns.stream().noneMatch(t -> ChatTurn.ASSISTANT.equals(t.role()))) {
            throw new IllegalArgumentException("needs a user turn and an assistant turn");
        }
        return example;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /**
     * A schema that offers speakers' names lets a message name no one with {@code null}; a trainer's file names no one
     * by leaving the field out.
     */
    private static JsonNode withoutNullNames(JsonNode node) {
        boolean nullName = false;
        for (JsonNode message : node.path("messages")) {
            nullName |= message.has("name") && message.get("name").isNull();
        }
        if (!nullName) {
            return node;
        }
        JsonNode copy = node.deepCopy();
        for (JsonNode message : copy.path("messages")) {
            if (message.has("name") && message.get("name").isNull()) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) message).remove("name");
            }
        }
        return copy;
    }
}
