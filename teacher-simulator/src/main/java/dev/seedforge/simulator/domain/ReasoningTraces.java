package dev.seedforge.simulator.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.contracts.ToolDefinitions;
import dev.seedforge.contracts.tokens.TokenCounter;

/**
 * Writes a reasoning trace before each assistant answer when the request asks for one: the response schema has a
 * {@code reasoning_content} field (its description gives the token budget), or the directives say
 * {@code reasoning: yes, at most N tokens}. The trace is built from the example itself, for any task: what the user
 * asks, the figures and names the request gives, the tool a turn calls and what it returned, and the shape of the
 * answer that follows; it stops before the budget. It is a stand-in with the right place, length and references,
 * not reasoning: nothing in it is worked out, and it never changes the answer.
 */
public final class ReasoningTraces {

    public static final String FIELD = "reasoning_content";
    private static final Pattern BUDGET = Pattern.compile("at most (\\d+) tokens");
    private static final Pattern DIRECTIVE = Pattern.compile("(?m)^reasoning: yes, at most (\\d+) tokens");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])\\d+(?:[.,:]\\d+)*(?![\\w])");
    private static final Pattern NAME = Pattern.compile("(?:'([^'\\n]{2,40})'|\"([^\"\\n]{2,40})\"|\\b([A-Z][a-z]+(?:"
            + " [A-Z][a-z]+)+)\\b)");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> OPENERS = List.of("The user asks: \"%s\".", "The request is: \"%s\".",
            "Here the user wants this: \"%s\".");
    private static final List<String> CLOSERS = List.of("I check the answer against the request before writing it.",
            "Before answering I make sure nothing the request gives is left out.",
            "I keep the answer to what was asked, in the task's usual form.");

    private final TokenCounter tokens;

    public ReasoningTraces(TokenCounter tokens) {
        this.tokens = tokens;
    }

    /** The token budget the request asks traces to keep, or -1 when it asks for none. */
    public static int budget(JsonNode schema, List<Turn> messages) {
        int fromSchema = schema == null ? -1 : schemaBudget(schema);
        if (fromSchema >= 0) {
            return fromSchema;
        }
        for (Turn turn : messages) {
            Matcher m = DIRECTIVE.matcher(turn.content());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return -1;
    }

    private static int schemaBudget(JsonNode node) {
        if (node.isObject()) {
            JsonNode field = node.path("properties").get(FIELD);
            if (field != null) {
                Matcher m = BUDGET.matcher(descriptions(field));
                return m.find() ? Integer.parseInt(m.group(1)) : 256;
            }
        }
        for (JsonNode child : node) {
            if (child.isContainerNode()) {
                int found = schemaBudget(child);
                if (found >= 0) {
                    return found;
                }
            }
        }
        return -1;
    }

    private static String descriptions(JsonNode node) {
        StringBuilder text = new StringBuilder(node.path("description").asText(""));
        for (JsonNode alternative : node.path("anyOf")) {
            text.append(' ').append(alternative.path("description").asText(""));
        }
        return text.toString();
    }

    /** The record with a trace beside each assistant answer that has none (OpenAI, ShareGPT or Alpaca). */
    public ObjectNode addTo(ObjectNode record, int budget, SplittableRandom random) {
        if (record.has("messages")) {
            String user = "";
            String lastResult = null;
            for (JsonNode m : record.path("messages")) {
                String role = m.path("role").asText();
                if ("user".equals(role)) {
                    user = m.path("content").asText("");
                    lastResult = null;
                } else if ("tool".equals(role)) {
                    lastResult = m.path("content").asText("");
                } else if ("assistant".equals(role) && !m.hasNonNull(FIELD)) {
                    ((ObjectNode) m).put(FIELD, trace(user, m.path("content").asText(""), calls(m), lastResult,
                            budget, random));
                }
            }
        } else if (record.has("conversations")) {
            String user = "";
            String lastResult = null;
            for (JsonNode t : record.path("conversations")) {
                String from = t.path("from").asText();
                if ("human".equals(from)) {
                    user = t.path("value").asText("");
                    lastResult = null;
                } else if ("observation".equals(from)) {
                    lastResult = t.path("value").asText("");
                } else if ("gpt".equals(from) && !t.hasNonNull(FIELD)) {
                    ((ObjectNode) t).put(FIELD, trace(user, t.path("value").asText(""), List.of(), lastResult,
                            budget, random));
                }
            }
        } else if (record.has("instruction") && !record.hasNonNull(FIELD)) {
            String user = (record.path("instruction").asText("") + "\n" + record.path("input").asText("")).strip();
            String output = record.path("output").asText("");
            // the schema puts the trace before the output: a model writes it first
            ObjectNode ordered = MAPPER.createObjectNode();
            record.fields().forEachRemaining(e -> {
                if ("output".equals(e.getKey())) {
                    ordered.put(FIELD, trace(user, output, List.of(), null, budget, random));
                }
                ordered.set(e.getKey(), e.getValue());
            });
            record.removeAll();
            record.setAll(ordered);
        }
        return record;
    }

    private static List<String> calls(JsonNode message) {
        List<String> calls = new ArrayList<>();
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode function = ToolDefinitions.functionOf(call);
            calls.add(function.path("name").asText("") + " " + function.path("arguments").asText(""));
        }
        return calls;
    }

    String trace(String user, String answer, List<String> calls, String lastResult, int budget,
            SplittableRandom random) {
        List<String> sentences = new ArrayList<>();
        sentences.add(OPENERS.get(random.nextInt(OPENERS.size())).formatted(snippet(user, 24)));
        List<String> numbers = distinct(NUMBER.matcher(user), 6);
        if (!numbers.isEmpty()) {
            sentences.add("The figures it gives are " + String.join(", ", numbers) + "; the answer has to use them"
                    + " as given.");
        }
        List<String> names = distinct(NAME.matcher(user), 4);
        if (!names.isEmpty()) {
            sentences.add("It names " + String.join(", ", names) + ", so the answer refers to "
                    + (names.size() == 1 ? "it" : "them") + " exactly.");
        }
        if (lastResult != null && !lastResult.isBlank()) {
            sentences.add("The tool returned " + snippet(lastResult, 18) + "; I answer from that, not from memory.");
        }
        if (!calls.isEmpty()) {
            sentences.add("I do not have this data myself, so I call " + snippet(String.join("; ", calls), 30)
                    + ".");
        } else {
            sentences.add(shape(answer));
        }
        sentences.add(CLOSERS.get(random.nextInt(CLOSERS.size())));
        StringBuilder text = new StringBuilder();
        for (String sentence : sentences) {
            String next = text.isEmpty() ? sentence : text + " " + sentence;
            if (tokens.count(next) > budget) {
                break;
            }
            text.setLength(0);
            text.append(next);
        }
        return text.isEmpty() ? tokens.truncate(sentences.get(0), Math.max(1, budget)) : text.toString();
    }

    /** What the answer looks like, said the way one plans it. */
    private static String shape(String answer) {
        String a = answer.strip();
        if (a.startsWith("{") || a.startsWith("[")) {
            try {
                JsonNode json = MAPPER.readTree(a);
                List<String> fields = new ArrayList<>();
                json.fieldNames().forEachRemaining(fields::add);
                return fields.isEmpty() ? "The answer is JSON, as the task requires."
                        : "The answer is a JSON object with " + String.join(", ", fields.subList(0,
                                Math.min(8, fields.size()))) + ", each filled from the request.";
            } catch (Exception e) {
                return "The answer is JSON, as the task requires.";
            }
        }
        String[] lines = a.split("\n");
        if (lines.length > 2) {
            return "I work through it in " + lines.length + " lines and end with \"" + snippet(lines[lines.length - 1],
                    12) + "\".";
        }
        return "The reply is short, in the task's usual form, starting \"" + snippet(a, 8) + "\".";
    }

    private static String snippet(String text, int words) {
        String[] parts = text.strip().replaceAll("\\s+", " ").split(" ");
        if (parts.length <= words) {
            return String.join(" ", parts);
        }
        return String.join(" ", List.of(parts).subList(0, words)) + " ...";
    }

    private static List<String> distinct(Matcher m, int max) {
        Set<String> found = new LinkedHashSet<>();
        while (m.find() && found.size() < max) {
            for (int g = m.groupCount(); g >= 0; g--) {
                if (g > 0 && m.group(g) != null) {
                    found.add(m.group(g));
                    break;
                }
                if (g == 0) {
                    found.add(m.group());
                }
            }
        }
        return new ArrayList<>(found);
    }
}
