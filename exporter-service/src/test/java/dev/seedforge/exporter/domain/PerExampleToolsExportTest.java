package dev.seedforge.exporter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.ExportSpec;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.PreferencePair;
import dev.seedforge.contracts.PreferenceSpec;
import dev.seedforge.contracts.ToolCall;

/**
 * A job whose examples declare their own tools (LLaMA-Factory's glaive demo, each record its own functions): every
 * file keeps each example's own tools, in its own format and converted to the other chat format, also where the
 * example calls none; Alpaca takes only the examples without calls, without tools; dataset_info.json declares the
 * {@code tools} column.
 */
class PerExampleToolsExportTest {

    private static final int EXAMPLES = 40;

    @TempDir
    Path output;

    /**
     * The first {@link #EXAMPLES} glaive records of different first user turns (by which {@link #byPrompt} tells them
     * apart), in {@code format}, each with its own tools.
     */
    private static List<ObjectNode> glaive(ExampleFormat format) throws Exception {
        List<ObjectNode> records = new ArrayList<>();
        Set<String> prompts = new HashSet<>();
        for (JsonNode record : LosslessExportTest.data("llamafactory-glaive-toolcall-en-demo.json")) {
            if (records.size() == EXAMPLES) {
                break;
            }
            if (prompts.add(prompt(ExampleFormat.SHAREGPT, record))) {
                records.add(ExampleFormat.SHAREGPT.convert(record, format));
            }
        }
        return records;
    }

    private static boolean callsTools(ExampleFormat format, JsonNode record) {
        return format.turns(record).stream().anyMatch(turn -> !turn.toolCalls().isEmpty());
    }

    /** The records by their first user turn, which tells the glaive records apart in every format. */
    private static Map<String, JsonNode> byPrompt(ExampleFormat format, List<? extends JsonNode> records) {
        Map<String, JsonNode> byPrompt = new HashMap<>();
        records.forEach(record -> byPrompt.put(prompt(format, record), record));
        return byPrompt;
    }

    private static String prompt(ExampleFormat format, JsonNode record) {
        return format.turns(record).stream().filter(turn -> ChatTurn.USER.equals(turn.role())).findFirst()
                .orElseThrow().content();
    }

    private static List<JsonNode> read(Path dir, String... files) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        for (String file : files) {
            for (String line : Files.readAllLines(dir.resolve(file))) {
                records.add(Json.MAPPER.readTree(line));
            }
        }
        return records;
    }

    private ExportResult export(ExampleFormat format, ExampleFormat other) throws Exception {
        JobSpec spec = JobSpec.builder().name("glaive").task("Help with the functions offered.").format(format)
                .target(EXAMPLES).validationRatio(0.2).randomSeed(3L).toolsPerExample(true)
                .export(new ExportSpec(List.of(other, ExampleFormat.ALPACA), null, null)).build().withDefaults();
        List<Outcome> outcomes = new ArrayList<>();
        List<ObjectNode> records = glaive(format);
        for (int n = 0; n < records.size(); n++) {
            outcomes.add(new Outcome(String.format("job-g-%03d", n), "job-g", "all", OutcomeStatus.ACCEPTED,
                    records.get(n).toString(), List.of(), null, null, null, 0.002, 0.001));
        }
        return DatasetExporter.create(output.resolve(format.id()), QualityGate.defaults())
                .export(ExportJob.of("job-g", spec, null, EXAMPLES), outcomes);
    }

    @Test
    void eachExampleKeepsItsOwnToolsInItsFormatAndConverted() throws Exception {
        for (ExampleFormat format : List.of(ExampleFormat.SHAREGPT, ExampleFormat.OPENAI)) {
            ExampleFormat other = format == ExampleFormat.SHAREGPT ? ExampleFormat.OPENAI : ExampleFormat.SHAREGPT;
            ExportResult result = export(format, other);
            Path dir = result.directory();
            Map<String, JsonNode> originals = byPrompt(format, glaive(format));

            List<JsonNode> own = read(dir, DatasetFile.TRAIN, DatasetFile.VALIDATION);
            assertEquals(EXAMPLES, own.size());
            for (JsonNode record : own) {
                JsonNode original = originals.get(prompt(format, record));
                assertEquals(format.tools(original), format.tools(record), record.toString());
            }

            List<JsonNode> converted = read(dir, DatasetFile.train(other), DatasetFile.validation(other));
            assertEquals(EXAMPLES, converted.size());
            int notCalling = 0;
            int offeredNotCalled = 0;
            for (JsonNode record : converted) {
                JsonNode original = originals.get(prompt(other, record));
                List<JsonNode> tools = format.tools(original);
                assertEquals(tools, other.tools(record), format.id() + " to " + other.id() + ": " + record);
                if (!callsTools(other, record)) {
                    notCalling++;
                    offeredNotCalled += tools.isEmpty() ? 0 : 1;
                }
            }
            assertTrue(offeredNotCalled > 0, "some glaive examples offer tools they do not call");

            List<JsonNode> alpaca = read(dir, DatasetFile.train(ExampleFormat.ALPACA),
                    DatasetFile.validation(ExampleFormat.ALPACA));
            assertEquals(notCalling, alpaca.size(), "only the examples without calls convert to Alpaca");
            alpaca.forEach(record -> assertFalse(record.has("tools"), record.toString()));
            QualityReport.FormatFiles alpacaFiles = result.report().formats().stream()
                    .filter(f -> f.format() == ExampleFormat.ALPACA).findFirst().orElseThrow();
            assertEquals(EXAMPLES - notCalling, alpacaFiles.notConvertible());
            assertTrue(alpacaFiles.firstProblem().endsWith("tool calls have no Alpaca form"),
                    alpacaFiles.firstProblem());
            assertTrue(result.report().gate().failures().stream().noneMatch(f -> f.startsWith("format_errors")),
                    result.report().gate().failures().toString());

            JsonNode info = Json.MAPPER.readTree(dir.resolve(DatasetFile.LLAMA_FACTORY_INFO).toFile());
            String shareGptEntry = format == ExampleFormat.SHAREGPT ? "glaive" : "glaive_sharegpt";
            assertEquals("tools", info.at("/" + shareGptEntry + "/columns/tools").asText(), info.toString());
            assertEquals("tools", info.at("/" + shareGptEntry + "_validation/columns/tools").asText(),
                    info.toString());
        }
    }

    /**
     * TRL's SFT script on a ShareGPT export: each record's function calls reach the chat template as tool calls and its
     * own tools with them, not as text the model would learn to write.
     */
    @Test
    void trlsScriptGivesAShareGptExamplesCallsAndToolsToTheChatTemplate() throws Exception {
        trlsScriptGivesEachExamplesCallsAndToolsToTheChatTemplate(ExampleFormat.SHAREGPT);
    }

    /**
     * The same for OpenAI files, whose calls' arguments are JSON text (OpenAI's wire format): the chat template gets
     * them as objects, as serving stacks give them and as Qwen2.5's template needs (it would quote the text).
     */
    @Test
    void trlsScriptGivesAnOpenAiExamplesCallsWithTheirArgumentsAsObjects() throws Exception {
        trlsScriptGivesEachExamplesCallsAndToolsToTheChatTemplate(ExampleFormat.OPENAI);
    }

    private void trlsScriptGivesEachExamplesCallsAndToolsToTheChatTemplate(ExampleFormat format) throws Exception {
        List<ObjectNode> records = glaive(format);
        int offering = 0;
        int calls = 0;
        for (ObjectNode record : records) {
            offering += format.tools(record).isEmpty() ? 0 : 1;
            calls += format.turns(record).stream().mapToInt(t -> t.toolCalls().size()).sum();
        }
        ExportResult result = export("sft", format, records);

        JsonNode sft = TrlStandIns.run(result.directory(), "SFT");
        assertEquals(EXAMPLES, sft.path("train").asInt() + sft.path("eval").asInt(), sft.toString());
        assertTrue(offering > 0 && calls > 0, "the fixture offers and calls tools");
        assertEquals(offering, sft.path("with_tools").asInt(), sft.toString());
        assertEquals(calls, sft.path("tool_calls").asInt(), sft.toString());
    }

    /**
     * A tool-calling export's scripts stop before loading anything, naming the fix, on a {@code datasets} older than
     * 4.7, which would fill the keys one call's arguments or one tool's schema lacks with None from the others'; 4.10
     * runs (versions compared as numbers, not text), and so does an export without tools on the old version.
     */
    @Test
    void trlsScriptsOfToolCallingExportsRefuseADatasetsThatFillsCallsWithNone() throws Exception {
        ExportResult sft = export("sft", ExampleFormat.SHAREGPT, glaive(ExampleFormat.SHAREGPT));
        TrlStandIns.Run old = TrlStandIns.script(sft.directory(), "4.6.1");
        assertNotEquals(0, old.exitCode(), old.output());
        assertTrue(old.output().contains("datasets 4.6.1 would fill the keys a tool call or schema lacks with None")
                && old.output().contains("pip install -U 'datasets>=4.7'"), old.output());
        assertFalse(old.output().lines().anyMatch(line -> line.startsWith("SFT ")), old.output());
        JsonNode trained = TrlStandIns.run(sft.directory(), "SFT", "4.10.0");
        assertEquals(EXAMPLES, trained.path("train").asInt() + trained.path("eval").asInt(), trained.toString());
        assertTrue(Files.readString(sft.directory().resolve(TrlScript.FILE))
                .contains("pip install trl \"datasets>=4.7\""));

        JobSpec prefs = JobSpec.builder().name("prefs").task("t").format(ExampleFormat.OPENAI).target(1)
                .tools(List.of(lookupOrder())).taskType("preference")
                .preference(new PreferenceSpec(List.of("wrong_tool_arguments"))).build().withDefaults();
        ExportResult dpo = DatasetExporter.create(output.resolve("prefs"), QualityGate.defaults())
                .export(ExportJob.of("job-p", prefs, null, 1), accepted(pairCallingLookup(lookupOrder())));
        TrlStandIns.Run oldDpo = TrlStandIns.script(dpo.directory(), "4.6.1");
        assertNotEquals(0, oldDpo.exitCode(), oldDpo.output());
        assertTrue(oldDpo.output().contains("pip install -U 'datasets>=4.7'"), oldDpo.output());
        assertEquals(1, TrlStandIns.run(dpo.directory(), "DPO", "4.7.0").path("with_tools").asInt());

        JobSpec plain = JobSpec.builder().name("plain").task("t").format(ExampleFormat.OPENAI).target(2).build()
                .withDefaults();
        ExportResult noTools = DatasetExporter.create(output.resolve("plain"), QualityGate.defaults())
                .export(ExportJob.of("job-p", plain, null, 2), accepted(
                        ExampleFormat.OPENAI.render(List.of(ChatTurn.of(ChatTurn.USER, "Hello!"),
                                ChatTurn.of(ChatTurn.ASSISTANT, "Hello, how can I help?"))),
                        ExampleFormat.OPENAI.render(List.of(ChatTurn.of(ChatTurn.USER, "Where is my parcel?"),
                                ChatTurn.of(ChatTurn.ASSISTANT, "It left the depot this morning.")))));
        assertEquals(2, TrlStandIns.run(noTools.directory(), "SFT", "4.6.1").path("train").asInt());
    }

    /** Glaive's records as a job of {@code format} with per-example tools exports them, a fifth for validation. */
    private ExportResult export(String dir, ExampleFormat format, List<ObjectNode> records) throws Exception {
        JobSpec spec = JobSpec.builder().name("glaive").task("Help with the functions offered.")
                .format(format).target(EXAMPLES).validationRatio(0.2).randomSeed(3L)
                .toolsPerExample(true).build().withDefaults();
        List<Outcome> outcomes = new ArrayList<>();
        for (int n = 0; n < records.size(); n++) {
            outcomes.add(new Outcome(String.format("job-s-%03d", n), "job-s", "all", OutcomeStatus.ACCEPTED,
                    records.get(n).toString(), List.of(), null, null, null, 0.002, 0.001));
        }
        return DatasetExporter.create(output.resolve(dir), QualityGate.defaults())
                .export(ExportJob.of("job-s", spec, null, EXAMPLES), outcomes);
    }

    /** A pair's files offer the tools of its own example: the one it calls, and the ones it answers without. */
    @Test
    void aPreferencePairIsWrittenWithItsExamplesOwnTools() throws Exception {
        JsonNode lookup = lookupOrder();
        JsonNode weather = Json.MAPPER.readTree("{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                + "\"parameters\":{\"type\":\"object\"}}}");
        ObjectNode calling = pairCallingLookup(lookup);
        ObjectNode answering = ExampleFormat.OPENAI.render(List.of(ChatTurn.of(ChatTurn.USER, "Tell me a joke."),
                ChatTurn.of(ChatTurn.ASSISTANT, "Why did the chicken cross the road? To get to the other side.")));
        ExampleFormat.OPENAI.home().putTools(answering, List.of(weather));
        answering.set(PreferencePair.FIELD, PreferencePair.block("incomplete",
                ChatTurn.of(ChatTurn.ASSISTANT, "Why did")));
        JobSpec spec = JobSpec.builder().name("prefs").task("t").format(ExampleFormat.OPENAI).target(2)
                .toolsPerExample(true).taskType("preference")
                .preference(new PreferenceSpec(List.of("wrong_tool_arguments", "incomplete"))).build()
                .withDefaults();
        List<Outcome> outcomes = accepted(calling, answering);

        PreferenceExport.Lines lines = PreferenceExport.lines(outcomes, ExportJob.of("job-p", spec, null, 2));
        assertEquals(List.of(), lines.problems());
        JsonNode openAiCalling = Json.MAPPER.readTree(lines.openAi().get(0));
        JsonNode openAiAnswering = Json.MAPPER.readTree(lines.openAi().get(1));
        assertEquals(List.of(lookup), ExampleFormat.OPENAI.tools(openAiCalling.path("input")));
        assertEquals(List.of(weather), ExampleFormat.OPENAI.tools(openAiAnswering.path("input")));
        JsonNode llamaCalling = Json.MAPPER.readTree(lines.llamaFactory().get(0));
        JsonNode llamaAnswering = Json.MAPPER.readTree(lines.llamaFactory().get(1));
        assertEquals(List.of(lookup), ExampleFormat.SHAREGPT.tools(llamaCalling));
        assertEquals(List.of(weather), ExampleFormat.SHAREGPT.tools(llamaAnswering));

        String info = LlamaFactoryInfo.render(ExportJob.of("job-p", spec, null, 2), List.of(), 0);
        assertEquals("tools", Json.MAPPER.readTree(info).at("/prefs/columns/tools").asText(), info);

        // TRL's DPOTrainer reads a pair's tools from its line, a JSON string of OpenAI's tool objects
        JsonNode trlCalling = Json.MAPPER.readTree(lines.trl().get(0));
        JsonNode trlAnswering = Json.MAPPER.readTree(lines.trl().get(1));
        assertTrue(trlCalling.path("tools").isTextual(), trlCalling.toString());
        assertEquals(Json.MAPPER.createArrayNode().add(lookup), Json.MAPPER.readTree(trlCalling.path("tools")
                .asText()));
        assertEquals(Json.MAPPER.createArrayNode().add(weather), Json.MAPPER.readTree(trlAnswering.path("tools")
                .asText()));
        ExportResult exported = DatasetExporter.create(output.resolve("prefs"), QualityGate.defaults())
                .export(ExportJob.of("job-p", spec, null, 2), outcomes);
        JsonNode dpo = TrlStandIns.run(exported.directory(), "DPO");
        assertEquals(2, dpo.path("with_tools").asInt(), dpo.toString());
    }

    /** With the job's own list, a pair that calls a tool is offered it in TRL's file; one that calls none is not. */
    @Test
    void aJobsToolsReachTrlsPreferenceLinesWhereAPairCallsOne() throws Exception {
        JsonNode lookup = lookupOrder();
        JobSpec spec = JobSpec.builder().name("prefs").task("t").format(ExampleFormat.OPENAI).target(2)
                .tools(List.of(lookup)).taskType("preference")
                .preference(new PreferenceSpec(List.of("wrong_tool_arguments", "incomplete"))).build()
                .withDefaults();
        ObjectNode calling = pairCallingLookup(lookup);
        ObjectNode answering = ExampleFormat.OPENAI.render(List.of(ChatTurn.of(ChatTurn.USER, "Hello!"),
                ChatTurn.of(ChatTurn.ASSISTANT, "Hello, how can I help with your order?")));
        answering.set(PreferencePair.FIELD, PreferencePair.block("incomplete",
                ChatTurn.of(ChatTurn.ASSISTANT, "Hello")));
        List<Outcome> outcomes = accepted(calling, answering);

        PreferenceExport.Lines lines = PreferenceExport.lines(outcomes, ExportJob.of("job-p", spec, null, 2));

        assertEquals(List.of(), lines.problems());
        assertEquals(Json.MAPPER.createArrayNode().add(lookup),
                Json.MAPPER.readTree(Json.MAPPER.readTree(lines.trl().get(0)).path("tools").asText()));
        assertFalse(Json.MAPPER.readTree(lines.trl().get(1)).has("tools"), lines.trl().get(1));
    }

    private static JsonNode lookupOrder() throws Exception {
        return Json.MAPPER.readTree("{\"type\":\"function\",\"function\":{\"name\":\"lookup_order\","
                + "\"parameters\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"}}}}}");
    }

    /** An example calling {@code lookup_order}, offered {@code lookup}, its rejected side a call with a number id. */
    private static ObjectNode pairCallingLookup(JsonNode lookup) {
        ObjectNode calling = ExampleFormat.OPENAI.render(List.of(ChatTurn.of(ChatTurn.USER, "Where is order 7?"),
                new ChatTurn(ChatTurn.ASSISTANT, null, List.of(new ToolCall("c1", "lookup_order",
                        "{\"id\":\"7\"}")), null)),
                List.of(lookup));
        calling.set(PreferencePair.FIELD, PreferencePair.block("wrong_tool_arguments", new ChatTurn(
                ChatTurn.ASSISTANT, null, List.of(new ToolCall("c1", "lookup_order", "{\"id\":7}")), null)));
        return calling;
    }

    private static List<Outcome> accepted(ObjectNode... records) {
        List<Outcome> outcomes = new ArrayList<>();
        for (int n = 0; n < records.length; n++) {
            outcomes.add(new Outcome("p-" + (n + 1), "job-p", "all", OutcomeStatus.ACCEPTED, records[n].toString(),
                    List.of(), null, null, null, 0.002, 0.001));
        }
        return outcomes;
    }
}
