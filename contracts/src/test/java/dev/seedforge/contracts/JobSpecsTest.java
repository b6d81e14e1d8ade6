package dev.seedforge.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobSpecsTest {

    private static final String VALID = """
            task: Answer questions about tasks
            format: sharegpt
            target: 10
            seeds:
              - messages:
                  - {role: user, content: "Delete task #3."}
                  - {role: assistant, content: "Deleted task #3: 'Water plants'"}
            """;

    private static List<FieldError> errorsOf(String yaml) {
        return assertThrows(InvalidJobSpecException.class, () -> JobSpecs.parse(yaml, null)).errors();
    }

    private static FieldError onlyError(String yaml) {
        List<FieldError> errors = errorsOf(yaml);
        assertEquals(1, errors.size(), errors.toString());
        return errors.get(0);
    }

    @Test
    void exampleJobLoadsWithItsSeedFileInlined() throws Exception {
        JobSpec spec = JobSpecs.load(Path.of("../examples/task-api/job.yaml"));
        assertEquals("task-api", spec.name());
        assertEquals(ExampleFormat.OPENAI, spec.format());
        assertEquals(60, spec.target());
        assertEquals(16, spec.seeds().size());
        assertNull(spec.seedsFile());
        assertEquals(7L, spec.randomSeed());
        assertEquals(240, spec.maxCandidates());
    }

    @Test
    void defaultsFillWhatTheUserLeftOut() {
        JobSpec spec = JobSpecs.parse(VALID, null);
        assertEquals(JobSpec.DEFAULT_NAME, spec.name());
        assertEquals(0.1, spec.validationRatio());
        assertEquals("gpt-4o-mini", spec.teacherModel());
        assertEquals(40, spec.maxCandidates());
    }

    @Test
    void jsonIsAcceptedToo() {
        JobSpec spec = JobSpecs.parse("""
                {"task": "t", "format": "alpaca", "target": 3,
                 "seeds": [{"instruction": "Say hi", "input": "", "output": "Hi"}]}
                """, null);
        assertEquals(ExampleFormat.ALPACA, spec.format());
        assertEquals("Hi", spec.seeds().get(0).textOf(ChatTurn.ASSISTANT));
    }

    @Test
    void badYamlIsRefusedWithItsPosition() {
        FieldError error = onlyError("task: [unclosed\nformat: openai\n");
        assertEquals("spec", error.field());
        assertTrue(error.message().startsWith("is not valid YAML or JSON"), error.message());
        assertTrue(error.message().contains("line"), error.message());
    }

    @Test
    void aCommaInAnUnquotedTextInsideBracesIsExplained() {
        FieldError error = onlyError("task: t\nformat: sharegpt\ntarget: 3\nseeds:\n  - conversations:\n"
                + "      - {from: human, value: Hi}\n      - {from: gpt, value: Sure, I can help?}\n");
        assertEquals("spec", error.field());
        assertTrue(error.message().contains("(line 7, column"), error.message());
        assertTrue(error.message().endsWith("inside { } or [ ], a text holding a comma, a question mark or ': ' must"
                + " be quoted (content: \"Yes, at 9:00?\")"), error.message());
    }

    @Test
    void aTabIndentIsNamedWhereItIsNotWhereTheScannerStarted() {
        FieldError error = onlyError("task: t\nformat: openai\nseeds:\n\t- messages: []\ntarget: 5\n");
        assertEquals("spec", error.field());
        assertTrue(error.message().contains("cannot start any token"), error.message());
        assertTrue(error.message().contains("(line 4, column 1)"), error.message());
    }

    @Test
    void aKeyWrittenTwiceIsRefusedByItsPath() {
        FieldError top = onlyError(VALID + "task: written again\n");
        assertEquals("task", top.field());
        assertTrue(top.message().startsWith("is written twice"), top.message());
        FieldError nested = onlyError(VALID + "rules:\n  max_tokens_per_turn: 100\n  max_tokens_per_turn: 200\n");
        assertEquals("rules.max_tokens_per_turn", nested.field());
        FieldError inSeed = onlyError(
                "task: t\nformat: alpaca\ntarget: 3\nseeds:\n  - {instruction: a, output: b, output: c}\n");
        assertEquals("seeds[0].output", inSeed.field());
    }

    @Test
    void seedsThatCallToolsTheJobDoesNotDeclareAreRefusedNamingThem() throws Exception {
        Path dir = Files.createTempDirectory("glaive");
        Files.copy(Path.of("../testdata/llamafactory-glaive-toolcall-en-demo.json"), dir.resolve("seeds.json"));
        String glaive = "task: t\nformat: sharegpt\ntarget: 10\nseeds_file: seeds.json\ntools_per_example: false\n";
        List<FieldError> errors = assertThrows(InvalidJobSpecException.class,
                () -> JobSpecs.parse(glaive, dir)).errors();
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("tools", errors.get(0).field());
        assertTrue(errors.get(0).message().startsWith("the seeds call 51 tools the job does not declare: '"),
                errors.get(0).message());
        assertTrue(errors.get(0).message().contains(" and 46 more; list each in tools"), errors.get(0).message());
        String declared = "task: t\nformat: openai\ntarget: 3\ntools:\n  - {type: function, function: {name: lookup}}\n"
                + "seeds:\n  - messages:\n      - {role: user, content: a}\n"
                + "      - {role: assistant, content: null, tool_calls: [{id: c1, type: function,"
                + " function: {name: lookup, arguments: '{}'}}]}\n"
                + "      - {role: tool, tool_call_id: c1, content: x}\n      - {role: assistant, content: b}\n";
        assertEquals("lookup", JobSpecs.parse(declared, null).seeds().get(0).messages().get(1).toolCalls().get(0)
                .name());
        FieldError undeclared = onlyError(declared.replace("name: lookup}}\n", "name: search}}\n"));
        assertEquals("tools", undeclared.field());
        assertTrue(undeclared.message().startsWith("the seeds call 1 tool the job does not declare: 'lookup'"
                + " (seeds[0])"), undeclared.message());
        FieldError alpaca = onlyError(declared.replace("format: openai", "format: alpaca"));
        assertEquals("tools", alpaca.field());
        assertTrue(alpaca.message().startsWith("an alpaca job cannot call tools: Alpaca has no form for tool calls"),
                alpaca.message());
    }

    /**
     * Glaive's seeds each offer their own functions: without {@code tools} in the spec the job's examples declare their
     * own, each seed's list held to what a job's is and its calls to its own list.
     */
    @Test
    void seedsThatEachDeclareTheirOwnToolsMakeAJobWhoseExamplesDeclareTheirs() throws Exception {
        Path dir = Files.createTempDirectory("glaive");
        Files.copy(Path.of("../testdata/llamafactory-glaive-toolcall-en-demo.json"), dir.resolve("seeds.json"));
        JobSpec glaive = JobSpecs.parse("task: t\nformat: sharegpt\ntarget: 10\nseeds_file: seeds.json\n", dir);
        assertTrue(glaive.perExampleTools());
        assertTrue(glaive.withTools());
        assertEquals(List.of(), glaive.tools());

        String seed = "seeds:\n  - messages:\n      - {role: user, content: a}\n"
                + "      - {role: assistant, content: null, tool_calls: [{id: c1, type: function,"
                + " function: {name: lookup, arguments: '{}'}}]}\n"
                + "      - {role: tool, tool_call_id: c1, content: x}\n      - {role: assistant, content: b}\n"
                + "    tools: [{type: function, function: {name: lookup, parameters: {type: object}}}]\n";
        String spec = "task: t\nformat: openai\ntarget: 3\ntools_per_example: true\n" + seed;
        assertTrue(JobSpecs.parse(spec, null).perExampleTools());
        // a pair's rejected answer may call one of the example's own tools wrongly
        JobSpec pairs = JobSpecs.parse(spec + "task_type: preference\n", null);
        assertTrue(PreferenceSpec.modesOf(pairs).contains(PreferenceSpec.FailureMode.WRONG_TOOL_ARGUMENTS));
        assertTrue(JobSpecs.parse(spec + "task_type: preference\npreference: {failure_modes: [wrong_tool_arguments]}\n",
                null).perExampleTools());
        FieldError other = onlyError(spec.replace("{name: lookup, parameters", "{name: search, parameters"));
        assertEquals("seeds[0]", other.field());
        assertTrue(other.message().startsWith("calls 'lookup', not among its own tools [search]"), other.message());
        List<FieldError> unnamed = errorsOf(spec.replace("{name: lookup, parameters: {type: object}}",
                "{parameters: {type: object}}"));
        assertEquals(List.of("seeds[0].tools[0]", "seeds[0]"), unnamed.stream().map(FieldError::field).toList());
        assertTrue(unnamed.get(1).message().contains("(it declares none)"), unnamed.get(1).message());
        FieldError twice = onlyError(spec.replace("parameters: {type: object}}}]",
                "parameters: {type: object}}}, {type: function, function: {name: lookup}}]"));
        assertEquals("seeds[0].tools[1]", twice.field());
        assertTrue(twice.message().contains("a second time"), twice.message());
        FieldError both = onlyError(spec + "tools: [{type: function, function: {name: lookup}}]\n");
        assertEquals("tools_per_example", both.field());
        FieldError alpaca = onlyError("task: t\nformat: alpaca\ntarget: 3\ntools_per_example: true\n"
                + "seeds:\n  - {instruction: a, output: b}\n");
        assertEquals("tools_per_example", alpaca.field());
        assertTrue(alpaca.message().startsWith("an alpaca job cannot call tools"), alpaca.message());
    }

    /**
     * An OpenAI fine-tuning file repeats its tool list on every line: a spec of such seeds and no {@code tools} takes
     * that list as the job's, in whichever order a line wrote it; a line without tools does not count.
     */
    @Test
    void seedsThatAllCarryTheSameToolsGiveTheJobItsTools() throws Exception {
        String lookup = "{\"type\": \"function\", \"function\": {\"name\": \"lookup\", \"parameters\": {\"type\":"
                + " \"object\", \"properties\": {\"id\": {\"type\": \"string\"}}}}}";
        String refund = "{\"type\": \"function\", \"function\": {\"name\": \"refund\"}}";
        String calling = "{\"messages\": [{\"role\": \"user\", \"content\": \"where is 12?\"}, {\"role\":"
                + " \"assistant\", \"content\": null, \"tool_calls\": [{\"id\": \"c1\", \"type\": \"function\","
                + " \"function\": {\"name\": \"lookup\", \"arguments\": \"{\\\"id\\\": \\\"12\\\"}\"}}]},"
                + " {\"role\": \"tool\", \"tool_call_id\": \"c1\", \"content\": \"shipped\"}, {\"role\":"
                + " \"assistant\", \"content\": \"It has shipped.\"}], \"tools\": [" + lookup + ", " + refund + "]}";
        String reordered = "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}, {\"role\": \"assistant\","
                + " \"content\": \"Hello!\"}], \"tools\": [" + refund + ", " + lookup + "]}";
        String noTools = "{\"messages\": [{\"role\": \"user\", \"content\": \"open?\"}, {\"role\": \"assistant\","
                + " \"content\": \"Until 6.\"}]}";
        Path dir = Files.createTempDirectory("fine-tuning-file");
        Files.writeString(dir.resolve("seeds.jsonl"), calling + "\n" + reordered + "\n" + noTools + "\n");
        String spec = "task: t\nformat: openai\ntarget: 10\nseeds_file: seeds.jsonl\n";
        JobSpec parsed = JobSpecs.parse(spec, dir);
        assertEquals(List.of(Json.MAPPER.readTree(lookup), Json.MAPPER.readTree(refund)), parsed.tools());
        // lists that differ make each example declare its own; told not to, the calls are refused by name
        Files.writeString(dir.resolve("seeds.jsonl"), calling + "\n" + reordered.replace(", " + lookup, "") + "\n");
        JobSpec perExample = JobSpecs.parse(spec, dir);
        assertTrue(perExample.perExampleTools());
        assertEquals(List.of(), perExample.tools());
        List<FieldError> errors = assertThrows(InvalidJobSpecException.class,
                () -> JobSpecs.parse(spec + "tools_per_example: false\n", dir)).errors();
        assertEquals("tools", errors.get(0).field(), errors.toString());
        assertTrue(errors.get(0).message().startsWith("the seeds call 1 tool the job does not declare: 'lookup'"),
                errors.get(0).message());
    }

    /**
     * Seeds that each carry their own system prompt give the examples theirs: the one they share as
     * {@code system_prompt}, several as {@code system_prompts}; a seed without one, or a spec that names its own,
     * leaves the spec as written.
     */
    @Test
    void seedsWithTheirOwnSystemPromptsGiveTheJobThem() {
        String spec = "task: t\nformat: sharegpt\ntarget: 10\nseeds:\n"
                + "  - {system: You are Pip., conversations: [{from: human, value: a}, {from: gpt, value: b}]}\n"
                + "  - {system: You are the concierge., conversations: [{from: human, value: c}, {from: gpt, value: d}]}\n"
                + "  - {system: You are Pip., conversations: [{from: human, value: e}, {from: gpt, value: f}]}\n";
        JobSpec several = JobSpecs.parse(spec, null);
        assertEquals(List.of("You are Pip.", "You are the concierge."), several.systemPrompts());
        assertNull(several.systemPrompt());
        assertEquals("You are Pip.", JobSpecs.parse(spec.replace("the concierge", "Pip"), null).systemPrompt());
        JobSpec oneWithout = JobSpecs.parse(spec.replace("{system: You are the concierge., ", "{"), null);
        assertNull(oneWithout.systemPrompt());
        assertTrue(oneWithout.systemPrompts() == null || oneWithout.systemPrompts().isEmpty());
        assertEquals("Be brief.", JobSpecs.parse(spec + "system_prompt: Be brief.\n", null).systemPrompt());
    }

    @Test
    void aReplyLimitIsAWholeNumberOfTokens() {
        assertEquals(60, JobSpecs.parse(VALID + "rules: {max_tokens_per_reply: 60}\n", null).rules().maxTokensPerReply());
        assertEquals("rules.max_tokens_per_reply", onlyError(VALID + "rules: {max_tokens_per_reply: 0}\n").field());
    }

    @Test
    void oneSystemPromptOrSeveralNotBoth() {
        FieldError both = onlyError(VALID + "system_prompt: You help.\nsystem_prompts: [You manage tasks., Be terse.]\n");
        assertEquals("system_prompts", both.field());
        assertTrue(both.message().endsWith("not both: system_prompt would be ignored"), both.message());
    }

    @Test
    void aRubricMayBeOneSentenceOrAListOfCriteria() {
        assertEquals(Map.of("rubric", "Polite, and right about the opening hours"), JobSpecs.parse(VALID
                + "judge: {rubric: 'Polite, and right about the opening hours', min_score: 7}\n", null).judge()
                .rubric());
        assertEquals(List.of("polite", "accurate"), List.copyOf(JobSpecs.parse(VALID
                + "judge: {rubric: [polite, 'accurate: names the opening hours right']}\n", null).judge().rubric()
                .keySet()));
        assertEquals("names the opening hours right", JobSpecs.parse(VALID
                + "judge: {rubric: [polite, 'accurate: names the opening hours right']}\n", null).judge().rubric()
                .get("accurate"));
        assertEquals(Map.of("clarity", "clear"), JobSpecs.parse(VALID + "judge: {rubric: {clarity: clear}}\n", null)
                .judge().rubric());
        FieldError number = onlyError(VALID + "judge: {rubric: [polite, 7]}\n");
        assertEquals("judge.rubric", number.field());
        assertTrue(number.message().contains("each criterion of a rubric list is text"), number.message());
        assertTrue(number.message().endsWith("got 7"), number.message());
    }

    @Test
    void aRubricListMayHoldCriteriaAsObjectsByNameAndDescriptionOrOneByName() {
        Map<String, String> rubric = JobSpecs.parse(VALID + """
                judge:
                  rubric:
                    - {name: faithful, description: "Nothing the transcript does not say."}
                    - complete: every action item is there
                    - {name: concise}
                    - 'polite: greets the customer'
                """, null).judge().rubric();
        assertEquals(List.of("faithful", "complete", "concise", "polite"), List.copyOf(rubric.keySet()));
        assertEquals("Nothing the transcript does not say.", rubric.get("faithful"));
        assertEquals("every action item is there", rubric.get("complete"));
        assertEquals("concise", rubric.get("concise"));
        FieldError extra = onlyError(VALID + "judge: {rubric: [{name: faithful, weight: 2}]}\n");
        assertEquals("judge.rubric", extra.field());
        assertTrue(extra.message().endsWith("got {\"name\":\"faithful\",\"weight\":2}"), extra.message());
    }

    @Test
    void unknownFormatNamesTheFieldAndTheChoices() {
        FieldError error = onlyError(VALID.replace("sharegpt", "csv"));
        assertEquals("format", error.field());
        assertTrue(error.message().contains("unknown format 'csv'"), error.message());
        assertTrue(error.message().contains("sharegpt, openai, alpaca"), error.message());
    }

    @Test
    void targetMustBePositive() {
        FieldError error = onlyError(VALID.replace("target: 10", "target: 0"));
        assertEquals("target", error.field());
        assertEquals("must be at least 1, got 0", error.message());
    }

    @Test
    void wrongTypeNamesTheFieldAndWhatItTakes() {
        FieldError error = onlyError(VALID.replace("target: 10", "target: ten"));
        assertEquals("target", error.field());
        assertEquals("must be a whole number, got 'ten'", error.message());

        error = onlyError(VALID + "temperature: warm\n");
        assertEquals("temperature", error.field());
        assertEquals("must be a number, got 'warm'", error.message());

        error = onlyError(VALID + "rules: [no_emoji]\n");
        assertEquals("rules", error.field());
        assertEquals("must be a mapping of fields, got a list", error.message());

        error = onlyError(VALID + "judge: {enabled: sometimes}\n");
        assertEquals("judge.enabled", error.field());
        assertEquals("must be true or false, got 'sometimes'", error.message());

        error = onlyError(VALID + "rules: {banned_phrases: [{phrase: x}]}\n");
        assertEquals("rules.banned_phrases[0]", error.field());
        assertEquals("must be text, got a mapping", error.message());
    }

    @Test
    void complexityAndAxesAreWeightedChoicesWrittenAsAMappingAListOrOneValue() {
        assertEquals(Map.of("simple", 1.0, "complex", 1.0),
                JobSpecs.parse(VALID + "complexity: [simple, complex]\n", null).complexity());
        assertEquals(Map.of("edge_case", 1.0), JobSpecs.parse(VALID + "complexity: edge_case\n", null).complexity());
        assertEquals(Map.of("simple", 0.25, "moderate", 0.75),
                JobSpecs.parse(VALID + "complexity: {simple: 0.25, moderate: 0.75}\n", null).complexity());
        assertEquals(Map.of("simple", 1.0), JobSpecs.parse(VALID + "complexity:\n", null).complexity(),
                "left empty: the default");
        assertEquals(Map.of("billing", 1.0),
                JobSpecs.parse(VALID + "axes: {topic: billing}\n", null).axes().get("topic").weights());
        FieldError error = onlyError(VALID + "complexity: [simple, hard]\n");
        assertEquals("complexity.hard", error.field());
        assertTrue(error.message().contains("unknown level"), error.message());
        error = onlyError(VALID + "complexity: {simple: lots}\n");
        assertEquals("complexity", error.field());
        assertEquals("the weight of 'simple' must be a number", error.message());
    }

    @Test
    void aSingleValueWhereAListGoesIsAListOfOne() {
        JobSpec spec = JobSpecs.parse(VALID + """
                rules:
                  reply_must_match: "^Deleted"
                  banned_phrases: As an AI
                system_prompts: You manage tasks.
                """, null);
        assertEquals(List.of("^Deleted"), spec.rules().replyMustMatch());
        assertEquals(List.of("As an AI"), spec.rules().bannedPhrases());
        assertEquals(List.of("You manage tasks."), spec.systemPrompts());
    }

    @Test
    void aSeedWithAnEmptyAssistantTurnIsRefusedNamingTheTurn() {
        FieldError error = onlyError(VALID + """
                  - messages:
                      - {role: user, content: "When do you open on Sunday?"}
                      - {role: assistant, content: "   "}
                """);
        assertEquals("seeds[1]", error.field());
        assertTrue(error.message().startsWith("turn 2 (assistant) is empty"), error.message());
        // a turn that only calls a tool is not empty
        assertEquals(2, JobSpecs.parse(VALID.replace("target: 10", "target: 10\ntools: [{type: function,"
                + " function: {name: lookup, parameters: {type: object}}}]") + """
                          - messages:
                              - {role: user, content: "Look up task 3"}
                              - {role: assistant, content: null, tool_calls: [{id: c1, type: function,
                                  function: {name: lookup, arguments: "{}"}}]}
                              - {role: tool, tool_call_id: c1, content: "found"}
                              - {role: assistant, content: "Task 3 is 'Water plants'."}
                        """, null).seeds().size());
    }

    /** YAML 1.1 reads yes and no as booleans: an axis keeps the words, a field that takes true or false the value. */
    @Test
    void yesAndNoAreWordsOnAnAxisAndTrueOrFalseWhereAFieldTakesThem() {
        JobSpec spec = JobSpecs.parse(VALID + """
                axes: {urgent: [yes, no], channel: [on, off]}
                judge: {enabled: no}
                diversity: {personas: yes, adaptive: off}
                """, null);
        assertEquals(List.of("yes", "no"), List.copyOf(spec.axes().get("urgent").weights().keySet()));
        assertEquals(List.of("on", "off"), List.copyOf(spec.axes().get("channel").weights().keySet()));
        assertEquals(Boolean.FALSE, spec.judge().enabled());
        assertEquals(Boolean.TRUE, spec.diversity().personas());
        assertEquals(Boolean.FALSE, spec.diversity().adaptive());
        assertEquals(Boolean.TRUE, JobSpecs.parse(VALID + "judge: {enabled: true}\n", null).judge().enabled());
    }

    @Test
    void aGateThatCouldNeverPassIsRefused() {
        FieldError error = onlyError(VALID + "export: {gate: {min_count: 40}}\n");
        assertEquals("export.gate.min_count", error.field());
        assertTrue(error.message().startsWith("must be at most target (10), got 40"), error.message());
        assertEquals(10, JobSpecs.parse(VALID + "export: {gate: {min_count: 10}}\n", null).export().gate().minCount());
    }

    @Test
    void aSpecWithoutSeedsIsRefused() {
        FieldError error = onlyError("task: t\nformat: openai\ntarget: 5\n");
        assertEquals("seeds", error.field());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        List<FieldError> errors = errorsOf("validation_ratio: 1.5\n");
        List<String> fields = errors.stream().map(FieldError::field).toList();
        assertEquals(List.of("task", "format", "target", "seeds", "validation_ratio"), fields);
    }

    @Test
    void unknownFieldIsNamedWithTheFieldItMostLikelyMeans() {
        FieldError error = onlyError(VALID + "temprature: 0.5\n");
        assertEquals("temprature", error.field());
        assertEquals("unknown field; did you mean 'temperature'?", error.message());
    }

    @Test
    void anUnknownFieldLikeNoneIsNamedWithEveryKnownField() {
        FieldError error = onlyError(VALID + "colour: blue\n");
        assertEquals("colour", error.field());
        assertTrue(error.message().startsWith("unknown field; known fields are approval, axes, budget_usd,"),
                error.message());
    }

    @Test
    void everyUnknownFieldIsNamedAtOnceNestedOnesWithTheirPath() {
        List<FieldError> errors = errorsOf(VALID + """
                exmaples_per_call: 10
                systemPrompt: Be brief.
                rules: {max_token_per_reply: 80, banned_phrases: [As an AI]}
                judge: {min_scor: 7}
                """);
        assertEquals(List.of("exmaples_per_call", "systemPrompt", "rules.max_token_per_reply", "judge.min_scor"),
                errors.stream().map(FieldError::field).toList(), errors.toString());
        assertEquals(List.of("unknown field; did you mean 'examples_per_call'?",
                "unknown field; did you mean 'system_prompt'?", "unknown field; did you mean 'max_tokens_per_reply'?",
                "unknown field; did you mean 'min_score'?"), errors.stream().map(FieldError::message).toList());
    }

    @Test
    void aValueUnderAnotherNameSaysWhatItIsCalledHere() {
        assertTrue(onlyError(VALID.replace("format: sharegpt", "format: chatml")).message()
                .endsWith("records of messages with a role and content are 'openai'"));
        assertTrue(onlyError(VALID + "task_type: dpo\n").message()
                .endsWith("(preference: pairs of a chosen and a rejected answer, what dpo trains on)"));
        assertTrue(onlyError(VALID + "teacher: {provider: azure}\n").message()
                .endsWith("is openai-compatible with its base_url"));
        assertEquals("must be in [0, 1), got 10.0 (a share: 0.1 for 10%)",
                onlyError(VALID + "validation_ratio: 10\n").message());
    }

    @Test
    void aSectionsFieldWrittenAtTheTopIsPointedToItsSection() {
        List<FieldError> errors = errorsOf(VALID + "formats: [openai, alpaca]\nrubric: polite\nmodel: gpt-4o\n");
        assertEquals(List.of("unknown field; did you mean 'export.formats' or 'format'?",
                "unknown field; did you mean 'judge.rubric'?",
                "unknown field; did you mean 'teacher.model', 'judge.model' or 'mode'?"),
                errors.stream().map(FieldError::message).toList(), errors.toString());
    }

    @Test
    void everyValueOfTheWrongKindIsNamedBesideTheUnknownFields() {
        List<FieldError> errors = errorsOf(VALID + """
                examples_per_call: ten
                temprature: 0.5
                judge: {min_score: high, batch_sise: 5}
                budget_usd: a lot
                """);
        assertEquals(List.of("examples_per_call", "temprature", "judge.min_score", "judge.batch_sise", "budget_usd"),
                errors.stream().map(FieldError::field).toList(), errors.toString());
        assertEquals("must be a whole number, got 'ten'", errors.get(0).message());
        assertEquals("must be a number, got 'a lot'", errors.get(4).message());
    }

    @Test
    void aSeedInNoKnownFormatIsNamedByIndex() {
        FieldError error = onlyError(VALID + "  - {question: q, answer: a}\n");
        assertEquals("seeds[1]", error.field());
        assertTrue(error.message().contains("'messages' (openai)"), error.message());
    }

    @Test
    void missingSeedFileIsNamed(@TempDir Path dir) {
        var e = assertThrows(InvalidJobSpecException.class,
                () -> JobSpecs.parse(VALID + "seeds_file: nowhere.jsonl\n", dir));
        assertEquals("seeds_file", e.errors().get(0).field());
    }

    @Test
    void brokenSeedFileLineIsNamed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("seeds.jsonl"), """
                {"instruction": "Say hi", "output": "Hi"}
                {"instruction": "Say bye", "output":
                """);
        var e = assertThrows(InvalidJobSpecException.class,
                () -> JobSpecs.parse(VALID + "seeds_file: seeds.jsonl\n", dir));
        assertTrue(e.getMessage().contains("seeds.jsonl line 2 is not valid JSON"), e.getMessage());
    }
}
