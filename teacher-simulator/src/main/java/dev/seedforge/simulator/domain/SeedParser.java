package dev.seedforge.simulator.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a generation prompt the way the SeedForge generator writes it: seed conversations as a JSON array between
 * {@code <seed_examples>} markers, the wanted count between {@code <count>} markers, optional {@code <directives>}
 * (free text and {@link CellDirectives}), {@code <tools>} (OpenAI tool definitions) and
 * {@code <example_to_evolve>}.
 */
public final class SeedParser {

    public static final String SEEDS_OPEN = "<seed_examples>";
    public static final String SEEDS_CLOSE = "</seed_examples>";
    public static final String COUNT_OPEN = "<count>";
    public static final String COUNT_CLOSE = "</count>";
    public static final String DIRECTIVES_OPEN = "<directives>";
    public static final String DIRECTIVES_CLOSE = "</directives>";
    public static final String TOOLS_OPEN = "<tools>";
    public static final String TOOLS_CLOSE = "</tools>";
    public static final String EVOLVE_OPEN = "<example_to_evolve>";
    public static final String EVOLVE_CLOSE = "</example_to_evolve>";
    public static final int DEFAULT_COUNT = 3;
    public static final int MAX_COUNT = 100;

    private static final Pattern COUNT = Pattern.compile(Pattern.quote(COUNT_OPEN) + "\\s*(\\d{1,6})\\s*"
            + Pattern.quote(COUNT_CLOSE));
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SeedParser() {
    }

    /**
     * Parses the prompt from the request's messages (the last one holding seeds wins). {@code schema} is the response
     * schema, whose {@code examples.maxItems} gives the count when the prompt states none.
     */
    public static GenerationPrompt parse(List<Turn> messages, JsonNode schema) {
        String source = null;
        for (Turn turn : messages) {
            if (turn.content().contains(SEEDS_OPEN) || turn.content().contains(EVOLVE_OPEN)
                    || source == null && turn.content().contains(COUNT_OPEN)) {
                source = turn.content();
            }
        }
        if (source == null) {
            source = messages.isEmpty() ? "" : messages.get(messages.size() - 1).content();
        }
        List<Example> seeds = parseSeeds(between(source, SEEDS_OPEN, SEEDS_CLOSE));
        String directives = between(source, DIRECTIVES_OPEN, DIRECTIVES_CLOSE);
        List<Example> toEvolve = parseSeeds(wrapAsArray(between(source, EVOLVE_OPEN, EVOLVE_CLOSE)));
        int count = toEvolve.isEmpty() || COUNT.matcher(source).find() ? count(source, schema) : 1;
        return new GenerationPrompt(seeds, count, directives, CellDirectives.parse(directives),
                ToolConversations.Tool.from(json(between(source, TOOLS_OPEN, TOOLS_CLOSE))),
                toEvolve.isEmpty() ? null : toEvolve.get(0), MessageShape.of(schema));
    }

    private static JsonNode json(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            JsonNode node = MAPPER.readTree(text);
            return node.isObject() && node.has("tools") ? node.get("tools") : node;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String wrapAsArray(String json) {
        return json == null || json.startsWith("[") ? json : "[" + json + "]";
    }

    static int count(String text, JsonNode schema) {
        Matcher matcher = COUNT.matcher(text);
        if (matcher.find()) {
            return Math.max(1, Math.min(MAX_COUNT, Integer.parseInt(matcher.group(1))));
        }
        JsonNode maxItems = schema == null ? null : schema.path("properties").path("examples").get("maxItems");
        if (maxItems != null && maxItems.canConvertToInt() && maxItems.asInt() > 0) {
            return Math.min(MAX_COUNT, maxItems.asInt());
        }
        return DEFAULT_COUNT;
    }

    static String between(String text, String open, String close) {
        int start = text.indexOf(open);
        if (start < 0) {
            return null;
        }
        start += open.length();
        int end = text.indexOf(close, start);
        return (end < 0 ? text.substring(start) : text.substring(start, end)).strip();
    }

    /**
     * Seeds from a JSON array of {@code {"messages": [...]}} objects; ShareGPT-style {@code conversations} with
     * {@code from}/{@code value} are accepted too. Returns no seeds when the text is missing or not JSON.
     */
    static List<Example> parseSeeds(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return List.of();
        }
        if (root.isObject() && root.has("examples")) {
            root = root.get("examples");
        }
        List<Example> seeds = new ArrayList<>();
        if (root == null || !root.isArray()) {
            return seeds;
        }
        for (JsonNode element : root) {
            List<Turn> turns = new ArrayList<>();
            JsonNode messages = element.isArray() ? element : element.path("messages");
            if (messages.isArray()) {
                for (JsonNode message : messages) {
                    turns.add(turn(message));
                }
            } else if (element.path("conversations").isArray()) {
                String lastCallId = null;
                for (JsonNode message : element.path("conversations")) {
                    String from = message.path("from").asText().toLowerCase(Locale.ROOT);
                    String value = message.path("value").asText("");
                    if ("function_call".equals(from)) {
                        lastCallId = "call_" + seeds.size() + "_" + turns.size();
                        turns.add(shareGptCall(value, lastCallId));
                    } else if ("observation".equals(from)) {
                        turns.add(new Turn(Turn.TOOL, value, List.of(), lastCallId));
                    } else {
                        turns.add(new Turn(shareGptRole(from), value));
                    }
                }
            }
            if (turns.stream().anyMatch(Turn::isUser)) {
                seeds.add(new Example(turns));
            }
        }
        return seeds;
    }

    /** A message with its tool calls, flat ({id, name, arguments}) or nested under "function" as OpenAI writes them. */
    static Turn turn(JsonNode message) {
        JsonNode content = message.path("content");
        String text = content.isTextual() ? content.asText()
                : content.isNull() || content.isMissingNode() ? ""
                        : content.toString();
        List<Turn.ToolCall> calls = new ArrayList<>();
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode function = call.has("function") ? call.get("function") : call;
            JsonNode arguments = function.path("arguments");
            calls.add(new Turn.ToolCall(call.path("id").asText("call_" + calls.size()), function.path("name").asText(),
                    arguments.isTextual() ? arguments.asText()
                            : arguments.isMissingNode() ? "{}"
                                    : arguments.toString()));
        }
        JsonNode callId = message.get("tool_call_id");
        return new Turn(message.path("role").asText(Turn.USER), text, calls,
                callId == null || callId.isNull() ? null : callId.asText());
    }

    /** A ShareGPT {@code function_call} turn ({@code {"name", "arguments"}}) as an assistant turn with a tool call. */
    private static Turn shareGptCall(String value, String callId) {
        try {
            JsonNode call = MAPPER.readTree(value);
            JsonNode arguments = call.path("arguments");
            return new Turn(Turn.ASSISTANT, "", List.of(new Turn.ToolCall(callId, call.path("name").asText(),
                    arguments.isTextual() ? arguments.asText() : arguments.toString())), null);
        } catch (JsonProcessingException e) {
            return new Turn(Turn.ASSISTANT, value);
        }
    }

    private static String shareGptRole(String from) {
        return switch (from.toLowerCase(Locale.ROOT)) {
            case "gpt", "assistant", "model" -> Turn.ASSISTANT;
            case "system" -> Turn.SYSTEM;
            default -> Turn.USER;
        };
    }
}
