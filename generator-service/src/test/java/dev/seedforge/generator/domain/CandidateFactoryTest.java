package dev.seedforge.generator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobSpecs;
import dev.seedforge.contracts.tokens.PriceTable;

class CandidateFactoryTest {

    @Test
    void rendersInTheJobsFormatWithTheSystemPromptAndSplitsTheCost() throws Exception {
        JobSpec spec = JobSpecs.load(Path.of("../examples/task-api/job.yaml"));
        List<Conversation> examples = List.of(
                new Conversation(List.of(ChatTurn.of("user", "Delete task #4."),
                        ChatTurn.of("assistant", "Deleted task #4: 'Pay rent'"))),
                new Conversation(List.of(ChatTurn.of("user", "Delete task #5."),
                        ChatTurn.of("assistant", "Deleted task #5: 'Buy milk'"))),
                new Conversation(List.of(ChatTurn.of("user", "Delete task #6."),
                        ChatTurn.of("assistant", "Deleted task #6: 'Fix bike'"))));
        GenerationPrompt prompt = PromptBuilder.build(spec, 1, 3);
        List<Candidate> candidates = CandidateFactory.candidates("job-abc", spec, 7, examples,
                new CandidateFactory.TeacherCall("gpt-4o-mini", prompt, 1000, 301, 0.0003));
        assertEquals(List.of("job-abc-c000007", "job-abc-c000008", "job-abc-c000009"),
                candidates.stream().map(Candidate::candidateId).toList());
        Candidate first = candidates.get(0);
        assertEquals(ExampleFormat.OPENAI, first.format());
        assertEquals("system", first.example().get("messages").get(0).get("role").asText());
        assertEquals("Delete task #4.", first.conversation().textOf("user"));
        assertEquals(301, candidates.stream().mapToLong(c -> c.lineage().outputTokens()).sum());
        assertEquals(1000, candidates.stream().mapToLong(c -> c.lineage().inputTokens()).sum());
        assertEquals(0.0003, candidates.stream().mapToDouble(c -> c.lineage().costUsd()).sum(), 1e-12);
        assertEquals(prompt.seedsUsed(), first.lineage().seedsUsed());
    }

    /** Of several system prompts, a call's examples all carry the one its prompt stated, whatever their sequence. */
    @Test
    void aCallsExamplesCarryTheSystemPromptItsPromptStated() throws Exception {
        JobSpec spec = JobSpecs.load(Path.of("../examples/task-api/job.yaml")).toBuilder().systemPrompt(null)
                .systemPrompts(List.of("You manage tasks.", "You are a terse to-do bot.", "Answer in one line."))
                .build();
        List<Conversation> examples = List.of(
                new Conversation(List.of(ChatTurn.of("user", "Delete task #4."), ChatTurn.of("assistant", "Done."))),
                new Conversation(List.of(ChatTurn.of("user", "Delete task #5."), ChatTurn.of("assistant", "Done."))));
        for (long call = 7; call < 10; call++) {
            GenerationPrompt prompt = PromptBuilder.build(spec, call, 2);
            String stated = spec.systemPrompts().get((int) (call % 3));
            assertTrue(prompt.user().contains("<system_prompt>\n" + stated + "\n</system_prompt>"), prompt.user());
            for (Candidate candidate : CandidateFactory.candidates("job-abc", spec, 40 + call, examples,
                    new CandidateFactory.TeacherCall("gpt-4o-mini", prompt, 100, 30, 0.0001))) {
                assertEquals(stated, candidate.example().at("/messages/0/content").asText(), "call " + call);
            }
        }
    }

    /** Seeds trained on their final reply only (earlier replies at weight 0) give the examples the same weights. */
    @Test
    void examplesTakeTheSeedsReplyWeights() {
        JobSpec spec = JobSpecs.parse("""
                task: Answer grammar questions
                format: openai
                target: 4
                seeds:
                  - messages:
                      - {role: user, content: "whom?"}
                      - {role: assistant, content: "An object.", weight: 0}
                      - {role: user, content: "Example?"}
                      - {role: assistant, content: "To whom did you send it?", weight: 1}
                """, null);
        List<Conversation> examples = List.of(new Conversation(List.of(ChatTurn.of("user", "fewer?"),
                ChatTurn.of("assistant", "Fewer."), ChatTurn.of("user", "Why?"),
                ChatTurn.of("assistant", "People are countable."))));
        Candidate candidate = CandidateFactory.candidates("job-w", spec, 0, examples,
                new CandidateFactory.TeacherCall("gpt-4o-mini", PromptBuilder.build(spec, 1, 1), 100, 30, 0.0001))
                .get(0);
        assertEquals(0, candidate.example().at("/messages/1/weight").asInt(-1), candidate.example().toString());
        assertEquals(1, candidate.example().at("/messages/3/weight").asInt(-1), candidate.example().toString());
    }

    @Test
    void gpt4oMiniPrices() {
        assertEquals(0.15 + 0.60, PriceTable.GPT_4O_MINI.cost(1_000_000, 0, 1_000_000), 1e-12);
        assertEquals(0.075, PriceTable.GPT_4O_MINI.cost(1_000_000, 1_000_000, 0), 1e-12);
    }
}
