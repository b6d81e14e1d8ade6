package dev.seedforge.simulator.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.ToolDefinitions;

/**
 * Reads a generation prompt the way the SeedForge generator writes it: seed conversations as a JSON array between
 * {@code <seed_examples>} markers, the wanted count between {@code <count>} markers, optional {@code <directives>}
 * (free text and {@link CellDirectives}), {@code <tools>} (OpenAI tool definitions) and
 * {@code <example_to_evolve>}. With {@code tool_lists: per example}, each seed's own {@code tools} field is read too.
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
    public static final String TASK_OPEN = "<task>";
    public static final String TASK_CLOSE = "</task>";
    public static final String SYSTEM_PROMPT_OPEN = "<system_prompt>";
    public static final String SYSTEM_PROMPT_CLOSE = "</system_prompt>";
    public static final String FORMAT_OPEN = "<format>";
    public static final String FORMAT_CLOSE = "</format>";
    public static final String ALREADY_HAVE_OPEN = "<already_have>";
    public static final String ALREADY_HAVE_CLOSE = "</already_have>";
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
        String seedsText = between(source, SEEDS_OPEN, SEEDS_CLOSE);
        String directives = between(source, DIRECTIVES_OPEN, DIRECTIVES_CLOSE);
        CellDirectives cell = CellDirectives.parse(directives);
        List<Example> seeds = parseSeeds(seedsText, cell.toolsPerExample());
        List<Example> toEvolve = parseSeeds(wrapAsArray(between(source, EVOLVE_OPEN, EVOLVE_CLOSE)));
        int count = toEvolve.isEmpty() || COUNT.matcher(source).find() ? count(source, schema) : 1;
        return new GenerationPrompt(seeds, count, directives, cell,
                ToolConversations.Tool.from(json(between(source, TOOLS_OPEN, TOOLS_CLOSE))),
                toEvolve.isEmpty() ? null : toEvolve.get(0), MessageShape.of(schema),
                format(between(source, FORMAT_OPEN, FORMAT_CLOSE)), between(source, TASK_OPEN, TASK_CLOSE),
                between(source, SYSTEM_PROMPT_OPEN, SYSTEM_PROMPT_CLOSE),
                alreadyHave(between(source, ALREADY_HAVE_OPEN, ALREADY_HAVE_CLOSE)), null,
                anyAlpacaInput(seedsText));
    }

    /** The job's format; {@code null} (the legacy messages answer) when the section is missing or unknown. */
    static ExampleFormat format(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return ExampleFormat.fromId(text.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The digests listed one per line, each after a "- ". */
    static List<String> alreadyHave(String text) {
        List<String> digests = new ArrayList<>();
        if (text != null) {
            for (String line : text.split("\\R")) {
                String digest = line.strip().replaceFirst("^[-*]\\s*", "").strip();
                if (!digest.isEmpty()) {
                    digests.add(digest);
                }
            }
        }
        return digests;
    }

    private static boolean anyAlpacaInput(String json) {
        try {
            JsonNode root = json == null || json.isBlank() ? null : MAPPER.readTree(json);
            if (root != null && root.isArray()) {
                for (JsonNode seed : root) {
                    if (FormatCodec.hasAlpacaInput(seed)) {
                        return true;
                    }
                }
            }
        } catch (JsonProcessingException e) {
            return false;
        }
        return false;
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
     * Seeds from a JSON array of records in any of the three formats (the job's own, or the legacy
     * {@code {"messages": [...]}} with flat tool calls). Returns no seeds when the text is missing or not JSON.
     */
    static List<Example> parseSeeds(String json) {
        return parseSeeds(json, false);
    }

    /** As above; with {@code ownTools}, each seed with the tools its record declares ({@code tool_lists: per example}). */
    static List<Example> parseSeeds(String json, boolean ownTools) {
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
            Example seed;
            try {
                seed = element.isObject() || element.isArray() ? FormatCodec.read(element) : null;
            } catch (IllegalArgumentException e) {
                seed = null;
            }
            if (seed != null && seed.messages().stream().anyMatch(Turn::isUser)) {
                seeds.add(ownTools ? seed.withTools(FormatCodec.declaredTools(element)) : seed);
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
            JsonNode function = ToolDefinitions.functionOf(call);
            JsonNode arguments = function.path("arguments");
            calls.add(new Turn.ToolCall(call.path("id").asText("call_" + calls.size()), function.path("name").asText(),
                    arguments.isTextual() ? arguments.asText()
                            : arguments.isMissingNode() ? "{}"
                                    : arguments.toString()));
        }
        JsonNode callId = message.get("tool_call_id");
        JsonNode name = message.get("name");
        return new Turn(message.path("role").asText(Turn.USER), text, calls,
                callId == null || callId.isNull() ? null : callId.asText(),
                name == null || !name.isTextual() || name.asText().isBlank() ? null : name.asText());
    }
}
