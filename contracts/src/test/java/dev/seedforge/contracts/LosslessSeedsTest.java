package dev.seedforge.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Every way a seed arrives keeps every field: inline in a YAML or JSON spec, a seeds_file (JSON array or JSONL), a
 * {@link JobRequest} (POST /jobs, generation-requests), and the spec as stored and read again (job.json, the
 * generator's database), over the real demo files and the multi-step OpenAI tool-call fixture.
 */
class LosslessSeedsTest {

    static List<JsonNode> data(String file) throws IOException {
        try (InputStream in = LosslessSeedsTest.class.getResourceAsStream("/data/" + file)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<JsonNode> records = new ArrayList<>();
            if (text.stripLeading().startsWith("[")) {
                Json.MAPPER.readTree(text).forEach(records::add);
            } else {
                for (String line : text.split("\n")) {
                    if (!line.isBlank()) {
                        records.add(Json.MAPPER.readTree(line));
                    }
                }
            }
            return records;
        }
    }

    /**
     * The seeds of a spec after the trip a stored spec makes: sent as a {@link JobRequest}, checked, written as the
     * generator stores it (job.json, its database) and read back.
     */
    private static List<JsonNode> storedAndReread(JobSpec spec) throws Exception {
        String stored = Json.MAPPER.writeValueAsString(spec);
        JobRequest request = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(
                new JobRequest(SchemaVersions.CURRENT, "key-1", Json.MAPPER.readTree(stored))), JobRequest.class);
        JobSpec viaRequest = JobSpecs.fromTree(request.spec(), null);
        assertEquals(spec, viaRequest);
        JobSpec reread = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(viaRequest), JobSpec.class);
        List<JsonNode> records = new ArrayList<>();
        for (Conversation seed : reread.seeds()) {
            records.add(Json.MAPPER.valueToTree(seed));
        }
        return records;
    }

    private static String inlineYaml(String format, List<JsonNode> seeds) {
        return "task: keep every field\nformat: " + format + "\ntarget: 10\n" + toolsTheyCall(seeds) + "seeds:\n"
                + seeds.stream().map(seed -> "  - " + seed.toString()).collect(Collectors.joining("\n")) + "\n";
    }

    /** The job's tools: every tool the seeds call, declared by name (a spec whose seeds call others is refused). */
    private static String toolsTheyCall(List<JsonNode> seeds) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        seeds.forEach(seed -> Conversation.fromJson(seed).messages()
                .forEach(turn -> turn.toolCalls().forEach(call -> names.add(call.name()))));
        return names.isEmpty() ? ""
                : "tools:\n" + names.stream()
                        .map(name -> "  - {type: function, function: {name: " + name + "}}\n").collect(Collectors.joining());
    }

    private static void assertSameRecords(List<JsonNode> expected, List<JsonNode> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), "seed " + i);
        }
    }

    @Test
    void openAiToolCallSeedsKeepNestedFunctionNullContentIdsNamesAndWeights() throws Exception {
        List<JsonNode> seeds = data("openai-multistep-toolcalls.jsonl");
        JobSpec inline = JobSpecs.parse(inlineYaml("openai", seeds), null);
        assertSameRecords(seeds, storedAndReread(inline));
        JsonNode stored = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(inline)).at("/seeds/0/messages/2");
        assertTrue(stored.has("content") && stored.get("content").isNull(), stored.toString());
        assertEquals("describe_table", stored.at("/tool_calls/0/function/name").asText());
        assertEquals("{\"table\":\"orders\"}", stored.at("/tool_calls/0/function/arguments").asText());
        assertEquals("function", stored.at("/tool_calls/0/type").asText());

        List<ChatTurn> parallel = inline.seeds().get(1).messages();
        assertEquals(List.of("call_a", "call_b"), parallel.get(4).toolCalls().stream().map(ToolCall::id).toList());
        assertEquals("dana", parallel.get(1).name());
        assertEquals(0, parallel.get(2).weight());
        assertEquals("call_b", parallel.get(6).toolCallId());
        // the neutral turns written back as OpenAI give the same record
        assertEquals(seeds.get(1), ExampleFormat.OPENAI.render(parallel));
    }

    @Test
    void seedsFileAsJsonArrayAndJsonlKeepsEveryField(@TempDir Path dir) throws Exception {
        List<JsonNode> openAi = data("openai-multistep-toolcalls.jsonl");
        List<JsonNode> glaive = data("llamafactory-glaive-toolcall-en-demo.json").subList(0, 40);
        Files.writeString(dir.resolve("seeds.jsonl"), openAi.stream().map(JsonNode::toString)
                .collect(Collectors.joining("\n")));
        Files.writeString(dir.resolve("glaive.json"), Json.MAPPER.valueToTree(glaive).toString());
        Files.writeString(dir.resolve("a.yaml"), "task: t\nformat: openai\ntarget: 5\nseeds_file: seeds.jsonl\n"
                + toolsTheyCall(openAi));
        Files.writeString(dir.resolve("b.yaml"), "task: t\nformat: sharegpt\ntarget: 5\nseeds_file: glaive.json\n"
                + toolsTheyCall(glaive));
        assertSameRecords(openAi, storedAndReread(JobSpecs.load(dir.resolve("a.yaml"))));
        assertSameRecords(glaive, storedAndReread(JobSpecs.load(dir.resolve("b.yaml"))));
    }

    @Test
    void everyGlaiveConversationKeepsSystemToolsFunctionCallsAndObservations() throws Exception {
        List<JsonNode> glaive = data("llamafactory-glaive-toolcall-en-demo.json");
        JobSpec spec = JobSpecs.parse(inlineYaml("sharegpt", glaive), null);
        List<JsonNode> again = storedAndReread(spec);
        assertSameRecords(glaive, again);
        assertTrue(again.stream().allMatch(r -> r.get("tools").isTextual()), "tools stay LLaMA-Factory's JSON string");
    }

    @Test
    void everyAlpacaDemoKeepsInstructionInputAndOutputApart() throws Exception {
        List<JsonNode> alpaca = data("llamafactory-alpaca-en-demo.json");
        ObjectNode withHistory = alpaca.get(0).deepCopy();
        withHistory.put("system", "Answer briefly.");
        withHistory.putArray("history").addArray().add("What is 2 + 2?").add("4");
        List<JsonNode> seeds = new ArrayList<>(alpaca);
        seeds.add(withHistory);
        JobSpec spec = JobSpecs.parse(inlineYaml("alpaca", seeds), null);
        assertSameRecords(seeds, storedAndReread(spec));
        long withInput = alpaca.stream().filter(r -> !r.path("input").asText().isEmpty()).count();
        assertTrue(withInput > 100, "the demo has inputs: " + withInput);
    }

    @Test
    void selfInstructTasksBecomeAlpacaRecordsWithTheirInputApart(@TempDir Path dir) throws Exception {
        List<JsonNode> tasks = data("self-instruct-seed-tasks.jsonl");
        Files.writeString(dir.resolve("tasks.jsonl"), tasks.stream().map(JsonNode::toString)
                .collect(Collectors.joining("\n")));
        Files.writeString(dir.resolve("job.yaml"), "task: t\nformat: alpaca\ntarget: 5\nseeds_file: tasks.jsonl\n");
        List<JsonNode> seeds = storedAndReread(JobSpecs.load(dir.resolve("job.yaml")));
        List<JsonNode> expected = new ArrayList<>();
        for (JsonNode task : tasks) {
            for (JsonNode instance : task.get("instances")) {
                expected.add(Json.MAPPER.createObjectNode().put("instruction", task.get("instruction").asText())
                        .put("input", instance.path("input").asText("")).put("output",
                                instance.path("output").asText("")));
            }
        }
        assertSameRecords(expected, seeds);
    }

    @Test
    void promptShapeDropsOnlySystemAndToolsAndCompletingPutsThemBack() throws Exception {
        List<JsonNode> seeds = data("openai-multistep-toolcalls.jsonl");
        List<JsonNode> tools = new ArrayList<>();
        data("openai-multistep-toolcalls-tools.json").forEach(tools::add);
        JsonNode first = seeds.get(0);
        ObjectNode shown = ExampleFormat.OPENAI.forPrompt(Conversation.fromJson(first));
        assertFalse(shown.has("tools"));
        assertEquals("user", shown.at("/messages/0/role").asText());
        assertEquals(first.get("messages").size() - 1, shown.get("messages").size());
        ObjectNode completed = ExampleFormat.OPENAI.complete(shown, first.at("/messages/0/content").asText(), tools);
        assertEquals(first, completed);

        JsonNode glaive = data("llamafactory-glaive-toolcall-en-demo.json").get(0);
        ObjectNode glaiveShown = ExampleFormat.SHAREGPT.forPrompt(Conversation.fromJson(glaive));
        assertFalse(glaiveShown.has("tools"));
        assertEquals(glaive.get("conversations"), glaiveShown.get("conversations"));
        ObjectNode glaiveBack = ExampleFormat.SHAREGPT.complete(glaiveShown, null,
                ExampleFormat.SHAREGPT.tools(glaive));
        assertEquals(Json.MAPPER.readTree(glaive.get("tools").asText()),
                Json.MAPPER.readTree(glaiveBack.get("tools").asText()));
    }

    @Test
    void aSeedInAnotherFormatIsConvertedForTheJobAndTheDropsAreTheDocumentedOnes() throws Exception {
        JsonNode parallel = data("openai-multistep-toolcalls.jsonl").get(1);
        ObjectNode shareGpt = ExampleFormat.SHAREGPT.record(Conversation.fromJson(parallel));
        assertEquals(List.of(), ExampleFormat.SHAREGPT.check(shareGpt));
        // ids, names and weights have no ShareGPT form; the calls, arguments and results do
        List<ChatTurn> back = ExampleFormat.SHAREGPT.turns(shareGpt);
        List<ChatTurn> original = ExampleFormat.OPENAI.turns(parallel);
        assertEquals(original.size(), back.size());
        for (int i = 0; i < original.size(); i++) {
            assertEquals(original.get(i).role(), back.get(i).role());
            assertEquals(original.get(i).content(), back.get(i).content());
            assertEquals(callsOf(original.get(i)), callsOf(back.get(i)));
        }
    }

    @Test
    void outsideSchemaReferencesAreRefusedNamingTheField() {
        String spec = """
                task: t
                format: openai
                target: 5
                seeds: [{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]}]
                tools:
                  - type: function
                    function:
                      name: lookup
                      parameters:
                        type: object
                        $defs: {id: {type: string}}
                        properties:
                          x: {$ref: "http://127.0.0.1:9999/evil-schema.json"}
                          y: {$ref: "#/$defs/id"}
                          z: {type: array, items: [{$ref: "file:///etc/passwd"}]}
                rules:
                  reply_json_schema: {$schema: "http://127.0.0.1:9999/meta.json", type: object}
                """;
        InvalidJobSpecException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidJobSpecException.class,
                () -> JobSpecs.parse(spec, null));
        List<String> fields = e.errors().stream().map(FieldError::field).toList();
        assertEquals(List.of("tools[0].function.parameters.properties.x.$ref",
                "tools[0].function.parameters.properties.z.items[0].$ref", "rules.reply_json_schema.$schema"), fields);
    }

    @Test
    void aSelfContainedReplySchemaIsAccepted() {
        JobSpec spec = JobSpecs.parse(
                """
                        task: t
                        format: alpaca
                        target: 5
                        seeds: [{"instruction": "Extract the name", "input": "Ann, 34", "output": "{\\"name\\": \\"Ann\\"}"}]
                        rules:
                          reply_json_schema: {type: object, required: [name], properties: {name: {$ref: "#/$defs/n"}}, $defs: {n: {type: string}}}
                        """,
                null);
        assertEquals("object", spec.rules().replyJsonSchema().get("type").asText());
    }

    /** Each call's name and its arguments as parsed JSON, the part of a call every format keeps. */
    private static List<String> callsOf(ChatTurn turn) throws IOException {
        List<String> calls = new ArrayList<>();
        for (ToolCall call : turn.toolCalls()) {
            calls.add(call.name() + " " + Json.MAPPER.readTree(call.arguments()));
        }
        return calls;
    }

    /**
     * A spec stored before formats had one home (job.json, the database) carries flat {@code {id, name, arguments}}
     * calls: they are read back into OpenAI's nested form with their names and arguments, as is an answer of a teacher
     * still writing them.
     */
    @Test
    void flatToolCallsSeedForgeOnceStoredAreReadBackNested() throws Exception {
        JsonNode legacy = Json.MAPPER.readTree("""
                {"messages": [{"role": "user", "content": "How many orders?"},
                 {"role": "assistant", "tool_calls": [{"id": "call_1", "name": "run_sql",
                  "arguments": "{\\"query\\": \\"SELECT count(*) FROM orders\\"}"}]},
                 {"role": "tool", "tool_call_id": "call_1", "content": "[{\\"count\\": 3}]"},
                 {"role": "assistant", "content": "3 orders."}]}""");
        JsonNode upgraded = Json.MAPPER.valueToTree(Conversation.fromJson(legacy));
        assertEquals("run_sql", upgraded.at("/messages/1/tool_calls/0/function/name").asText());
        assertEquals("{\"query\": \"SELECT count(*) FROM orders\"}",
                upgraded.at("/messages/1/tool_calls/0/function/arguments").asText());
        assertTrue(upgraded.at("/messages/1/content").isNull());
        assertEquals(List.of(), ExampleFormat.OPENAI.check(upgraded));
        JsonNode proper = data("openai-multistep-toolcalls.jsonl").get(0);
        assertEquals(proper, Json.MAPPER.valueToTree(Conversation.fromJson(proper)), "a proper record is untouched");
    }
}
