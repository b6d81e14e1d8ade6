package dev.seedforge.generator.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.CostEstimate;
import dev.seedforge.contracts.JobProgress;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobSpecs;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.Plan;
import dev.seedforge.contracts.PlanCell;
import dev.seedforge.generator.TestGeneratorConfigs;
import dev.seedforge.generator.config.GeneratorConfig;
import dev.seedforge.generator.domain.NextCalls;
import dev.seedforge.generator.domain.PlanBuilder;
import dev.seedforge.generator.persistence.JobState;
import dev.seedforge.generator.persistence.JobStore;

/** Calls still out count as emitted, committed and holding a slot: a pass made while they run must not ask again. */
class SituationsTest {

    private static final JobSpec SPEC = JobSpecs.parse("""
            task: Manage tasks
            format: openai
            target: 40
            max_candidates: 400
            examples_per_call: 10
            axes:
              operation: [create, delete]
            complexity: {simple: 1}
            seeds:
              - messages:
                  - {role: user, content: "Delete task #3."}
                  - {role: assistant, content: "Deleted task #3: 'Water plants'"}
            """, null);

    private static final GeneratorConfig CONFIG = TestGeneratorConfigs.of(6, 200, 0, 0, Duration.ZERO);

    private static JobState job(long emitted, double spent) {
        List<PlanCell> cells = PlanBuilder.cells(SPEC);
        return new JobState("job-1", null, JobStatus.GENERATING, null, SPEC, new Plan(cells, List.of(), null), null,
                emitted, 3, 0, 0, 0, spent, Instant.now(), Instant.now(), null, 0, null);
    }

    private static NextCalls.Cell cell(NextCalls.Situation situation, String operation) {
        return situation.cells().stream().filter(c -> operation.equals(c.plan().axes().get("operation"))).findFirst()
                .orElseThrow();
    }

    @Test
    void callsStillOutCountAsEmittedCommittedAndHoldingSlots() {
        String create = PlanBuilder.cells(SPEC).stream().filter(c -> "create".equals(c.axes().get("operation")))
                .findFirst().orElseThrow().id();
        List<JobStore.PendingCall> pending = List.of(new JobStore.PendingCall(4, create, 10, null, null),
                new JobStore.PendingCall(5, create, 6, null, null));
        NextCalls.Situation situation = Situations.of(job(10, 0.5), Map.of(create, 10L), pending, 0.25, 1, CONFIG);

        assertEquals(26, cell(situation, "create").emitted(), "10 booked and 16 asked for");
        assertEquals(0, cell(situation, "delete").emitted());
        assertEquals(4, situation.freeSlots(), "6 slots, 2 held by the calls out");
        assertEquals(0.75, situation.spentUsd(), 1e-9, "spent 0.50 and 0.25 estimated for the calls out");
        assertEquals(0, situation.maxInFlight(), "a job alone is not capped");

        NextCalls.Situation crowded = Situations.of(job(10, 0.5), Map.of(create, 10L), List.of(), 0, 3, CONFIG);
        assertEquals(10, cell(crowded, "create").emitted());
        assertEquals(6, crowded.freeSlots());
        assertEquals(67, crowded.maxInFlight(), "three jobs generate: the configured 200 shared out, rounded up");
    }

    @Test
    void theJudgesCostIsSpentAsCountedOnceItsVerdictsAreInAndAtItsEstimateUntilThen() {
        // by the plan, 10 calls of 10 examples and $0.10 of judging: $0.001 a candidate
        CostEstimate estimate = new CostEstimate(10, 0, 0, 10, 0.2, 0.1, 0.3, "test");
        List<PlanCell> cells = PlanBuilder.cells(SPEC);
        JobProgress judgedDear = JobProgress.of("job-1", Map.of(), 25, 3, 2, 0.3, 0.09, Instant.now());
        JobState job = new JobState("job-1", null, JobStatus.GENERATING, null, SPEC,
                new Plan(cells, List.of(), estimate), judgedDear, 50, 5, 0, 0, 0, 0.5, Instant.now(), Instant.now(),
                null, 0, null);

        NextCalls.Situation situation = Situations.of(job, Map.of(), List.of(), 0, 1, CONFIG);

        assertEquals(0.5 + 0.09 + 20 * 0.001, situation.spentUsd(), 1e-9,
                "the teacher's $0.50, the judge's $0.09 for the 30 decided, $0.001 for each of the 20 undecided");

        JobState beforeAnyVerdict = new JobState("job-1", null, JobStatus.GENERATING, null, SPEC,
                new Plan(cells, List.of(), estimate), null, 50, 5, 0, 0, 0, 0.5, Instant.now(), Instant.now(), null,
                0, null);
        assertEquals(0.5 + 50 * 0.001, Situations.of(beforeAnyVerdict, Map.of(), List.of(), 0, 1, CONFIG).spentUsd(),
                1e-9);
    }

    /** A budgeted job's first wave was committed at the estimate alone: one call goes until one is answered. */
    @Test
    void aBudgetedJobHasOneCallSlotUntilACallOfItIsAnswered() {
        JobSpec budgeted = JobSpecs.parse("""
                task: Manage tasks
                format: openai
                target: 40
                budget_usd: 1.0
                seeds:
                  - messages:
                      - {role: user, content: "Delete task #3."}
                      - {role: assistant, content: "Deleted task #3: 'Water plants'"}
                """, null);
        List<PlanCell> cells = PlanBuilder.cells(budgeted);
        String cell = cells.get(0).id();
        java.util.function.LongFunction<JobState> afterCalls = calls -> new JobState("job-2", null,
                JobStatus.GENERATING, null, budgeted, new Plan(cells, List.of(), null), null, 0, calls, 0, 0, 0, 0,
                Instant.now(), Instant.now(), null, 0, null);
        List<JobStore.PendingCall> oneOut = List.of(new JobStore.PendingCall(1, cell, 10, null, null));

        assertEquals(1, Situations.of(afterCalls.apply(0), Map.of(), List.of(), 0, 1, CONFIG).freeSlots());
        assertEquals(0, Situations.of(afterCalls.apply(1), Map.of(), oneOut, 0, 1, CONFIG).freeSlots(),
                "the first call is out, not answered");
        assertEquals(6, Situations.of(afterCalls.apply(1), Map.of(), List.of(), 0, 1, CONFIG).freeSlots(),
                "answered: every slot");
        assertEquals(5, Situations.of(afterCalls.apply(2), Map.of(), oneOut, 0, 1, CONFIG).freeSlots());
        assertEquals(6, Situations.of(job(0, 0), Map.of(), List.of(), 0, 1, CONFIG).freeSlots(), "no budget");
    }
}
