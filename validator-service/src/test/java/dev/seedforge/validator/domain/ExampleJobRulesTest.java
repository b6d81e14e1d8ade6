package dev.seedforge.validator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobSpecs;
import dev.seedforge.contracts.Lineage;
import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.SchemaVersions;
import dev.seedforge.contracts.Verdict;

/** The example job's own rules accept every one of its hand-written seeds, and reject what they are meant to. */
class ExampleJobRulesTest {

    private static JobSpec exampleJob() throws IOException {
        return JobSpecs.load(Path.of("../examples/task-api/job.yaml"));
    }

    private static Candidate asCandidate(JobSpec spec, List<ChatTurn> turns) {
        return new Candidate(SchemaVersions.CURRENT, "c", "job", Candidate.DEFAULT_CELL, spec.format(),
                spec.format().render(turns), new Lineage("m", "h", List.of(0), 0.9, 1, 1, 0));
    }

    private static List<ChatTurn> withReply(List<ChatTurn> turns, String reply) {
        List<ChatTurn> changed = new ArrayList<>(turns.subList(0, turns.size() - 1));
        changed.add(ChatTurn.of(ChatTurn.ASSISTANT, reply));
        return changed;
    }

    @Test
    void everySeedPassesEveryCheapCheckAndRule() throws IOException {
        JobSpec spec = exampleJob();
        assertFalse(spec.rules().replyMustMatch().isEmpty(), "the example job should carry rules");
        CandidateValidator validator = CandidateValidator.forJob(spec);
        assertEquals(16, spec.seeds().size());
        List<String> failures = new ArrayList<>();
        for (Conversation seed : spec.seeds()) {
            Verdict verdict = validator.validate(asCandidate(spec, seed.messages()));
            if (!verdict.accepted()) {
                failures.add(seed.messages().getLast().content() + " -> " + verdict.reasons());
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void repliesOutsideTheApiFormatAreRejected() throws IOException {
        JobSpec spec = exampleJob();
        CandidateValidator validator = CandidateValidator.forJob(spec);
        List<ChatTurn> seed = spec.seeds().get(0).messages();
        Verdict chatty = validator.validate(asCandidate(spec, withReply(seed,
                "Sure! I created the task 'Review quarterly budget' for you.")));
        assertEquals(List.of(new Reason("reply_pattern", "the final reply (turn " + seed.size() + ") 'Sure! I created"
                + " the task 'Review quarterly budget' for you.' matches none of the 5 reply_must_match patterns")),
                chatty.reasons());
        Verdict badPriority = validator.validate(asCandidate(spec, withReply(seed,
                "Created task: 'Review quarterly budget' | Priority: urgent | Due: 2025-01-17 (Friday)")));
        assertEquals("reply_pattern", badPriority.reasons().get(0).code());
        Verdict banned = validator.validate(asCandidate(spec, withReply(seed,
                "Error: as an AI language model I cannot create tasks")));
        assertEquals(List.of(new Reason("banned_phrase", "turn " + seed.size()
                + " (assistant) contains the banned phrase 'as an ai language model'")), banned.reasons());
    }
}
