package dev.seedforge.simulator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

class ToolCallingTest {

    static final JsonNode SCHEMA = TaskApiSeeds.json("tool-examples-schema.json");
    static final JsonNode TOOLS = TaskApiSeeds.json("task-api-tools.json");
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    /** The answer to a generation prompt of the Task API seeds and tools. */
    private static JsonNode generate(TeacherSimulator simulator, String directives, int call) throws Exception {
        return answer(simulator, TaskApiSeeds.MAPPER.writeValueAsString(TaskApiSeeds.MAPPER.readTree(
                ExampleGenerator.toJson(TaskApiSeeds.seeds())).get("examples")), TOOLS, directives, call);
    }

    @Test
    void toolConversationsFitTheGenerationSchemaAndTheToolParameters() throws Exception {
        TeacherSimulator simulator = new TeacherSimulator(42, GenerationShares.NONE);
        int calls = 0;
        for (int call = 0; call < 10; call++) {
            JsonNode answer = generate(simulator, "tools: yes\naxis.operation: create", call);
            SchemaAssertions.assertFits(SCHEMA, answer);
            for (JsonNode example : answer.get("examples")) {
                JsonNode messages = example.get("messages");
                assertEquals(List.of("user", "assistant", "tool", "assistant"), roles(messages).subList(0, 4),
                        messages.toString());
                JsonNode assistant = messages.get(1);
                assertTrue(assistant.get("content").isNull());
                JsonNode toolCall = assistant.get("tool_calls").get(0);
                assertTrue(toolCall.get("id").asText().startsWith("call_"));
                assertEquals(toolCall.get("id"), messages.get(2).get("tool_call_id"));
                assertEquals("create_task", toolCall.get("name").asText(), messages::toString);
                JsonNode arguments = TaskApiSeeds.MAPPER.readTree(toolCall.get("arguments").asText());
                assertTrue(errors("create_task", arguments).isEmpty(), arguments.toString());
                String reply = messages.get(3).get("content").asText();
                assertTrue(reply.startsWith("Created task"), reply);
                assertTrue(reply.contains("'" + arguments.get("title").asText() + "'"), "title from the reply: "
                        + arguments + " " + reply);
                assertTrue(reply.contains("Priority: " + arguments.get("priority").asText()), arguments + reply);
                assertTrue(messages.get(0).get("tool_calls").isNull(), "strict schema: unused fields are null");
                calls++;
            }
        }
        assertEquals(50, calls);
    }

    @Test
    void argumentsTakeTitlesAndDatesFromTheRequest() {
        ToolConversations tools = new ToolConversations(new SchemaFiller());
        Example base = new Example(List.of(new Turn("user", "Create a task 'Renew passport' due 2025-03-04, high"),
                new Turn("assistant", "Created task: 'Renew passport' | Priority: high | Due: 2025-03-04 (Tuesday)")));
        Example example = tools.withToolCall(base, ToolConversations.Tool.from(TOOLS), false, new SplittableRandom(1));
        Turn.ToolCall call = example.messages().get(1).toolCalls().get(0);
        assertEquals("create_task", call.name());
        assertTrue(call.arguments().contains("\"title\":\"Renew passport\""), call.arguments());
        assertTrue(call.arguments().contains("\"due_date\":\"2025-03-04\""), call.arguments());
        assertTrue(call.arguments().contains("\"priority\":\"high\""), call.arguments());
        assertEquals(Turn.TOOL, example.messages().get(2).role());
        assertEquals(call.id(), example.messages().get(2).toolCallId());
    }

    /** {@code tools: K of N}: the call's first K examples call a tool, the others answer without one. */
    @Test
    void onlyAsManyExamplesCallAToolAsTheDirectiveSays() throws Exception {
        TeacherSimulator simulator = new TeacherSimulator(42, GenerationShares.NONE);
        for (int call = 0; call < 5; call++) {
            JsonNode answer = generate(simulator, "tools: 2 of 5", call);
            SchemaAssertions.assertFits(SCHEMA, answer);
            List<Boolean> calls = new java.util.ArrayList<>();
            for (JsonNode example : answer.get("examples")) {
                boolean called = false;
                for (JsonNode message : example.get("messages")) {
                    called |= message.path("tool_calls").isArray() && !message.path("tool_calls").isEmpty();
                }
                calls.add(called);
            }
            assertEquals(List.of(true, true, false, false, false), calls, answer.toString());
        }
        // a call asked for none writes none, though half the seeds it is shown call tools
        com.fasterxml.jackson.databind.node.ArrayNode mixed = (com.fasterxml.jackson.databind.node.ArrayNode) TaskApiSeeds.MAPPER
                .readTree(ExampleGenerator.toJson(TaskApiSeeds.seeds())).get("examples");
        generate(simulator, "tools: yes", 1).get("examples").forEach(mixed::add);
        for (int call = 0; call < 5; call++) {
            JsonNode none = answer(simulator, mixed, TOOLS, "tools: 0 of 5", call);
            for (JsonNode example : none.get("examples")) {
                for (JsonNode message : example.get("messages")) {
                    assertTrue(message.path("tool_calls").isMissingNode() || message.path("tool_calls").isEmpty()
                            || message.path("tool_calls").isNull(), example.toString());
                }
            }
        }
    }

    @Test
    void theInvalidExampleRateGivesOffSchemaArgumentsSometimes() throws Exception {
        TeacherSimulator simulator = new TeacherSimulator(42, new GenerationShares(0, 0, 0.3, 0));
        int offSchema = 0;
        int total = 0;
        for (int call = 0; call < 20; call++) {
            JsonNode answer = generate(simulator, "tools: yes", call);
            for (JsonNode example : answer.get("examples")) {
                for (JsonNode message : example.get("messages")) {
                    JsonNode calls = message.get("tool_calls");
                    if (calls != null && calls.isArray()) {
                        JsonNode call0 = calls.get(0);
                        total++;
                        offSchema += errors(call0.get("name").asText(),
                                TaskApiSeeds.MAPPER.readTree(call0.get("arguments").asText())).isEmpty() ? 0 : 1;
                    }
                }
            }
        }
        assertEquals(100, total);
        assertTrue(offSchema >= 15 && offSchema <= 45, "about 30% off-schema: " + offSchema);
    }

    @Test
    void shapeIsReadFromTheSchemaAndNestedToolCallsAreSupported() {
        MessageShape strict = MessageShape.of(SCHEMA);
        assertTrue(strict.toolCalls() && strict.toolCallId());
        assertFalse(strict.nestedFunction());
        MessageShape plain = MessageShape.of(TaskApiSeeds.json("generated-examples-schema.json"));
        assertFalse(plain.toolCalls());
        Turn call = new Turn("assistant", "", List.of(new Turn.ToolCall("call_1", "list_tasks", "{}")), null);
        assertNull(plain.render(new Turn("user", "hi")).get("tool_calls"));
        JsonNode nested = new MessageShape(true, true, true, true, Set.of(), Set.of("content"), false).render(call);
        assertEquals("list_tasks", nested.at("/tool_calls/0/function/name").asText());
        assertEquals("function", nested.at("/tool_calls/0/type").asText());
        assertTrue(nested.get("content").isNull());
    }

    @Test
    void seedsWithToolCallsAreParsedAndImitated() throws Exception {
        String seeds = """
                [{"messages":[{"role":"user","content":"List my open tasks"},
                 {"role":"assistant","content":null,"tool_calls":[{"id":"call_a","type":"function",
                   "function":{"name":"list_tasks","arguments":"{\\"status\\":\\"open\\"}"}}]},
                 {"role":"tool","tool_call_id":"call_a","content":"[]"},
                 {"role":"assistant","content":"You have no open tasks."}]}]""";
        GenerationPrompt prompt = SeedParser.parse(List.of(new Turn("user", "<seed_examples>" + seeds
                + "</seed_examples><directives>tools: yes</directives><count>3</count>")), SCHEMA);
        assertEquals("list_tasks", prompt.seeds().get(0).messages().get(1).toolCalls().get(0).name());
        GeneratedBatch batch = new ExampleGenerator(GenerationShares.NONE)
                .generate(prompt, new SplittableRandom(2));
        SchemaAssertions.assertFits(SCHEMA, TaskApiSeeds.MAPPER.readTree(batch.content()));
        for (Example example : batch.examples()) {
            assertEquals(example.messages().get(1).toolCalls().get(0).id(), example.messages().get(2).toolCallId());
            assertTrue(example.messages().get(1).hasToolCalls());
        }
    }

    @Test
    void shareGptFunctionCallSeedsFromGlaiveAreRead() throws Exception {
        String glaive;
        try (var in = getClass().getResourceAsStream("/data/llamafactory-glaive-toolcall-en-demo.json")) {
            glaive = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        List<Example> seeds = SeedParser.parseSeeds(glaive);
        assertTrue(seeds.size() > 10, "seeds: " + seeds.size());
        Example withCall = seeds.stream().filter(e -> e.messages().stream().anyMatch(Turn::hasToolCalls))
                .findFirst().orElseThrow();
        List<Turn> turns = withCall.messages();
        for (int i = 0; i < turns.size(); i++) {
            if (turns.get(i).hasToolCalls()) {
                Turn.ToolCall call = turns.get(i).toolCalls().get(0);
                assertEquals(Turn.ASSISTANT, turns.get(i).role());
                assertFalse(call.name().isBlank());
                TaskApiSeeds.MAPPER.readTree(call.arguments());
                assertEquals(Turn.TOOL, turns.get(i + 1).role());
                assertEquals(call.id(), turns.get(i + 1).toolCallId());
            }
        }
    }

    /**
     * A value the job's tools allow alone (an enum's {@code EAN-13}) is kept as written, in calls and requests: the
     * number in it is not redrawn as a request's numbers are, which made {@code EAN-22}, off the enum.
     */
    @Test
    void enumValuesOfTheJobsToolsAreKeptAsWritten() throws Exception {
        String tools = """
                [{"type":"function","function":{"name":"generate_barcode","description":"Generate a barcode",
                  "parameters":{"type":"object","properties":{"data":{"type":"string"},
                  "format":{"type":"string","enum":["EAN-13","UPC-A","Code-128"]}},"required":["data","format"]}}}]""";
        String seeds = """
                [{"messages":[{"role":"user","content":"I need a barcode for my product. The data is 123456789012 and I want it in EAN-13 format."},
                 {"role":"assistant","content":null,"tool_calls":[{"id":"call_a","type":"function",
                   "function":{"name":"generate_barcode","arguments":"{\\"data\\": \\"123456789012\\", \\"format\\": \\"EAN-13\\"}"}}]},
                 {"role":"tool","tool_call_id":"call_a","content":"{\\"barcode\\": \\"|||| |||\\"}"},
                 {"role":"assistant","content":"Here is your EAN-13 barcode for 123456789012."}]},
                 {"messages":[{"role":"user","content":"Make me a Code-128 barcode for order 4471."},
                 {"role":"assistant","content":null,"tool_calls":[{"id":"call_b","type":"function",
                   "function":{"name":"generate_barcode","arguments":"{\\"data\\": \\"4471\\", \\"format\\": \\"Code-128\\"}"}}]},
                 {"role":"tool","tool_call_id":"call_b","content":"{\\"barcode\\": \\"||| ||\\"}"},
                 {"role":"assistant","content":"Your Code-128 barcode for order 4471 is ready."}]}]""";
        Set<String> allowed = Set.of("EAN-13", "UPC-A", "Code-128");
        TeacherSimulator simulator = new TeacherSimulator(42, GenerationShares.NONE);
        int calls = 0;
        for (int call = 0; call < 20; call++) {
            JsonNode answer = answer(simulator, seeds, tools, "tools: yes", call);
            for (JsonNode example : answer.get("examples")) {
                String request = example.at("/messages/0/content").asText();
                assertFalse(request.matches("(?s).*(EAN-(?!13)\\d+|Code-(?!128)\\d+).*"), request);
                for (JsonNode message : example.get("messages")) {
                    for (JsonNode toolCall : message.path("tool_calls")) {
                        String format = TaskApiSeeds.MAPPER.readTree(toolCall.get("arguments").asText()).path("format")
                                .asText();
                        assertTrue(allowed.contains(format), format + " in " + example);
                        calls++;
                    }
                }
            }
        }
        assertTrue(calls >= 100, "calls: " + calls);
    }

    /** The answer to a generation prompt of these seeds, the job's {@code <tools>} and directives, for five examples. */
    private static JsonNode answer(TeacherSimulator simulator, Object seeds, Object tools, String directives, int call)
            throws Exception {
        String prompt = "<seed_examples>\n" + seeds + "\n</seed_examples>\n<tools>\n" + tools + "\n</tools>\n<directives>\n"
                + directives + "\n</directives>\n<count>5</count> call " + call;
        return TaskApiSeeds.MAPPER.readTree(simulator.answer(new ChatInput("gpt-4o-mini",
                List.of(new Turn("user", prompt)), 0.9, "json_schema", TeacherSimulator.GENERATION_SCHEMA, SCHEMA, 8_000))
                .content());
    }

    private static List<String> roles(JsonNode messages) {
        return java.util.stream.StreamSupport.stream(messages.spliterator(), false)
                .map(m -> m.get("role").asText()).toList();
    }

    private static Set<?> errors(String tool, JsonNode arguments) {
        for (JsonNode definition : TOOLS) {
            if (definition.at("/function/name").asText().equals(tool)) {
                JsonSchema schema = FACTORY.getSchema(definition.at("/function/parameters"));
                return schema.validate(arguments);
            }
        }
        throw new AssertionError("no tool " + tool);
    }
}
