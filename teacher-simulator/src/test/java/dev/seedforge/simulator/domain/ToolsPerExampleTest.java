package dev.seedforge.simulator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.ToolCall;

/**
 * {@code tool_lists: per example} (Glaive / xLAM style): every example declares its own tools in a {@code tools}
 * string, calls only those, with arguments valid against their parameters (checked here as the validator checks
 * them, with networknt), in both formats; {@code tools: K of N} is honoured; without the directive nothing changes.
 */
class ToolsPerExampleTest {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final String TASK = "A helpful assistant that can call the functions it is given, and says so"
            + " politely when a request needs a function it does not have.";
    private static final String PARAGRAPH = "Each example declares the tools its assistant may call in its own"
            + " \"tools\" field: a JSON array of function definitions {\"name\", \"description\", \"parameters\"}"
            + " (parameters: a JSON Schema of type object), written as a string, as the seed examples' are. Give each"
            + " example the tools an assistant in its situation would have, from one to four, varied from example to"
            + " example; its tool calls use only those, with arguments valid against their parameters. An example"
            + " that calls no tool still declares the tools its assistant has.";
    private static final List<ExampleFormat> FORMATS = List.of(ExampleFormat.SHAREGPT, ExampleFormat.OPENAI);

    private final TeacherSimulator clean = new TeacherSimulator(42, GenerationShares.NONE);

    @Test
    void everyExampleDeclaresItsToolsAndCallsOnlyThemWithValidArguments() {
        for (ExampleFormat format : FORMATS) {
            List<ObjectNode> seeds = glaiveSeeds(format);
            int examples = 0;
            for (int call = 0; call < 24; call++) {
                String directives = "complexity: " + (call % 3 == 0 ? "complex" : "simple") + "\nturns: "
                        + (1 + call % 2) + "\ntools: yes\ntool_lists: per example";
                for (JsonNode record : generate(clean, format, shown(seeds, call), directives, true)) {
                    assertEquals(List.of(), problems(format, record), () -> format.id() + ": " + record);
                    assertTrue(calls(format, record) > 0, () -> "tools: yes, yet no call: " + record);
                    int tools = declared(record).size();
                    assertTrue(tools >= 1 && tools <= OwnTools.MAX, () -> tools + " tools: " + record);
                    examples++;
                }
            }
            assertEquals(120, examples, format.id());
        }
    }

    /** {@code tools: K of N}: the first K examples call one of their tools; the others call none yet declare theirs. */
    @Test
    void kOfNExamplesCallATool() {
        for (ExampleFormat format : FORMATS) {
            List<ObjectNode> seeds = glaiveSeeds(format);
            for (int call = 0; call < 12; call++) {
                List<JsonNode> records = generate(clean, format, shown(seeds, call),
                        "complexity: simple\nturns: 1\ntools: 2 of 5\ntool_lists: per example", true);
                assertEquals(5, records.size());
                for (int i = 0; i < records.size(); i++) {
                    JsonNode record = records.get(i);
                    assertEquals(List.of(), problems(format, record), record::toString);
                    assertEquals(i < 2, calls(format, record) > 0, () -> "example " + records.indexOf(record) + ": "
                            + record);
                }
            }
        }
    }

    /** A seed declaring no tools, where a call is asked for: a tool made up from the request, called, answered. */
    @Test
    void seedsWithoutToolsGetAToolMadeUpFromTheRequest() {
        List<ObjectNode> shareGpt = new ArrayList<>();
        for (String line : TaskApiSeeds.resource("per-example-tools/seeds-without-tools.jsonl").strip().split("\n")) {
            shareGpt.add((ObjectNode) json(line));
        }
        for (ExampleFormat format : FORMATS) {
            List<ObjectNode> seeds = shareGpt.stream().map(seed -> as(format, seed)).toList();
            Set<String> names = new HashSet<>();
            for (int call = 0; call < 10; call++) {
                for (JsonNode record : generate(clean, format, shown(seeds, call),
                        "complexity: simple\nturns: 1\ntools: yes\ntool_lists: per example", true)) {
                    assertEquals(List.of(), problems(format, record), record::toString);
                    List<ChatTurn> turns = format.turns(record);
                    assertEquals(List.of(ChatTurn.USER, ChatTurn.ASSISTANT, ChatTurn.TOOL, ChatTurn.ASSISTANT),
                            turns.stream().map(ChatTurn::role).toList(), record::toString);
                    ToolCall call0 = turns.get(1).toolCalls().get(0);
                    assertTrue(call0.name().matches("(search|get)_[a-z]{4,30}"), call0.name());
                    String request = turns.get(0).content().toLowerCase(Locale.ROOT);
                    String query = json(call0.arguments()).path("query").asText();
                    assertFalse(query.isBlank(), call0.arguments());
                    for (String word : query.toLowerCase(Locale.ROOT).split("\\s+")) {
                        assertTrue(request.contains(word), () -> "'" + word + "' of the query is the request's: "
                                + record);
                    }
                    assertFalse(turns.get(3).content().isBlank());
                    names.add(call0.name());
                }
            }
            assertTrue(names.size() >= 4, "tools named after each request: " + names);
        }
    }

    /** Not every example carries its seed's list as it is: another seed's tool is offered too, in varied order. */
    @Test
    void theListsVaryFromExampleToExample() {
        List<ObjectNode> seeds = glaiveSeeds(ExampleFormat.SHAREGPT);
        Set<String> seedLists = new HashSet<>();
        seeds.forEach(seed -> seedLists.add(names(declared(seed)).toString()));
        int examples = 0;
        int withAnotherOffer = 0;
        Set<String> lists = new HashSet<>();
        for (int call = 0; call < 20; call++) {
            for (JsonNode record : generate(clean, ExampleFormat.SHAREGPT, shown(seeds, call),
                    "complexity: simple\nturns: 1\ntools: 3 of 5\ntool_lists: per example", true)) {
                List<String> names = names(declared(record));
                examples++;
                withAnotherOffer += names.size() > 1 && !seedLists.contains(names.toString()) ? 1 : 0;
                lists.add(names.toString());
            }
        }
        assertTrue(withAnotherOffer >= examples / 5 && withAnotherOffer < examples, withAnotherOffer + " of "
                + examples + " offer another seed's tool");
        assertTrue(lists.size() >= 30, lists.size() + " lists");
    }

    /** The configured duplicates, near duplicates and broken examples declare their tools too, and call only those. */
    @Test
    void everyKindOfExampleDeclaresItsTools() {
        TeacherSimulator defaults = new TeacherSimulator(42, new GenerationShares(0.1, 0.1, 0.2, 0));
        for (ExampleFormat format : FORMATS) {
            List<ObjectNode> seeds = glaiveSeeds(format);
            int offSchema = 0;
            for (int call = 0; call < 16; call++) {
                for (JsonNode record : generate(defaults, format, shown(seeds, call),
                        "complexity: simple\nturns: 2\ntools: 3 of 5\ntool_lists: per example", true)) {
                    List<String> problems = problems(format, record);
                    assertTrue(problems.stream().allMatch(p -> p.startsWith("arguments")), () -> problems + " "
                            + record);
                    offSchema += problems.isEmpty() ? 0 : 1;
                }
            }
            assertTrue(offSchema > 0 && offSchema < 30, "a few broken arguments (invalid-example-rate): " + offSchema);
        }
    }

    /**
     * A conversation continued with another seed's exchange takes that seed's definition of the tool the exchange
     * calls, and never an exchange calling a tool its own list defines otherwise (Glaive defines calculate_bmi in
     * several ways).
     */
    @Test
    void aContinuationBringsTheToolItCallsUnlessTheExampleDefinesItOtherwise() {
        ToolConversations.Tool bmi = tool("calculate_bmi", "{\"weight\":{\"type\":\"number\"}}");
        ToolConversations.Tool bmiInPounds = tool("calculate_bmi", "{\"pounds\":{\"type\":\"number\"}}");
        ToolConversations.Tool tip = tool("calculate_tip", "{\"bill\":{\"type\":\"number\"}}");
        Example mine = new Example(List.of(new Turn("user", "What is my BMI? I weigh 70 kg."),
                call("calculate_bmi", "{\"weight\":70}"), new Turn("tool", "{\"bmi\":22.9}", List.of(), "c1"),
                new Turn("assistant", "Your BMI is 22.9.")), List.of(bmi));
        Example inPounds = new Example(List.of(new Turn("user", "And my BMI at 160 pounds?"),
                call("calculate_bmi", "{\"pounds\":160}"), new Turn("tool", "{\"bmi\":24.1}", List.of(), "c1"),
                new Turn("assistant", "That is a BMI of 24.1.")), List.of(bmiInPounds));
        Example aTip = new Example(List.of(new Turn("user", "What tip should I leave on a $40 bill?"),
                call("calculate_tip", "{\"bill\":40}"), new Turn("tool", "{\"tip\":6}", List.of(), "c1"),
                new Turn("assistant", "Leave $6.")), List.of(tip));
        for (int draw = 0; draw < 20; draw++) {
            Example continued = ExampleWriter.conversation(mine, List.of(mine, inPounds, aTip), 2,
                    new java.util.SplittableRandom(draw));
            assertEquals(List.of(bmi, tip), continued.tools(), continued::toString);
            assertEquals(Set.of("calculate_bmi", "calculate_tip"), OwnTools.called(continued.messages()));
        }
        Example alone = ExampleWriter.conversation(mine, List.of(inPounds), 2, new java.util.SplittableRandom(1));
        assertEquals(mine.messages(), alone.messages(), "no exchange can join: the conversation stays as it is");
    }

    private static ToolConversations.Tool tool(String name, String properties) {
        return new ToolConversations.Tool(name, name.replace('_', ' '),
                json("{\"type\":\"object\",\"properties\":" + properties + "}"));
    }

    private static Turn call(String name, String arguments) {
        return new Turn("assistant", "", List.of(new Turn.ToolCall("c1", name, arguments)), null);
    }

    /** Without {@code tool_lists: per example}, the records are as they always were: no {@code tools} field. */
    @Test
    void withoutTheDirectiveNoExampleHasAToolsField() {
        for (ExampleFormat format : FORMATS) {
            List<ObjectNode> seeds = glaiveSeeds(format);
            for (int call = 0; call < 6; call++) {
                for (JsonNode record : generate(clean, format, shown(seeds, call),
                        "complexity: simple\nturns: 1\ntools: 2 of 5", false)) {
                    assertFalse(record.has("tools"), record::toString);
                    assertTrue(record.has(format == ExampleFormat.OPENAI ? "messages" : "conversations"));
                }
            }
        }
        assertTrue(CellDirectives.parse("tools: yes\ntool_lists: per example").toolsPerExample());
        assertFalse(CellDirectives.parse("tools: yes").toolsPerExample());
    }

    /**
     * What the validator rejects an example for in this mode, and more: a {@code tools} string that is not a list of
     * named functions with object parameters, names not unique, a call of a tool not listed ({@code unknown_tool}),
     * arguments that are not a JSON object or break the tool's parameters ({@code tool_arguments_schema}).
     */
    static List<String> problems(ExampleFormat format, JsonNode record) {
        List<String> problems = new ArrayList<>();
        if (!record.path("tools").isTextual()) {
            return List.of("tools is not a string");
        }
        JsonNode tools = json(record.get("tools").asText());
        if (!tools.isArray()) {
            return List.of("tools is not a JSON array");
        }
        Set<String> names = new HashSet<>();
        for (JsonNode tool : tools) {
            String name = tool.path("name").asText("");
            if (name.isBlank() || !names.add(name) || tool.has("function")) {
                problems.add("tool without a name of its own, or not bare: " + tool);
            }
            if (!"object".equals(tool.path("parameters").path("type").asText())
                    || !tool.path("description").isTextual()) {
                problems.add("tool without a description or object parameters: " + tool);
            }
        }
        for (ChatTurn turn : format.turns(record)) {
            for (ToolCall call : turn.toolCalls()) {
                JsonNode tool = null;
                for (JsonNode candidate : tools) {
                    tool = candidate.path("name").asText().equals(call.name()) ? candidate : tool;
                }
                if (tool == null) {
                    problems.add("unknown tool " + call.name());
                    continue;
                }
                JsonNode arguments = json(call.arguments());
                if (!arguments.isObject()) {
                    problems.add("arguments of " + call.name() + " are not an object");
                    continue;
                }
                FACTORY.getSchema(tool.get("parameters")).validate(arguments)
                        .forEach(error -> problems.add("arguments of " + call.name() + ": " + error.getMessage()));
            }
        }
        return problems;
    }

    private static int calls(ExampleFormat format, JsonNode record) {
        return format.turns(record).stream().mapToInt(turn -> turn.toolCalls().size()).sum();
    }

    private static List<JsonNode> declared(JsonNode record) {
        List<JsonNode> tools = new ArrayList<>();
        json(record.path("tools").asText("[]")).forEach(tools::add);
        return tools;
    }

    private static List<String> names(List<JsonNode> tools) {
        return tools.stream().map(tool -> tool.path("name").asText()).toList();
    }

    /**
     * The glaive demo's conversations as seeds of {@code format}, those whose own calls fit their tools (one does
     * not: {@code track_calories} with a list where a number is asked); the tools string stays as Glaive writes it.
     */
    static List<ObjectNode> glaiveSeeds(ExampleFormat format) {
        List<ObjectNode> seeds = new ArrayList<>();
        for (JsonNode record : json(TaskApiSeeds.resource("data/llamafactory-glaive-toolcall-en-demo.json"))) {
            if (problems(ExampleFormat.SHAREGPT, record).isEmpty()) {
                seeds.add(as(format, (ObjectNode) record));
            }
        }
        assertTrue(seeds.size() >= 290, "glaive seeds: " + seeds.size());
        return seeds;
    }

    /** A ShareGPT seed as a seed of {@code format}, as the generator shows it: without system prompt, own tools kept. */
    private static ObjectNode as(ExampleFormat format, ObjectNode shareGpt) {
        if (format == ExampleFormat.SHAREGPT) {
            return shareGpt;
        }
        ObjectNode record = ExampleFormat.SHAREGPT.convert(shareGpt, format);
        record = ExampleFormat.OPENAI.home().withoutSystemAndTools(record);
        record.put("tools", shareGpt.get("tools").asText());
        return record;
    }

    /** Four seeds per call, a different four each call, spread over the whole set. */
    private static List<ObjectNode> shown(List<ObjectNode> seeds, int call) {
        List<ObjectNode> shown = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            shown.add(seeds.get((call * 37 + k * 71) % seeds.size()));
        }
        return shown;
    }

    /** The generation prompt of the protocol: no {@code <tools>}, seeds with their own, the directive and paragraph. */
    static String prompt(ExampleFormat format, List<ObjectNode> seeds, String directives, boolean perExample) {
        ArrayNode array = TaskApiSeeds.MAPPER.createArrayNode();
        seeds.forEach(array::add);
        StringBuilder seedLines = new StringBuilder("[");
        for (int i = 0; i < array.size(); i++) {
            seedLines.append(i == 0 ? "\n" : ",\n").append(array.get(i));
        }
        seedLines.append("\n]");
        return "<task>\n" + TASK + "\n</task>\n\n<format>" + format.id() + "</format>\n\n<seed_examples>\n"
                + seedLines.toString().replace("<", "\\u003c").replace(">", "\\u003e")
                + "\n</seed_examples>\n\n<directives>\nWrite every example for this slice of the dataset\n"
                + directives + "\n</directives>\n\n" + (perExample ? PARAGRAPH + "\n\n" : "")
                + "<count>5</count>\nWrite 5 new examples.";
    }

    private static List<JsonNode> generate(TeacherSimulator simulator, ExampleFormat format, List<ObjectNode> seeds,
            String directives, boolean perExample) {
        JsonNode schema = TaskApiSeeds.json("per-example-tools/" + format.id() + "-schema.json");
        ChatInput input = new ChatInput("gpt-4o-mini", List.of(new Turn("system", "You write training examples."),
                new Turn("user", prompt(format, seeds, directives, perExample))), 0.9, "json_schema",
                TeacherSimulator.GENERATION_SCHEMA, schema, null);
        JsonNode answer = json(simulator.answer(input).content());
        if (perExample) {
            SchemaAssertions.assertFits(schema, answer);
        }
        List<JsonNode> records = new ArrayList<>();
        answer.path("examples").forEach(records::add);
        return records;
    }

    private static JsonNode json(String text) {
        try {
            return TaskApiSeeds.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
