package dev.seedforge.generator.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobSpecs;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.Plan;
import dev.seedforge.contracts.PlanCell;
import dev.seedforge.generator.TestGeneratorConfigs;
import dev.seedforge.generator.domain.CostEstimator;
import dev.seedforge.generator.domain.PlanBuilder;
import dev.seedforge.generator.domain.SpecChanges;
import dev.seedforge.generator.persistence.JobState;

/**
 * A resume may change a job's seeds: the seeds' length, which sizes each call's reservation of the rate limit's tokens
 * and its estimate, is measured again, so longer seeds are not under-reserved and under-estimated.
 */
class ResumedSeedsTest {

    private static final JobSpec SPEC = JobSpecs.parse("""
            task: Answer billing questions
            format: openai
            target: 40
            examples_per_call: 5
            axes:
              topic: [refund, invoice]
            complexity: {simple: 1}
            seeds:
              - messages:
                  - {role: user, content: "Where is my invoice?"}
                  - {role: assistant, content: "It is under Billing, Invoices."}
            """, null);

    private static JobState job(JobSpec spec) {
        List<PlanCell> cells = PlanBuilder.cells(SPEC);
        return new JobState("job-1", null, JobStatus.GENERATING, null, spec, new Plan(cells, List.of(), null), null,
                20, 4, 0, 0, 0, 0, Instant.now(), Instant.now(), null, 0, null);
    }

    @Test
    void longerSeedsOnAResumeRaiseTheSeedLengthAndTheEstimate() throws Exception {
        TeacherCalls calls = new TeacherCalls(null, null, TestGeneratorConfigs.of(4, 200, 0, 0, Duration.ZERO));
        JobState before = job(SPEC);
        PlanCell cell = before.plan().cells().get(0);
        double seedTokensBefore = calls.seedTokens(before);
        double estimateBefore = calls.estimate(before, cell, 5);

        String longAnswer = "Open Billing, then Invoices; each month's invoice is there as a PDF. ".repeat(12);
        JobSpec resumed = SpecChanges.apply(SPEC, Json.MAPPER.readTree("""
                {"seeds": [{"messages": [{"role": "user", "content": "Where is my invoice?"},
                                        {"role": "assistant", "content": "%s"}]}]}
                """.formatted(longAnswer)));
        JobState after = job(resumed);

        assertEquals(CostEstimator.seedTokensPerTurn(resumed.seeds(), resumed.format()), calls.seedTokens(after),
                1e-9);
        assertTrue(calls.seedTokens(after) > seedTokensBefore * 3,
                calls.seedTokens(after) + " tokens after against " + seedTokensBefore);
        assertTrue(calls.estimate(after, cell, 5) > estimateBefore,
                calls.estimate(after, cell, 5) + " USD after against " + estimateBefore);
        assertEquals(seedTokensBefore, calls.seedTokens(before), 1e-9, "the old seeds measure as before");
    }
}
