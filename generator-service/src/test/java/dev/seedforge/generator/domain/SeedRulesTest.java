package dev.seedforge.generator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.FieldError;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobSpecs;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.ValidationRules;

class SeedRulesTest {

    private static Conversation seed(String request, String reply) {
        return new Conversation(List.of(ChatTurn.of(ChatTurn.USER, request), ChatTurn.of(ChatTurn.ASSISTANT, reply)));
    }

    private static JobSpec spec(ValidationRules rules, Conversation... seeds) {
        return JobSpec.builder().task("Extract the person named in the text.").format(ExampleFormat.OPENAI)
                .target(20).seeds(List.of(seeds)).rules(rules).build();
    }

    @Test
    void everyGalleryJobsSeedsKeepTheirFormatAndItsRules() throws Exception {
        try (var jobs = java.nio.file.Files.list(Path.of("../examples"))) {
            List<Path> specs = jobs.map(dir -> dir.resolve("job.yaml")).filter(java.nio.file.Files::exists).toList();
            assertTrue(specs.size() >= 9, specs.toString());
            for (Path spec : specs) {
                SeedRules.Outcome outcome = SeedRules.check(JobSpecs.load(spec));
                if (spec.toString().contains("self-instruct")) {
                    // Self-Instruct's seed_task_62 summarizes a whole CNN article: 1,291 tokens, past the job's 1,200
                    assertEquals(List.of(62), outcome.setAside(), outcome.toString());
                    assertTrue(outcome.warnings().get(0).message().contains("(example_too_long)"), outcome.toString());
                } else {
                    assertEquals(SeedRules.Outcome.NONE, outcome, spec.toString());
                }
            }
        }
    }

    /**
     * The teacher copies a seed's call as it is written: one whose arguments break its tool's schema is set aside, held
     * to the job's tools or, where each example declares its own, to its own (Glaive's demo has one such record).
     */
    @Test
    void aSeedWhoseCallBreaksItsToolsSchemaIsNamedAndSetAside() throws Exception {
        JobSpec glaive = JobSpecs.parse("task: t\nformat: sharegpt\ntarget: 20\n"
                + "seeds_file: llamafactory-glaive-toolcall-en-demo.json\n", Path.of("../testdata"));
        SeedRules.Outcome outcome = SeedRules.check(glaive);
        assertEquals(List.of(259), outcome.setAside(), outcome.toString());
        assertTrue(outcome.warnings().get(0).message().contains("(tool_arguments_schema)"), outcome.toString());

        String spec = "task: t\nformat: openai\ntarget: 3\ntools:\n  - {type: function, function: {name: lookup,"
                + " parameters: {type: object, properties: {id: {type: integer}}, required: [id]}}}\nseeds:\n"
                + "  - messages:\n      - {role: user, content: 'where is 12'}\n"
                + "      - {role: assistant, content: null, tool_calls: [{id: c1, type: function,"
                + " function: {name: lookup, arguments: '{\"id\": %s}'}}]}\n"
                + "      - {role: tool, tool_call_id: c1, content: shipped}\n      - {role: assistant, content: Shipped.}\n"
                + "  - messages:\n      - {role: user, content: hi}\n      - {role: assistant, content: Hello.}\n";
        assertEquals(SeedRules.Outcome.NONE, SeedRules.check(JobSpecs.parse(spec.formatted("12"), null)));
        SeedRules.Outcome offSchema = SeedRules.check(JobSpecs.parse(spec.formatted("\"twelve\""), null));
        assertEquals(List.of(0), offSchema.setAside());
        assertTrue(offSchema.warnings().get(0).message().contains("arguments of 'lookup' do not match its schema"),
                offSchema.toString());
    }

    @Test
    void aSeedOffTheReplySchemaIsNamedAndSetAside() throws Exception {
        ValidationRules rules = new ValidationRules(null, null, null, null, null, Json.MAPPER.readTree("""
                {"type": "object", "required": ["name", "age"],
                 "properties": {"name": {"type": "string"}, "age": {"type": "integer"}}}"""));
        SeedRules.Outcome outcome = SeedRules.check(spec(rules, seed("Ann is 34.", "{\"name\": \"Ann\", \"age\": 34}"),
                seed("Bo turned 7.", "{\"name\": \"Bo\", \"age\": \"seven\"}"),
                seed("Cy is 50.", "Name: Cy, age 50"), seed("Di never says.", "{\"name\": \"Di\"}")));
        assertEquals(List.of(1, 2, 3), outcome.setAside());
        List<String> fields = outcome.warnings().stream().map(FieldError::field).toList();
        assertEquals(List.of("seeds[1]", "seeds[2]", "seeds[3]", "seeds"), fields);
        assertTrue(outcome.warnings().get(2).message().contains("the final reply at '/' does not match"
                + " reply_json_schema: required property 'age' not found"), outcome.warnings().get(2).message());
        String second = outcome.warnings().get(0).message();
        assertTrue(second.contains("'/age'") && second.contains("(reply_schema_mismatch)"), second);
        assertTrue(outcome.warnings().get(1).message().contains("not JSON"), outcome.warnings().get(1).message());
        assertTrue(outcome.warnings().get(3).message().startsWith("3 of 4 seeds break their format or the job's rules"),
                outcome.warnings().get(3).message());
    }

    @Test
    void patternsBannedPhrasesAndTokenLimitsAreHeldToo() {
        ValidationRules rules = new ValidationRules(List.of("^Done: \\d+$"), null, 20, null,
                List.of("as an AI language model"));
        SeedRules.Outcome outcome = SeedRules.check(spec(rules, seed("Count the apples.", "Done: 3"),
                seed("Count the pears.", "Done: three"),
                seed("Count the plums.", "As an AI language model I cannot count, but Done: 4"),
                seed("Count the figs. ".repeat(10), "Done: 9")));
        assertEquals(List.of(1, 2, 3), outcome.setAside());
        assertTrue(outcome.warnings().get(0).message().contains("(reply_pattern)"), outcome.warnings().toString());
        assertTrue(outcome.warnings().get(1).message().contains("(banned_phrase)"), outcome.warnings().toString());
        assertTrue(outcome.warnings().get(2).message().contains("(turn_too_long)"), outcome.warnings().toString());
    }

    @Test
    void whenEverySeedBreaksTheRulesNoneIsSetAsideAndTheWarningSaysSo() {
        ValidationRules rules = new ValidationRules(List.of("^Done: \\d+$"), null, null, null, null);
        SeedRules.Outcome outcome = SeedRules.check(spec(rules, seed("Count the pears.", "Done: three"),
                seed("Count the figs.", "I count 9.")));
        assertEquals(List.of(), outcome.setAside());
        assertEquals(List.of("seeds[0]", "seeds[1]", "seeds"), outcome.warnings().stream().map(FieldError::field)
                .toList());
        assertTrue(outcome.warnings().get(2).message().startsWith("every seed breaks its format or the job's rules"),
                outcome.warnings().get(2).message());
    }

    @Test
    void aSeedOffTheLetterOfItsFormatIsNamedAndSetAsideWhateverTheRules() throws Exception {
        Conversation outOfOrder = Conversation.fromJson(Json.MAPPER.readTree("""
                {"messages": [{"role": "user", "content": "Count the plums."},
                 {"role": "user", "content": "All of them."}, {"role": "assistant", "content": "9"}]}"""));
        SeedRules.Outcome outcome = SeedRules.check(spec(null, seed("Count the pears.", "3"), outOfOrder));
        assertEquals(List.of(1), outcome.setAside());
        String message = outcome.warnings().get(0).message();
        assertTrue(message.startsWith("breaks the letter of its format") && message.contains("(role_order)"), message);
    }

    @Test
    void aJobWithoutRulesHasNothingToSay() {
        assertEquals(SeedRules.Outcome.NONE, SeedRules.check(spec(null, seed("Count the pears.", "three"))));
    }

    /**
     * A seed copied from the evaluation set the job decontaminates against would have the teacher write the dataset
     * from it: named and set aside, whatever its layout (the compared text normalised, as dedup's exact rule).
     */
    @Test
    void aSeedThatIsAnExampleOfAReferenceSetIsNamedAndSetAside() {
        Conversation evaluated = seed("Name the actors in Star Wars: The Last Jedi.", "Mark Hamill, Carrie Fisher.");
        JobSpec spec = spec(null, seed("  name the ACTORS in star wars: the last jedi. ", "Mark Hamill."),
                seed("Write a haiku about rain.", "Soft rain on the roof."))
                .toBuilder().dedup(new dev.seedforge.contracts.DedupSpec(null, null, null, List.of(
                        new dev.seedforge.contracts.ReferenceSet("eval", "decontaminate", null, List.of(evaluated)))))
                .build();
        SeedRules.Outcome outcome = SeedRules.check(spec);
        assertEquals(List.of(0), outcome.setAside(), outcome.toString());
        assertEquals("seeds[0]: is an example of the reference set 'eval' (an evaluation set kept out of training:"
                + " imitations of it would leak it into the dataset)", outcome.warnings().get(0).toString());
        assertTrue(outcome.warnings().get(1).message().startsWith("1 of 2 seeds are examples of the job's reference"
                + " sets and are not shown to the teacher"), outcome.warnings().toString());

        JobSpec onlyEvaluated = spec.toBuilder().seeds(List.of(spec.seeds().get(0))).build();
        SeedRules.Outcome all = SeedRules.check(onlyEvaluated);
        assertEquals(List.of(), all.setAside(), "the teacher needs a seed to imitate");
        assertTrue(all.warnings().get(1).message().startsWith("every seed is an example of the job's reference sets"),
                all.warnings().toString());

        JobSpec previous = spec.toBuilder().dedup(new dev.seedforge.contracts.DedupSpec("assistant", null, null,
                List.of(new dev.seedforge.contracts.ReferenceSet("v1", "previous", null, List.of(evaluated)))))
                .build();
        assertEquals(SeedRules.Outcome.NONE, SeedRules.check(previous), "compared by its reply, seed 0 is new");
    }
}
