package dev.seedforge.simulator.domain;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.ToolCall;
import dev.seedforge.contracts.tokens.TokenCounter;

/**
 * The simulator's rejected answers for preference jobs: asked (a {@code <rejected_answers>} section naming each
 * example's failure mode), it puts beside every record a worse answer for its final assistant turn that really has
 * the named failure, for any task and format, by transforming the record's own answer: {@code wrong_format} writes
 * a JSON answer as prose and any other as chat prose that the stated reply patterns do not match; {@code incomplete}
 * keeps the first third
 * (a JSON answer loses its later fields); {@code wrong_tool_arguments} calls one of the job's tools with a required
 * argument of the wrong type; {@code hallucinated_fact} adds a confident claim with a made-up name and figures.
 * Mechanical stand-ins for the failures a real teacher writes when asked, not a model of them.
 */
public final class RejectedAnswers {

    static final String OPEN = "<rejected_answers>";
    private static final Pattern MODE_LINE = Pattern.compile("(?m)^example (\\d+): ([a-z_]+)\\s*$");
    private static final Pattern MUST_MATCH = Pattern.compile("(?m)^the final reply must match: (.+)$");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<String> modes;
    private final List<Pattern> replyPatterns;
    private final TokenCounter tokens;

    RejectedAnswers(List<String> modes, List<Pattern> replyPatterns, TokenCounter tokens) {
        this.modes = List.copyOf(modes);
        this.replyPatterns = List.copyOf(replyPatterns);
        this.tokens = tokens;
    }

    /** What the request asks for, or {@code null} when it asks for no rejected answers. */
    public static RejectedAnswers requested(List<Turn> messages, TokenCounter tokens) {
        for (Turn turn : messages) {
            String text = turn.content();
            if (text == null || !text.contains(OPEN)) {
                continue;
            }
            List<String> modes = new ArrayList<>();
            Matcher m = MODE_LINE.matcher(text.substring(text.indexOf(OPEN)));
            while (m.find()) {
                modes.add(m.group(2));
            }
            List<Pattern> patterns = new ArrayList<>();
            Matcher p = MUST_MATCH.matcher(text);
            while (p.find()) {
                try {
                    patterns.add(Pattern.compile(unescape(p.group(1).strip())));
                } catch (PatternSyntaxException e) {
                    // a pattern the simulator cannot read is one it cannot avoid; the validator will say so
                }
            }
            return modes.isEmpty() ? null : new RejectedAnswers(modes, patterns, tokens);
        }
        return null;
    }

    /** The mode asked of the {@code index}-th example (the list repeats when the teacher writes more). */
    String modeOf(int index) {
        return modes.get(index % modes.size());
    }

    /** The record with its {@code preference} block: the worse answer and its failure mode. */
    public ObjectNode addTo(ObjectNode record, int index, ExampleFormat format, List<ToolConversations.Tool> tools,
            SplittableRandom random) {
        String mode = modeOf(index);
        List<ChatTurn> turns;
        try {
            turns = format.turns(record);
        } catch (RuntimeException e) {
            return record; // a structurally broken record: the validator rejects it before its pair
        }
        if (turns.isEmpty()) {
            return record;
        }
        ChatTurn chosen = turns.get(turns.size() - 1);
        String answer = chosen.content() == null ? "" : chosen.content();
        ObjectNode rejected = MAPPER.createObjectNode();
        switch (mode) {
            case "wrong_format" -> rejected.put("content", wrongFormat(answer));
            case "incomplete" -> rejected.put("content", incomplete(answer));
            case "wrong_tool_arguments" -> {
                rejected.putNull("content");
                rejected.set("tool_calls", wrongToolCall(turns, tools, random));
            }
            default -> rejected.put("content", hallucinated(answer, new ValueLibrary(random), random));
        }
        ObjectNode block = MAPPER.createObjectNode().put("failure_mode", mode);
        block.set("rejected", rejected);
        ObjectNode out = record.deepCopy();
        out.set("preference", block);
        return out;
    }

    /**
     * JSON as prose; other text reflowed as chat prose (a lead-in, separators as commas), or without what the stated
     * reply patterns match when they still match that.
     */
    String wrongFormat(String answer) {
        JsonNode json = JsonReplies.parse(answer);
        if (json != null && json.isContainerNode()) {
            List<String> parts = new ArrayList<>();
            json.properties().forEach(e -> parts.add(e.getKey().replace('_', ' ') + " is " + plain(e.getValue())));
            if (parts.isEmpty()) {
                json.forEach(v -> parts.add(plain(v)));
            }
            return "Sure! Here is what I found: " + String.join(", ", parts) + ".";
        }
        // first the same content reflowed as chat prose; only if a stated pattern still matches, without its matches
        String prose = "Sure! " + answer.replaceAll("\\s*[|\\n]+\\s*", ", ").replaceAll("\\s+", " ").strip();
        if (replyPatterns.stream().noneMatch(p -> p.matcher(prose).find())) {
            return prose;
        }
        String text = answer;
        for (Pattern pattern : replyPatterns) {
            text = pattern.matcher(text).replaceAll("");
        }
        text = text.replaceAll("\\s+", " ").strip();
        return "Sure! " + (text.isEmpty() ? "I can help with that." : text);
    }

    /** The first third of the answer (at a word), or a JSON object without its later half of fields. */
    String incomplete(String answer) {
        JsonNode json = JsonReplies.parse(answer);
        if (json != null && json.isObject() && json.size() > 1) {
            ObjectNode cut = ((ObjectNode) json).deepCopy();
            List<String> names = new ArrayList<>();
            cut.fieldNames().forEachRemaining(names::add);
            names.subList((names.size() + 1) / 2, names.size()).forEach(cut::remove);
            String written = cut.toString();
            if (tokens.count(written) <= tokens.count(answer) / 2) {
                return written;
            }
        }
        String[] words = answer.strip().split("\\s+");
        int keep = Math.max(1, words.length / 3);
        return String.join(" ", java.util.Arrays.copyOf(words, keep));
    }

    /** The answer with a confident claim no prompt supports: a made-up expert, a year and a percentage. */
    static String hallucinated(String answer, ValueLibrary values, SplittableRandom random) {
        String expert = values.firstName() + " " + values.lastName();
        int year = 1961 + random.nextInt(50);
        int share = 61 + random.nextInt(37);
        String claim = "This was confirmed by " + expert + " in " + year + ", and it holds in " + share
                + "% of cases.";
        JsonNode json = JsonReplies.parse(answer);
        if (json != null && json.isObject()) {
            ObjectNode claimed = ((ObjectNode) json).deepCopy();
            Iterator<Map.Entry<String, JsonNode>> fields = claimed.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isTextual()) {
                    claimed.put(field.getKey(), field.getValue().asText() + " (" + claim + ")");
                    return claimed.toString();
                }
            }
            claimed.put("note", claim);
            return claimed.toString();
        }
        return answer.strip() + " " + claim;
    }

    /**
     * A call of the tool the conversation called last (else the job's first) whose first required argument (else
     * first argument) has the wrong JSON type; the other arguments as the conversation gave them.
     */
    static ArrayNode wrongToolCall(List<ChatTurn> turns, List<ToolConversations.Tool> tools,
            SplittableRandom random) {
        ToolCall last = null;
        for (ChatTurn turn : turns) {
            if (!turn.toolCalls().isEmpty()) {
                last = turn.toolCalls().get(turn.toolCalls().size() - 1);
            }
        }
        String name = last != null ? last.name() : tools.isEmpty() ? "tool" : tools.get(0).name();
        JsonNode parameters = tools.stream().filter(t -> t.name().equals(name)).map(ToolConversations.Tool::parameters)
                .findFirst().orElse(MAPPER.createObjectNode());
        ObjectNode arguments = MAPPER.createObjectNode();
        JsonNode given = last == null ? null : JsonReplies.parse(last.arguments());
        if (given != null && given.isObject()) {
            arguments.setAll((ObjectNode) given);
        }
        List<String> targets = new ArrayList<>();
        parameters.path("required").forEach(r -> targets.add(r.asText()));
        if (targets.isEmpty()) {
            parameters.path("properties").fieldNames().forEachRemaining(targets::add);
        }
        if (targets.isEmpty()) {
            arguments.put("unexpected_argument", true);
        } else {
            String target = targets.get(0);
            String type = parameters.path("properties").path(target).path("type").asText("string");
            switch (type) {
                case "integer", "number" -> arguments.put(target, "several");
                case "boolean" -> arguments.put(target, "maybe");
                case "array", "object" -> arguments.put(target, 0);
                default -> arguments.put(target, 10_000 + random.nextInt(90_000));
            }
        }
        ArrayNode calls = MAPPER.createArrayNode();
        ObjectNode call = calls.addObject().put("id", "call_" + Long.toHexString(random.nextLong() & 0xffffffL))
                .put("type", "function");
        call.putObject("function").put("name", name).put("arguments", arguments.toString());
        return calls;
    }

    private static String plain(JsonNode value) {
        if (value.isValueNode()) {
            return value.asText();
        }
        List<String> parts = new ArrayList<>();
        value.forEach(v -> parts.add(plain(v)));
        return parts.stream().collect(Collectors.joining(" and "));
    }

    /** The prompt writes {@code <} and {@code >} as JSON escapes inside data. */
    private static String unescape(String pattern) {
        return pattern.replace("\\u003c", "<").replace("\\u003e", ">");
    }
}
