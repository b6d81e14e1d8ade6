package dev.seedforge.simulator.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.contracts.ToolDefinitions;

/**
 * Turns a plain exchange into a tool-calling one: the user's request, an assistant turn that calls the tool whose name
 * and description best match the request (arguments filled from the tool's parameter schema, taking quoted titles,
 * ISO dates, numbers and enum values from the request), a {@code tool} turn with the tool's result, and the final
 * assistant reply. With {@code offSchema}, the arguments break the parameter schema (a required property missing, a
 * wrong type, or an unknown property), as a careless teacher's sometimes do.
 */
public final class ToolConversations {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern QUOTED = Pattern.compile("'([^'\\n]{1,80})'|\"([^\"\\n]{1,80})\"");
    private static final Pattern ISO_DATE = Pattern.compile("\\b\\d{4}-\\d{2}-\\d{2}\\b");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w-])\\d{1,9}(?![\\w-])");
    private static final Pattern TEXTUAL_NAME = Pattern.compile("(?i).*(title|name|subject|query|topic|summary).*");
    private static final Pattern DATE_NAME = Pattern.compile("(?i).*(date|due|deadline|day).*");
    private static final Pattern ID_NAME = Pattern.compile("(?i)(.*_)?id|.*Id|number|.*_number");
    private static final Pattern APOLOGY = Pattern.compile(
            "(?i)(?<![\\p{L}])(?:sorry|unable|apologi[sz]e|can(?:no|')t|don't have)(?![\\p{L}])");
    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final SchemaFiller filler;

    public ToolConversations(SchemaFiller filler) {
        this.filler = filler;
    }

    /** A tool definition, from OpenAI's {@code {"type":"function","function":{...}}} or a flat object. */
    public record Tool(String name, String description, JsonNode parameters) {

        /** The strings its parameters allow alone ({@code enum}, {@code const}), at any depth. */
        public Set<String> fixedValues() {
            Set<String> values = new HashSet<>();
            if (parameters != null) {
                collectFixed(parameters, values);
            }
            return values;
        }

        private static void collectFixed(JsonNode schema, Set<String> values) {
            schema.path("enum").forEach(value -> {
                if (value.isTextual() && !value.asText().isBlank()) {
                    values.add(value.asText());
                }
            });
            if (schema.path("const").isTextual() && !schema.path("const").asText().isBlank()) {
                values.add(schema.path("const").asText());
            }
            schema.forEach(child -> {
                if (child.isContainerNode()) {
                    collectFixed(child, values);
                }
            });
        }

        public static List<Tool> from(JsonNode tools) {
            List<Tool> out = new ArrayList<>();
            if (tools == null || !tools.isArray()) {
                return out;
            }
            for (JsonNode tool : tools) {
                JsonNode function = ToolDefinitions.functionOf(tool);
                String name = function.path("name").asText("");
                if (!name.isBlank()) {
                    out.add(new Tool(name, function.path("description").asText(""), function.get("parameters")));
                }
            }
            return out;
        }
    }

    public Example withToolCall(Example base, List<Tool> tools, boolean offSchema, SplittableRandom random) {
        FirstExchange exchange = FirstExchange.of(base);
        if (exchange == null || tools.isEmpty()) {
            return base;
        }
        Tool tool = choose(tools, exchange.replyLine(), exchange.request(), random);
        return calling(base, exchange, tool, arguments(tool, exchange.text(), random), offSchema, random);
    }

    /**
     * As above, calling {@code tool} with arguments from its schema and the request, then {@code given} (values the
     * caller took from the request for a tool it made up for it).
     */
    public Example withToolCall(Example base, Tool tool, ObjectNode given, boolean offSchema,
            SplittableRandom random) {
        FirstExchange exchange = FirstExchange.of(base);
        if (exchange == null) {
            return base;
        }
        ObjectNode arguments = arguments(tool, exchange.text(), random);
        arguments.setAll(given);
        return calling(base, exchange, tool, arguments, offSchema, random);
    }

    /**
     * The tools {@code request} (the example's first, as it was before the user's circumstances were written around
     * it) names by their words, else those the first line of the reply to it names, unless it apologises ("I'm sorry,
     * I can't book flights; I can check an email address" names the tool it did not use); none may fit.
     */
    static List<Tool> fitting(Example base, String request, List<Tool> tools) {
        FirstExchange exchange = FirstExchange.of(base);
        if (exchange == null || tools.isEmpty()) {
            return List.of();
        }
        List<Tool> byRequest = best(tools, QUOTED.matcher(request).replaceAll("''"));
        if (!byRequest.isEmpty() || apologises(base)) {
            return byRequest;
        }
        return best(tools, QUOTED.matcher(exchange.replyLine()).replaceAll("''"));
    }

    /** Whether the reply to the first request apologises in its first line: it does not do what was asked. */
    static boolean apologises(Example base) {
        FirstExchange exchange = FirstExchange.of(base);
        return exchange != null && APOLOGY.matcher(exchange.replyLine()).find();
    }

    private Example calling(Example base, FirstExchange exchange, Tool tool, ObjectNode arguments, boolean offSchema,
            SplittableRandom random) {
        if (offSchema) {
            breakArguments(tool, arguments, random);
        }
        List<Turn> turns = base.messages();
        String reply = exchange.reply();
        String callId = callId(random);
        List<Turn> out = new ArrayList<>(turns.subList(0, exchange.ask() + 1));
        out.add(new Turn(Turn.ASSISTANT, "", List.of(new Turn.ToolCall(callId, tool.name(), arguments.toString())),
                null));
        out.add(new Turn(Turn.TOOL, result(tool, arguments, random), List.of(), callId));
        out.add(new Turn(Turn.ASSISTANT, reply == null || reply.isBlank() ? "Done: " + describe(tool) + "." : reply));
        if (exchange.replyAt() >= 0) {
            out.addAll(turns.subList(exchange.replyAt() + 1, turns.size()));
        }
        return new Example(out, base.tools());
    }

    /** The first user request of a conversation and the last assistant reply before the next request, if any. */
    private record FirstExchange(int ask, String request, String reply, int replyAt) {

        static FirstExchange of(Example base) {
            List<Turn> turns = base.messages();
            int ask = -1;
            for (int i = 0; i < turns.size(); i++) {
                if (turns.get(i).isUser()) {
                    ask = i;
                    break;
                }
            }
            if (ask < 0) {
                return null;
            }
            String reply = null;
            int replyAt = -1;
            for (int i = ask + 1; i < turns.size() && !turns.get(i).isUser(); i++) {
                if (turns.get(i).isAssistant()) {
                    reply = turns.get(i).content();
                    replyAt = i;
                }
            }
            return new FirstExchange(ask, turns.get(ask).content(), reply, replyAt);
        }

        /** The reply's first line: it tells what was done. */
        String replyLine() {
            return reply == null ? "" : reply.split("\n", 2)[0];
        }

        /** Where argument values are looked for: the reply, then the request. */
        String text() {
            return reply == null ? request : reply + "\n" + request;
        }
    }

    /**
     * The tool whose name and description words (those not shared by every tool) the reply's first line mentions
     * most (it tells what was done), else the request; a random one of the best on a tie. Quoted text (a title) is
     * content, not the operation, and is left out.
     */
    static Tool choose(List<Tool> tools, String reply, String request, SplittableRandom random) {
        List<Tool> byReply = best(tools, QUOTED.matcher(reply).replaceAll("''"));
        List<Tool> top = byReply.size() == 1 ? byReply
                : best(byReply.isEmpty() ? tools : byReply, QUOTED.matcher(request).replaceAll("''"));
        List<Tool> from = top.isEmpty() ? tools : top;
        return from.get(random.nextInt(from.size()));
    }

    /** The tools with the highest positive score, or none when nothing matches. */
    private static List<Tool> best(List<Tool> tools, String request) {
        String text = request.toLowerCase(Locale.ROOT);
        List<Set<String>> stems = new ArrayList<>();
        Map<String, Integer> toolsWithStem = new HashMap<>();
        for (Tool tool : tools) {
            Set<String> own = new HashSet<>();
            for (String word : (tool.name() + " " + tool.description()).split("[^\\p{L}]+|(?<=\\p{Ll})(?=\\p{Lu})")) {
                String w = word.toLowerCase(Locale.ROOT);
                if (w.length() >= 4) {
                    own.add(w.substring(0, Math.max(4, w.length() - 2)));
                }
            }
            own.forEach(stem -> toolsWithStem.merge(stem, 1, Integer::sum));
            stems.add(own);
        }
        int best = -1;
        List<Tool> top = new ArrayList<>();
        for (int i = 0; i < tools.size(); i++) {
            int score = 0;
            for (String stem : stems.get(i)) {
                if ((tools.size() == 1 || toolsWithStem.get(stem) < tools.size())
                        && Pattern.compile("(?<![\\p{L}])" + Pattern.quote(stem) + "\\p{L}{0,3}(?![\\p{L}])")
                                .matcher(text).find()) {
                    score++;
                }
            }
            if (score > best) {
                best = score;
                top.clear();
            }
            if (score == best && score > 0) {
                top.add(tools.get(i));
            }
        }
        return top;
    }

    /** Arguments from the parameter schema, with values found in {@code text} (the reply, then the request). */
    ObjectNode arguments(Tool tool, String request, SplittableRandom random) {
        JsonNode parameters = tool.parameters() == null ? MAPPER.createObjectNode().put("type", "object")
                : tool.parameters();
        JsonNode filled = filler.fill(parameters, random);
        ObjectNode arguments = filled.isObject() ? (ObjectNode) filled : MAPPER.createObjectNode();
        JsonNode properties = parameters.path("properties");
        String quoted = firstQuoted(request);
        Matcher date = ISO_DATE.matcher(request);
        String isoDate = date.find() ? date.group() : null;
        Matcher number = NUMBER.matcher(ISO_DATE.matcher(request).replaceAll(" "));
        String firstNumber = number.find() ? number.group() : null;
        String lower = request.toLowerCase(Locale.ROOT);
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> property = it.next();
            String name = property.getKey();
            JsonNode schema = MessageShape.resolve(parameters, property.getValue());
            if (schema == null || !arguments.has(name)) {
                continue;
            }
            String type = schema.path("type").asText("");
            if (schema.path("enum").isArray()) {
                int earliest = Integer.MAX_VALUE;
                for (JsonNode option : schema.get("enum")) {
                    Matcher found = Pattern.compile("(?<![\\p{L}])" + Pattern.quote(
                            option.asText().toLowerCase(Locale.ROOT)) + "(?![\\p{L}])").matcher(lower);
                    if (option.isTextual() && found.find() && found.start() < earliest) {
                        earliest = found.start();
                        arguments.set(name, option);
                    }
                }
            } else if ("string".equals(type) && isoDate != null
                    && (DATE_NAME.matcher(name).matches() || "date".equals(schema.path("format").asText()))) {
                arguments.put(name, isoDate);
            } else if ("string".equals(type) && quoted != null && TEXTUAL_NAME.matcher(name).matches()) {
                arguments.put(name, quoted);
            } else if ("integer".equals(type) && firstNumber != null && ID_NAME.matcher(name).matches()) {
                arguments.put(name, Long.parseLong(firstNumber));
            }
        }
        return arguments;
    }

    static void breakArguments(Tool tool, ObjectNode arguments, SplittableRandom random) {
        JsonNode parameters = tool.parameters() == null ? MAPPER.createObjectNode() : tool.parameters();
        List<String> required = new ArrayList<>();
        parameters.path("required").forEach(r -> required.add(r.asText()));
        List<Integer> ways = new ArrayList<>();
        if (!required.isEmpty()) {
            ways.add(0);
        }
        if (arguments.size() > 0) {
            ways.add(1);
        }
        if (!parameters.path("additionalProperties").asBoolean(true) || ways.isEmpty()) {
            ways.add(2);
        }
        int way = ways.get(random.nextInt(ways.size()));
        if (way == 0) {
            arguments.remove(required.get(random.nextInt(required.size())));
        } else if (way == 1) {
            List<String> names = new ArrayList<>();
            arguments.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            if (arguments.get(name).isTextual()) {
                arguments.put(name, 12345);
            } else {
                arguments.put(name, "not a " + arguments.get(name).getNodeType().name().toLowerCase(Locale.ROOT));
            }
        } else {
            arguments.put("unexpected_argument", "surprise");
        }
    }

    /** The arguments as a JSON object to change; an empty one when they are not an object. */
    static ObjectNode objectOrEmpty(String arguments) {
        try {
            JsonNode node = arguments == null ? null : MAPPER.readTree(arguments);
            return node != null && node.isObject() ? (ObjectNode) node : MAPPER.createObjectNode();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return MAPPER.createObjectNode();
        }
    }

    private static String result(Tool tool, ObjectNode arguments, SplittableRandom random) {
        ObjectNode result = MAPPER.createObjectNode().put("status", "success");
        ObjectNode data = result.putObject("result");
        if (!arguments.has("id")) {
            data.put("id", 1 + random.nextInt(9_999));
        }
        data.setAll(arguments.deepCopy());
        return result.toString();
    }

    private static String describe(Tool tool) {
        String description = tool.description().strip();
        return description.isEmpty() ? tool.name().replace('_', ' ') : description.replaceAll("[.\\s]+$", "");
    }

    static boolean hasIsoDate(String text) {
        return ISO_DATE.matcher(text).find();
    }

    private static String firstQuoted(String text) {
        Matcher matcher = QUOTED.matcher(text);
        return matcher.find() ? (matcher.group(1) != null ? matcher.group(1) : matcher.group(2)) : null;
    }

    static String callId(SplittableRandom random) {
        StringBuilder id = new StringBuilder("call_");
        for (int i = 0; i < 24; i++) {
            id.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
        }
        return id.toString();
    }
}
