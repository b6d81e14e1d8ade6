package dev.seedforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.seedforge.cli.faults.Books;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobSpecs;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.JobView;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.PreferenceSpec;
import dev.seedforge.contracts.ReasoningSpec;
import dev.seedforge.contracts.tokens.TokenCounter;

/**
 * Five gallery jobs of other kinds than the Task API example, run as a user runs them (packaged command line, local
 * stack, simulator, the four services as processes): multi-step tool calling in OpenAI's format, multi-turn support
 * chats in ShareGPT, helpdesk triage with reasoning traces, refund decisions as preference pairs, and Glaive-style
 * function calling where each example declares its own functions. Every exported line is
 * read as the trainer would read it. Two {@code seedforge run} invocations of two specs each (one stack start per
 * invocation, not per job) write into one output directory, as a user's repeated runs do: the second invocation's jobs
 * are new jobs in their own directories and leave the first's untouched. Each test finds its own job's dataset by the
 * spec name in {@code out/<job id>/job.json}, not through {@code out/latest}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GalleryIT {

    private static final Path TOOL_CALLING = SeedforgeCommand.HOME.resolve("examples/analytics-tools/job.yaml");
    private static final Path MULTI_TURN = SeedforgeCommand.HOME.resolve("examples/support-chat/job.yaml");
    private static final Path REASONING = SeedforgeCommand.HOME.resolve("examples/helpdesk-triage/job.yaml");
    private static final Path PREFERENCE = SeedforgeCommand.HOME.resolve("examples/refund-decisions/job.yaml");
    private static final Path OWN_TOOLS = SeedforgeCommand.HOME.resolve("examples/function-calling/job.yaml");

    @TempDir
    static Path work;

    /** The first invocation's jobs, the second's; each runs once, when its first test asks for a dataset. */
    private static final Invocation FIRST = new Invocation(List.of(TOOL_CALLING, MULTI_TURN));
    private static final Invocation SECOND = new Invocation(List.of(REASONING, PREFERENCE, OWN_TOOLS));

    /** Every dataset of the first invocation and its train.jsonl, to check that the second leaves them untouched. */
    private static final Map<Path, String> firstTrainContents = new HashMap<>();

    @Test
    @Order(1)
    void toolCallingJobExportsValidMultiStepCalls() throws Exception {
        JobSpec job = JobSpecs.load(TOOL_CALLING).withDefaults();
        Path dataset = FIRST.dataset(TOOL_CALLING);
        Map<String, JsonNode> tools = new HashMap<>();
        for (JsonNode tool : job.tools()) {
            tools.put(tool.path("function").path("name").asText(), tool.path("function").path("parameters"));
        }

        int withCalls = 0;
        int multiStep = 0;
        List<JsonNode> exported = exported(dataset, job);
        for (JsonNode example : exported) {
            String where = "example " + example;
            JsonNode messages = example.get("messages");
            assertNotNull(messages, where);
            assertEquals("system", messages.get(0).path("role").asText(), where);
            assertEquals(job.systemPrompt().strip(), messages.get(0).path("content").asText().strip(), where);
            assertEquals("user", messages.get(1).path("role").asText(), where);
            JsonNode last = messages.get(messages.size() - 1);
            assertEquals("assistant", last.path("role").asText(), where);
            assertFalse(last.path("content").asText("").isBlank(), "the last reply has text: " + where);
            Set<String> openCalls = new HashSet<>();
            int callTurns = 0;
            for (JsonNode message : messages) {
                String role = message.path("role").asText();
                if ("assistant".equals(role) && message.has("tool_calls")) {
                    callTurns++;
                    assertTrue(message.get("content") == null || message.get("content").isNull()
                            || message.get("content").isTextual(), where);
                    for (JsonNode call : message.get("tool_calls")) {
                        assertEquals("function", call.path("type").asText(), where);
                        String name = call.path("function").path("name").asText();
                        assertTrue(tools.containsKey(name), "calls a declared tool, got '" + name + "': " + where);
                        JsonNode arguments = Json.MAPPER.readTree(call.path("function").path("arguments").asText());
                        assertTrue(arguments.isObject(), "arguments are a JSON object: " + where);
                        for (JsonNode required : tools.get(name).path("required")) {
                            assertTrue(arguments.has(required.asText()),
                                    name + " has its required '" + required.asText() + "': " + where);
                        }
                        assertTrue(openCalls.add(call.path("id").asText()), "call ids are unique: " + where);
                    }
                } else if ("tool".equals(role)) {
                    assertTrue(openCalls.remove(message.path("tool_call_id").asText()),
                            "a tool answer follows its call: " + where);
                }
            }
            assertTrue(openCalls.isEmpty(), "every call is answered: " + where);
            withCalls += callTurns > 0 ? 1 : 0;
            multiStep += callTurns > 1 ? 1 : 0;
            assertTrue(example.has("tools") || callTurns == 0, "examples that call tools carry them: " + where);
        }
        // 7 of the job's 8 seeds call tools, and each call asks for that share of its examples
        assertTrue(withCalls >= exported.size() * 2 / 3, withCalls + " of " + exported.size() + " call tools");
        assertTrue(multiStep > 0, "some examples call tools in several steps");
    }

    @Test
    @Order(2)
    void multiTurnSupportJobExportsConversationsThatMoveOn() throws Exception {
        JobSpec job = JobSpecs.load(MULTI_TURN).withDefaults();
        Path dataset = FIRST.dataset(MULTI_TURN);

        int multiTurn = 0;
        List<JsonNode> exported = exported(dataset, job);
        for (JsonNode example : exported) {
            String where = "example " + example;
            assertEquals(job.systemPrompt().strip(), example.path("system").asText().strip(), where);
            JsonNode conversations = example.get("conversations");
            assertNotNull(conversations, where);
            assertEquals(0, conversations.size() % 2, "human and gpt alternate in pairs: " + where);
            List<String> replies = new ArrayList<>();
            for (int i = 0; i < conversations.size(); i++) {
                JsonNode turn = conversations.get(i);
                assertEquals(i % 2 == 0 ? "human" : "gpt", turn.path("from").asText(), where);
                assertFalse(turn.path("value").asText("").isBlank(), where);
                if (i % 2 == 1) {
                    replies.add(turn.path("value").asText());
                }
            }
            assertEquals(replies.size(), new HashSet<>(replies).size(), "no reply repeated inside one: " + where);
            multiTurn += conversations.size() > 2 ? 1 : 0;
        }
        int planned = (int) Math.round(exported.size() * job.multiTurn().share());
        assertTrue(multiTurn >= planned * 0.8, multiTurn + " multi-turn of " + exported.size() + " exported, "
                + planned + " expected from the share");
    }

    /**
     * The reasoning job: ShareGPT files with each trace inline as LLaMA-Factory reads it (a {@code <think>} block
     * opening the gpt value), OpenAI files with it in {@code reasoning_content} beside the answer as axolotl's
     * chat_template reads it (the config's {@code field_thinking}) and TRL hands it to the chat template; every answer
     * still matches the job's rule, every trace is within its budget, and the report counts the traces apart.
     */
    @Test
    @Order(3)
    void reasoningJobExportsTracesAsEachTrainerReadsThem() throws Exception {
        JobSpec job = JobSpecs.load(REASONING).withDefaults();
        ReasoningSpec reasoning = ReasoningSpec.of(job);
        assertTrue(reasoning.on(), "the gallery job asks for reasoning");
        Pattern rule = Pattern.compile(job.rules().replyMustMatch().get(0));
        TokenCounter tokens = new TokenCounter();
        Path dataset = SECOND.dataset(REASONING);
        List<JsonNode> exported = exported(dataset, job);
        Pattern inline = Pattern.compile("(?s)<think>\n(.+)\n</think>\n\n(.+)");
        for (JsonNode example : exported) {
            JsonNode conversations = example.path("conversations");
            JsonNode gpt = conversations.get(conversations.size() - 1);
            assertEquals("gpt", gpt.path("from").asText(), example.toString());
            assertFalse(gpt.has("reasoning_content"), "ShareGPT carries the trace inline: " + example);
            Matcher m = inline.matcher(gpt.path("value").asText());
            assertTrue(m.matches(), "a <think> block opens the answer: " + example);
            assertTrue(tokens.count(m.group(1)) <= reasoning.maxTokensOrDefault(), "within the budget: " + example);
            assertTrue(rule.matcher(m.group(2)).find(), "the answer obeys the rule: " + example);
        }

        JsonNode axolotl = new YAMLMapper().readTree(dataset.resolve("axolotl.yaml").toFile());
        JsonNode entry = axolotl.path("datasets").get(0);
        assertEquals("train.openai.jsonl", entry.path("path").asText(), "axolotl reads the OpenAI files");
        String field = entry.path("field_thinking").asText();
        assertEquals("reasoning_content", field);
        List<JsonNode> openAi = Books.concat(Books.jsonl(dataset.resolve("train.openai.jsonl")),
                Books.jsonl(dataset.resolve("validation.openai.jsonl")));
        assertEquals(exported.size(), openAi.size());
        for (JsonNode example : openAi) {
            JsonNode messages = example.path(entry.path("field_messages").asText());
            JsonNode answer = messages.get(messages.size() - 1);
            assertEquals("assistant", answer.path("role").asText(), example.toString());
            assertFalse(answer.path(field).asText("").isBlank(), "the trace under field_thinking: " + example);
            assertFalse(answer.path("content").asText().contains("<think>"), "the answer alone: " + example);
            assertTrue(rule.matcher(answer.path("content").asText()).find(), example.toString());
        }
        JsonNode report = Json.MAPPER.readTree(dataset.resolve("quality_report.json").toFile());
        JsonNode traces = report.path("tokens").path("reasoning");
        assertEquals(exported.size(), traces.path("traces").asInt(), traces.toString());
        assertTrue(traces.path("perTrace").path("max").asInt() <= reasoning.maxTokensOrDefault(), traces.toString());
    }

    /**
     * The preference job: TRL's conversational pairs ({@code prompt}, {@code chosen}, {@code rejected} lists of
     * messages, what axolotl's {@code rl: dpo} entry reads), LLaMA-Factory's ShareGPT ranking records as its
     * {@code dataset_info.json} entry names their columns, and OpenAI's preference lines ({@code input.messages},
     * {@code preferred_output}, {@code non_preferred_output}); every chosen answer obeys the job's rule, every rejected
     * one is worse in a way a check sees, and the report counts the pairs by failure mode.
     */
    @Test
    @Order(4)
    void preferenceJobExportsPairsAsEachTrainerReadsThem() throws Exception {
        JobSpec job = JobSpecs.load(PREFERENCE).withDefaults();
        assertTrue(PreferenceSpec.on(job), "the gallery job asks for preference pairs");
        Pattern rule = Pattern.compile(job.rules().replyMustMatch().get(0));
        Pattern specific = Pattern.compile("\\d+(?:[.,:]\\d+)*|(?<=[a-z,] )\\p{Lu}[\\p{L}'-]+");
        TokenCounter tokens = new TokenCounter();
        Path dataset = SECOND.dataset(PREFERENCE);
        List<JsonNode> pairs = exported(dataset, job);
        for (JsonNode pair : pairs) {
            JsonNode prompt = pair.path("prompt");
            assertEquals("system", prompt.get(0).path("role").asText(), pair.toString());
            assertEquals("user", prompt.get(prompt.size() - 1).path("role").asText(), pair.toString());
            assertEquals(1, pair.path("chosen").size(), pair.toString());
            assertEquals(1, pair.path("rejected").size(), pair.toString());
            String chosen = pair.path("chosen").get(0).path("content").asText();
            String rejected = pair.path("rejected").get(0).path("content").asText();
            assertEquals("assistant", pair.path("rejected").get(0).path("role").asText(), pair.toString());
            assertTrue(rule.matcher(chosen).find(), "the chosen answer obeys the rule: " + pair);
            boolean outOfFormat = !rule.matcher(rejected).find();
            boolean cutShort = tokens.count(rejected) <= 0.6 * tokens.count(chosen);
            String known = prompt.toString() + chosen;
            boolean unsupported = specific.matcher(rejected).results().anyMatch(m -> !known.contains(m.group()));
            assertTrue(outOfFormat || cutShort || unsupported, "the rejected answer is worse: " + pair);
        }

        JsonNode report = Json.MAPPER.readTree(dataset.resolve("quality_report.json").toFile());
        JsonNode preference = report.path("preference");
        assertEquals(pairs.size(), preference.path("pairs").asInt(), preference.toString());
        int byMode = 0;
        for (var mode : PreferenceSpec.modesOf(job)) {
            int n = preference.path("byFailureMode").path(mode.id()).asInt();
            assertTrue(n > 0, "every mode has pairs: " + preference);
            byMode += n;
        }
        assertEquals(pairs.size(), byMode, preference.toString());

        JsonNode info = Json.MAPPER.readTree(dataset.resolve("dataset_info.json").toFile());
        JsonNode entry = info.path(job.name());
        assertTrue(entry.path("ranking").asBoolean(), info.toString());
        JsonNode columns = entry.path("columns");
        List<JsonNode> llamaFactory = Books.concat(Books.jsonl(dataset.resolve(entry.path("file_name").asText())),
                Books.jsonl(dataset.resolve(info.path(job.name() + "_validation").path("file_name").asText())));
        assertEquals(pairs.size(), llamaFactory.size());
        for (JsonNode line : llamaFactory) {
            JsonNode turns = line.path(columns.path("messages").asText());
            assertEquals("human", turns.get(turns.size() - 1).path("from").asText(), line.toString());
            assertEquals("gpt", line.path(columns.path("chosen").asText()).path("from").asText(), line.toString());
            assertEquals("gpt", line.path(columns.path("rejected").asText()).path("from").asText(), line.toString());
        }
        List<JsonNode> openAi = Books.concat(Books.jsonl(dataset.resolve("train.openai_preference.jsonl")),
                Books.jsonl(dataset.resolve("validation.openai_preference.jsonl")));
        assertEquals(pairs.size(), openAi.size());
        for (JsonNode line : openAi) {
            assertFalse(line.path("input").path("messages").isEmpty(), line.toString());
            assertEquals("assistant", line.path("preferred_output").get(0).path("role").asText(), line.toString());
            assertEquals("assistant", line.path("non_preferred_output").get(0).path("role").asText(),
                    line.toString());
        }
        JsonNode axolotl = new YAMLMapper().readTree(dataset.resolve("axolotl.yaml").toFile());
        assertEquals("dpo", axolotl.path("rl").asText());
        assertEquals("prompt", axolotl.path("datasets").get(0).path("field_messages").asText());
        assertTrue(Files.readString(dataset.resolve("train_trl.py")).contains("DPOTrainer("));
    }

    @Test
    @Order(5)
    void functionCallingJobExportsExamplesThatEachCallTheirOwnFunctions() throws Exception {
        JobSpec job = JobSpecs.load(OWN_TOOLS).withDefaults();
        assertTrue(job.perExampleTools(), "the gallery job declares tools per example");
        Path dataset = SECOND.dataset(OWN_TOOLS);
        int withCalls = 0;
        Set<String> lists = new HashSet<>();
        List<JsonNode> exported = exported(dataset, job);
        for (JsonNode example : exported) {
            String where = "example " + example;
            assertTrue(example.path("tools").isTextual(), "LLaMA-Factory's tools column, a string: " + where);
            Map<String, JsonNode> own = new HashMap<>();
            for (JsonNode function : Json.MAPPER.readTree(example.get("tools").asText())) {
                assertFalse(function.path("name").asText().isBlank(), where);
                assertEquals("object", function.path("parameters").path("type").asText(), where);
                own.put(function.get("name").asText(), function.get("parameters"));
            }
            assertFalse(own.isEmpty(), "every example offers functions: " + where);
            lists.add(new java.util.TreeSet<>(own.keySet()).toString());
            boolean calls = false;
            for (JsonNode turn : example.get("conversations")) {
                if (!"function_call".equals(turn.path("from").asText())) {
                    continue;
                }
                calls = true;
                JsonNode call = Json.MAPPER.readTree(turn.get("value").asText());
                String name = call.path("name").asText();
                assertTrue(own.containsKey(name), "calls one of its own functions, got '" + name + "': " + where);
                JsonNode arguments = call.get("arguments").isTextual()
                        ? Json.MAPPER.readTree(call.get("arguments").asText())
                        : call.get("arguments");
                for (JsonNode required : own.get(name).path("required")) {
                    assertTrue(arguments.has(required.asText()),
                            name + " has its required '" + required.asText() + "': " + where);
                }
            }
            withCalls += calls ? 1 : 0;
        }
        // 6 of the 8 seeds call a function: most examples do, and some answer without one
        assertTrue(withCalls >= exported.size() / 2, withCalls + " of " + exported.size() + " call a function");
        assertTrue(withCalls < exported.size(), "some examples answer without a call: " + withCalls);
        assertTrue(lists.size() >= 4, "the examples offer different functions: " + lists);
        JsonNode info = Json.MAPPER.readTree(dataset.resolve("dataset_info.json").toFile());
        assertEquals("tools", info.path(job.name()).path("columns").path("tools").asText(), info.toString());
    }

    /**
     * One {@code seedforge run} of several specs into the shared --out and --data-dir, run the first time one of its
     * datasets is asked for; its outcome (datasets or failure) is kept so that each of its tests reads it.
     */
    private static final class Invocation {

        private final List<Path> specs;
        private Map<String, Path> datasets;
        private Throwable failure;

        Invocation(List<Path> specs) {
            this.specs = specs;
        }

        /** The directory of the dataset this invocation wrote for {@code spec}, found by its name in job.json. */
        Path dataset(Path spec) throws Exception {
            String name = JobSpecs.load(spec).name();
            if (datasets == null && failure == null) {
                try {
                    datasets = run();
                } catch (Exception | AssertionError e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw new AssertionError(name + ": its seedforge run of " + specs + " failed", failure);
            }
            Path dataset = datasets.get(name);
            assertNotNull(dataset, name + ": no COMPLETED job.json of this name under out/ after its run: " + datasets);
            return dataset;
        }

        private Map<String, Path> run() throws Exception {
            Map<String, Path> before = datasetsByName();
            List<String> args = new ArrayList<>(List.of("run"));
            specs.forEach(spec -> args.add(spec.toString()));
            args.addAll(List.of("--out", work.resolve("out").toString(), "--data-dir", work.resolve("data").toString()));
            SeedforgeCommand.Run run = SeedforgeCommand.run(work, args.toArray(String[]::new));
            // 0, or 3 when a gate failed on the count alone (each job's gate is checked in exported())
            assertTrue(run.exitCode() == 0 || run.exitCode() == 3, run.output());
            Map<String, Path> after = datasetsByName();
            Map<String, Path> mine = new HashMap<>();
            for (Path spec : specs) {
                String name = JobSpecs.load(spec).name();
                Path dataset = after.get(name);
                assertNotNull(dataset, name + ": no dataset with a COMPLETED job.json: " + run.output());
                assertFalse(before.containsKey(name), name + ": ran before this invocation");
                assertTrue(Pattern.compile("(?m)^Dataset written to .*/" + Pattern.quote(dataset.getFileName()
                        .toString()) + "$").matcher(run.output()).find(), name + ": the run names its dataset"
                                + " directory " + dataset + ":\n" + run.output());
                mine.put(name, dataset);
            }
            if (firstTrainContents.isEmpty()) {
                for (Path dataset : mine.values()) {
                    firstTrainContents.put(dataset, Files.readString(dataset.resolve("train.jsonl")));
                }
            } else {
                for (Map.Entry<String, Path> dataset : mine.entrySet()) {
                    for (Path firstDataset : firstTrainContents.keySet()) {
                        assertNotEquals(firstDataset, dataset.getValue(), dataset.getKey()
                                + ": a second run is a new job in its own directory");
                    }
                }
                for (Map.Entry<Path, String> first : firstTrainContents.entrySet()) {
                    assertEquals(first.getValue(), Files.readString(first.getKey().resolve("train.jsonl")),
                            "the first run's dataset " + first.getKey() + " is untouched by the second");
                }
            }
            return mine;
        }

        /**
         * Every dataset under out/ by the spec name in its job.json (written only for a COMPLETED job); one job per
         * name, so a run that overwrote or duplicated another's directory shows here.
         */
        private static Map<String, Path> datasetsByName() throws Exception {
            Map<String, Path> byName = new HashMap<>();
            Path out = work.resolve("out");
            if (!Files.isDirectory(out)) {
                return byName;
            }
            try (var directories = Files.list(out)) {
                for (Path directory : directories.filter(Files::isDirectory)
                        .filter(directory -> !Files.isSymbolicLink(directory)).toList()) {
                    Path jobJson = directory.resolve("job.json");
                    if (!Files.exists(jobJson)) {
                        continue;
                    }
                    JobView job = Json.MAPPER.readValue(jobJson.toFile(), JobView.class);
                    assertEquals(JobStatus.COMPLETED, job.status(), jobJson.toString());
                    assertEquals(directory.getFileName().toString(), job.jobId(), "out/<job id>: " + jobJson);
                    Path previous = byName.put(job.spec().name(), directory.toRealPath());
                    assertTrue(previous == null, "one job per spec name under out/: " + previous + ", " + directory);
                }
            }
            return byName;
        }
    }

    /**
     * Every exported line, after the books are checked: every candidate has one outcome, the files hold what the report
     * counts, nothing is exported twice, and no gate check fails but the count (whether the simulator's variety fills
     * every quota is bench/gallery's figure, not this test's).
     */
    private static List<JsonNode> exported(Path dataset, JobSpec job) throws Exception {
        List<JsonNode> all = Books.concat(Books.jsonl(dataset.resolve("train.jsonl")),
                Books.jsonl(dataset.resolve("validation.jsonl")));
        JsonNode report = Json.MAPPER.readTree(dataset.resolve("quality_report.json").toFile());
        JsonNode counts = report.get("counts");
        assertEquals(counts.get("exported").asLong(), all.size(), "the files hold what the report counts");
        assertTrue(all.size() >= 10, "enough lines to check: " + all.size() + " exported of " + job.target());
        for (JsonNode failure : report.path("gate").path("failures")) {
            assertTrue(failure.asText().startsWith("min_count"), "only the count may fail: " + report.path("gate"));
        }
        assertEquals(counts.get("candidatesEmitted").asLong(), counts.get("accepted").asLong()
                + counts.get("rejected").asLong() + counts.get("duplicates").asLong(), counts.toString());
        assertEquals(counts.get("candidatesEmitted").asLong(), Books.jsonl(dataset.resolve("rejected.jsonl")).size()
                + counts.get("accepted").asLong(), "rejected.jsonl holds every candidate that was not accepted");
        assertEquals(all.size(), new HashSet<>(all.stream().map(JsonNode::toString).toList()).size(),
                "no example exported twice");
        return all;
    }
}
