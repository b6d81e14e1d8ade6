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
 * {@code <seed_examples>} markers, the wanted count between {@code <count>} markers, optional {@code <directives>}.
 */
public final class SeedParser {

    public static final String SEEDS_OPEN = "<seed_examples>";
    public static final String SEEDS_CLOSE = "</seed_examples>";
    public static final String COUNT_OPEN = "<count>";
    public static final String COUNT_CLOSE = "</count>";
    public static final String DIRECTIVES_OPEN = "<directives>";
    public static final String DIRECTIVES_CLOSE = "</directives>";
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
            if (turn.content().contains(SEEDS_OPEN) || source == null && turn.content().contains(COUNT_OPEN)) {
                source = turn.content();
            }
        }
        if (source == null) {
            source = messages.isEmpty() ? "" : messages.get(messages.size() - 1).content();
        }
        List<Example> seeds = parseSeeds(between(source, SEEDS_OPEN, SEEDS_CLOSE));
        return new GenerationPrompt(seeds, count(source, schema), between(source, DIRECTIVES_OPEN, DIRECTIVES_CLOSE));
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
                    turns.add(new Turn(message.path("role").asText(Turn.USER), message.path("content").asText("")));
                }
            } else if (element.path("conversations").isArray()) {
                for (JsonNode message : element.path("conversations")) {
                    turns.add(new Turn(shareGptRole(message.path("from").asText()), message.path("value").asText("")));
                }
            }
            if (turns.stream().anyMatch(Turn::isUser)) {
                seeds.add(new Example(turns));
            }
        }
        return seeds;
    }

    private static String shareGptRole(String from) {
        return switch (from.toLowerCase(Locale.ROOT)) {
            case "gpt", "assistant", "model" -> Turn.ASSISTANT;
            case "system" -> Turn.SYSTEM;
            default -> Turn.USER;
        };
    }
}
