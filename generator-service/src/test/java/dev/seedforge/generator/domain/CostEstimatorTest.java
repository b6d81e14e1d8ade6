package dev.seedforge.generator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.CostEstimate;
import dev.seedforge.contracts.FieldError;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobSpecs;
import dev.seedforge.contracts.PlanCell;
import dev.seedforge.contracts.PreferenceSpec;
import dev.seedforge.contracts.ReasoningSpec;
import dev.seedforge.contracts.tokens.PriceTable;
import dev.seedforge.contracts.tokens.TokenCounter;

class CostEstimatorTest {

    @Test
    void estimatesFromTheRealPromptsTokens() throws Exception {
        JobSpec spec = JobSpecs.load(Path.of("../examples/task-api/job.yaml"));
        List<PlanCell> cells = PlanBuilder.cells(spec);
        CostEstimate estimate = CostEstimator.estimate(spec, cells, PriceTable.GPT_4O_MINI, 0.8);
        long expectedCalls = cells.stream().mapToLong(c -> {
            long candidates = (long) Math.ceil(c.quota() / 0.8);
            return (candidates + spec.examplesPerCall() - 1) / spec.examplesPerCall();
        }).sum();
        assertEquals(expectedCalls, estimate.teacherCalls());
        GenerationPrompt first = PromptBuilder.build(spec, cells.get(0), 1, 5, null);
        int promptTokens = TokenCounter.o200k().countPrompt(first.system(), first.user());
        assertTrue(promptTokens > 300 && promptTokens < 3000, "prompt tokens " + promptTokens);
        assertTrue(estimate.inputTokens() > expectedCalls * 300, estimate.toString());
        assertEquals(PriceTable.GPT_4O_MINI.cost(estimate.inputTokens(), 0, estimate.outputTokens()),
                estimate.teacherUsd(), 1e-12);
        assertEquals(estimate.teacherUsd() + estimate.judgeUsd(), estimate.totalUsd(), 1e-12);
        assertTrue(estimate.judgeCalls() > 0);
    }

    /** A budget below the estimate is said before approval, with about what it buys; one that fits is not. */
    @Test
    void aBudgetBelowTheEstimateIsWarnedOfWithWhatItBuys() throws Exception {
        JobSpec spec = JobSpecs.load(Path.of("../examples/task-api/job.yaml"));
        CostEstimate estimate = CostEstimator.estimate(spec, PlanBuilder.cells(spec), PriceTable.GPT_4O_MINI, 0.8);
        double quarter = estimate.totalUsd() / 4;
        FieldError warning = CostEstimator.budgetWarning(spec.toBuilder().budgetUsd(quarter).build(), estimate);
        assertEquals("budget_usd", warning.field());
        assertTrue(warning.message().contains("at about " + spec.target() / 4 + " of its " + spec.target()
                + " examples"), warning.message());
        assertNull(CostEstimator.budgetWarning(spec.toBuilder().budgetUsd(estimate.totalUsd()).build(), estimate));
        assertNull(CostEstimator.budgetWarning(spec.toBuilder().budgetUsd(null).build(), estimate));
    }

    @Test
    void aPilotCallThatWritesLongerExamplesThanTheSeedsRaisesTheEstimate() throws Exception {
        JobSpec spec = JobSpecs.load(Path.of("../examples/task-api/job.yaml"));
        List<PlanCell> cells = PlanBuilder.cells(spec);
        CostEstimator.Rates rates = new CostEstimator.Rates(0.8, 0.125, "test");
        GenerationPrompt pilot = PromptBuilder.build(spec, cells.get(0), 1, 5, null);
        double seedTokens = CostEstimator.seedTokensPerTurn(spec.seeds(), spec.format());
        int counted = TokenCounter.o200k().countPrompt(pilot.system(), pilot.user());
        // the provider counted 10% more prompt tokens, and the teacher wrote twice the seeds' length per example
        CostEstimator.Calibration calibration = CostEstimator.Calibration.fromPilot(pilot, 1, seedTokens,
                Math.round(counted * 1.1), Math.round(5 * seedTokens * 2), 5);
        assertEquals(1.1, calibration.inputScale(), 0.01);
        assertEquals(2.0, calibration.outputScale(), 0.01);

        CostEstimate plain = CostEstimator.estimate(spec, cells, PriceTable.GPT_4O_MINI, rates);
        CostEstimate measured = CostEstimator.estimate(spec, cells, PriceTable.GPT_4O_MINI, rates, calibration);
        assertEquals(plain.outputTokens() * 2.0, measured.outputTokens(), cells.size());
        // each cell rounds up, and the pilot's count is a whole number of tokens: its scale is 1.1 within 0.5 / counted
        assertEquals(plain.inputTokens() * 1.1, measured.inputTokens(),
                cells.size() + plain.inputTokens() * 0.5 / counted);
        assertTrue(measured.judgeUsd() > plain.judgeUsd(), "the judge reads the longer examples too");
        assertEquals(plain.candidates(), measured.candidates());
        assertTrue(measured.method().contains("pilot call: 5 examples"), measured.method());
    }

    @Test
    void pilotsOfSeveralComplexityLevelsScaleEachLevelByItsOwnAndTheOthersByAll() throws Exception {
        JobSpec spec = JobSpecs.load(Path.of("../examples/task-api/job.yaml"));
        List<PlanCell> cells = PlanBuilder.cells(spec);
        CostEstimator.Rates rates = new CostEstimator.Rates(0.8, 0.125, "test");
        double seedTokens = CostEstimator.seedTokensPerTurn(spec.seeds(), spec.format());
        PlanCell simple = cells.stream().filter(c -> "simple".equals(c.complexity())).findFirst().orElseThrow();
        PlanCell edge = cells.stream().filter(c -> "edge_case".equals(c.complexity())).findFirst().orElseThrow();
        GenerationPrompt simplePrompt = PromptBuilder.build(spec, simple, 1, 5, null);
        GenerationPrompt edgePrompt = PromptBuilder.build(spec, edge, 2, 5, null);
        long simpleCounted = TokenCounter.o200k().countPrompt(simplePrompt.system(), simplePrompt.user());
        long edgeCounted = TokenCounter.o200k().countPrompt(edgePrompt.system(), edgePrompt.user());
        // simple examples as long as the seeds, edge cases three times as long
        CostEstimator.Calibration calibration = CostEstimator.Calibration.fromPilots(List.of(
                new CostEstimator.Calibration.Pilot("simple", 1, simplePrompt, simpleCounted,
                        Math.round(5 * seedTokens), 5),
                new CostEstimator.Calibration.Pilot("edge_case", 1, edgePrompt, edgeCounted,
                        Math.round(5 * seedTokens * 3), 5)),
                seedTokens);
        assertEquals(1.0, calibration.outputScale("simple"), 0.01);
        assertEquals(3.0, calibration.outputScale("edge_case"), 0.01);
        assertEquals(2.0, calibration.outputScale("moderate"), 0.01, "a level not piloted takes all pilots' scale");
        assertEquals(1.0, calibration.inputScale(), 0.01);
        assertTrue(calibration.note().startsWith("pilot calls: 10 examples"), calibration.note());
        assertTrue(calibration.note().contains("simple 5 at") && calibration.note().contains("edge_case 5 at"),
                calibration.note());

        CostEstimate plain = CostEstimator.estimate(spec, cells, PriceTable.GPT_4O_MINI, rates);
        CostEstimate measured = CostEstimator.estimate(spec, cells, PriceTable.GPT_4O_MINI, rates, calibration);
        double expected = 0;
        for (PlanCell cell : cells) {
            long candidates = (long) Math.ceil(cell.quota() / rates.yield());
            expected += Math.ceil(candidates * PromptBuilder.averageTurns(spec, cell) * seedTokens
                    * calibration.outputScale(cell.complexity()));
        }
        assertEquals(expected, measured.outputTokens(), 0.5);
        assertTrue(measured.outputTokens() > plain.outputTokens() * 1.2, measured + " vs " + plain);
    }

    /**
     * A job that asks for reasoning traces, or for preference pairs, has the teacher write more than the seeds' turns:
     * without pilot calls (an auto-approved job) its estimate counts that too, and pilots are set against it.
     */
    @Test
    void aReasoningTraceAndARejectedAnswerAreCountedBeyondTheSeedsTurns() throws Exception {
        JobSpec spec = JobSpecs.load(Path.of("../examples/task-api/job.yaml"));
        List<PlanCell> cells = PlanBuilder.cells(spec);
        CostEstimator.Rates rates = new CostEstimator.Rates(1.0, 0, "test");
        assertEquals(0, CostEstimator.extraTokensPerExample(spec));
        CostEstimate plain = CostEstimator.estimate(spec, cells, PriceTable.GPT_4O_MINI, rates);

        JobSpec traced = spec.toBuilder().reasoning(new ReasoningSpec(true, 400, null, null)).build();
        assertEquals(200, CostEstimator.extraTokensPerExample(traced), 1e-9, "half the trace budget");
        CostEstimate withTraces = CostEstimator.estimate(traced, cells, PriceTable.GPT_4O_MINI, rates);
        assertEquals(plain.outputTokens() + 200 * plain.candidates(), withTraces.outputTokens(), cells.size());

        // seeds that carry their own traces are already as long as what the teacher writes
        List<Conversation> seedsWithTraces = spec.seeds().stream().map(seed -> {
            List<ChatTurn> turns = new java.util.ArrayList<>(seed.messages());
            int last = turns.size() - 1;
            turns.set(last, turns.get(last).withReasoning("The request names an existing task, so update it."));
            return new Conversation(turns);
        }).toList();
        assertEquals(0, CostEstimator.extraTokensPerExample(traced.toBuilder().seeds(seedsWithTraces).build()));

        JobSpec pairs = spec.toBuilder().taskType(PreferenceSpec.TASK_TYPE).build();
        double answers = spec.seeds().stream().mapToDouble(seed -> TokenCounter.o200k()
                .count(seed.messages().get(seed.messages().size() - 1))).average().orElseThrow();
        assertEquals(answers, CostEstimator.extraTokensPerExample(pairs), 1e-9, "a rejected answer per example");

        // a pilot that wrote exactly the seeds' turns and a trace of half the budget changes nothing
        double seedTokens = CostEstimator.seedTokensPerTurn(spec.seeds(), spec.format());
        GenerationPrompt pilot = PromptBuilder.build(traced, cells.get(0), 1, 5, null);
        CostEstimator.Calibration calibration = CostEstimator.Calibration.fromPilots(List.of(
                new CostEstimator.Calibration.Pilot(null, 1, pilot, 1000, Math.round(5 * (seedTokens + 200)), 5)),
                seedTokens, CostEstimator.extraTokensPerExample(traced));
        assertEquals(1.0, calibration.outputScale(), 0.01);
    }

    @Test
    void aPilotIsHeldWithinReasonAndOneThatKeptNothingChangesNothing() throws Exception {
        JobSpec spec = JobSpecs.load(Path.of("../examples/task-api/job.yaml"));
        GenerationPrompt pilot = PromptBuilder.build(spec, PlanBuilder.cells(spec).get(0), 1, 5, null);
        CostEstimator.Calibration absurd = CostEstimator.Calibration.fromPilot(pilot, 1, 40, 1_000_000, 1_000_000, 1);
        assertEquals(CostEstimator.Calibration.MAX_SCALE, absurd.inputScale());
        assertEquals(CostEstimator.Calibration.MAX_SCALE, absurd.outputScale());
        CostEstimator.Calibration empty = CostEstimator.Calibration.fromPilot(pilot, 1, 40, 900, 12, 0);
        assertEquals(1, empty.inputScale());
        assertEquals(1, empty.outputScale());
    }

    @Test
    void everyJudgeCallCountsTheTaskTheToolsAndTheSharedSystemPrompt() throws Exception {
        JobSpec spec = JobSpecs.load(Path.of("../examples/analytics-tools/job.yaml"));
        long context = CostEstimator.judgeContextTokens(spec);
        long task = TokenCounter.o200k().count(spec.task());
        assertTrue(!spec.tools().isEmpty() && context > task + 50, "tools counted: " + context + " vs " + task);
        JobSpec withoutTools = spec.toBuilder().tools(List.of()).build();
        assertTrue(CostEstimator.judgeContextTokens(withoutTools) < context);
    }

    @Test
    void theEstimateCountsTheCandidatesTheExpectedJudgeAndDuplicateRatesRequire() throws Exception {
        JobSpec spec = JobSpecs.load(Path.of("../examples/task-api/job.yaml"));
        List<PlanCell> cells = PlanBuilder.cells(spec);
        CostEstimator.Rates rates = new CostEstimator.Rates(0.8, 0.125, "test");
        CostEstimate estimate = CostEstimator.estimate(spec, cells, PriceTable.GPT_4O_MINI, rates);
        assertEquals(0.7, estimate.expectedYield(), 1e-9);
        assertEquals(0.8, estimate.judgePassRate(), 1e-9);
        assertEquals(0.125, estimate.duplicateRate(), 1e-9);
        long candidates = cells.stream().mapToLong(c -> (long) Math.ceil(c.quota() / 0.7)).sum();
        assertEquals(candidates, estimate.candidates());
        CostEstimate optimistic = CostEstimator.estimate(spec, cells, PriceTable.GPT_4O_MINI,
                new CostEstimator.Rates(1.0, 0, "test"));
        assertTrue(estimate.totalUsd() > optimistic.totalUsd() * 1.2, estimate + " vs " + optimistic);
        JobSpec unjudged = spec.toBuilder().judge(new dev.seedforge.contracts.JudgeSpec(false, null, null, null))
                .build();
        CostEstimate withoutJudge = CostEstimator.estimate(unjudged, cells, PriceTable.GPT_4O_MINI, rates);
        assertEquals(0.875, withoutJudge.expectedYield(), 1e-9, "nothing is rejected by a judge that is off");
        assertEquals(0, withoutJudge.judgeUsd());
    }

    @Test
    void aBatchJudgeIsPricedAtItsOwnPricesWhateverTheTeacherPays() throws Exception {
        JobSpec spec = JobSpecs.load(Path.of("../examples/task-api/job.yaml"));
        List<PlanCell> cells = PlanBuilder.cells(spec);
        CostEstimator.Rates rates = new CostEstimator.Rates(0.8, 0.1, "test");
        CostEstimate realtime = CostEstimator.estimate(spec, cells, PriceTable.GPT_4O_MINI, rates);
        CostEstimate batchJudge = CostEstimator.estimate(spec, cells, PriceTable.GPT_4O_MINI,
                PriceTable.GPT_4O_MINI.times(0.5), rates, CostEstimator.Calibration.NONE);
        assertTrue(realtime.judgeUsd() > 0);
        assertEquals(realtime.judgeUsd() / 2, batchJudge.judgeUsd(), 1e-12, "the judge at half price");
        assertEquals(realtime.teacherUsd(), batchJudge.teacherUsd(), 1e-12, "the teacher at its own");
        assertEquals(realtime.judgeCalls(), batchJudge.judgeCalls());
    }

    @Test
    void anExampleCountsAsTheTeacherWritesItToolCallsAndResultsIncluded() throws Exception {
        JobSpec spec = JobSpecs.load(Path.of("../examples/analytics-tools/job.yaml"));
        double perExample = CostEstimator.seedTokensPerTurn(spec.seeds(), spec.format());
        double contentOnly = spec.seeds().stream().flatMap(s -> s.messages().stream())
                .mapToInt(t -> TokenCounter.o200k().count(t.content())).sum() / (double) spec.seeds().size();
        assertTrue(perExample > contentOnly * 1.3,
                "the calls' names and arguments count as the teacher writes them: " + perExample + " vs " + contentOnly);
        double records = spec.seeds().stream()
                .mapToInt(s -> TokenCounter.o200k().count(spec.format().forPrompt(s).toString())).sum()
                / (double) spec.seeds().size();
        assertEquals(records + CostEstimator.SEPARATOR_TOKENS, perExample, 1e-9);
    }

    /**
     * A conversation's length is its turns': a job of two-turn seeds asked for two to eight turns expects five turns'
     * worth per example (each call's turns in turn), not two seeds' worth whatever the limit.
     */
    @Test
    void aMultiTurnExampleIsExpectedAsLongAsItsTurns() throws Exception {
        String spec = """
                task: A Spanish tutor holding practice dialogues
                format: sharegpt
                target: 60
                multi_turn: {share: 1.0, max_turns: MAX}
                seeds:
                  - conversations:
                      - {from: human, value: "Hola, yo soy Ana. Yo tengo 20 años y vivo en Madrid."}
                      - {from: gpt, value: "¡Hola Ana! Muy bien. ¿Qué te gusta hacer en Madrid?"}
                      - {from: human, value: "Me gusta ir al parque y leo libros."}
                      - {from: gpt, value: "¡Qué bien! Pequeña corrección: me gusta ir al parque y leer libros."}
                """;
        JobSpec two = JobSpecs.parse(spec.replace("MAX", "2"), null);
        JobSpec eight = JobSpecs.parse(spec.replace("MAX", "8"), null);
        CostEstimator.Rates rates = new CostEstimator.Rates(1.0, 0, "test");
        CostEstimate shorter = CostEstimator.estimate(two, PlanBuilder.cells(two), PriceTable.GPT_4O_MINI, rates);
        CostEstimate longer = CostEstimator.estimate(eight, PlanBuilder.cells(eight), PriceTable.GPT_4O_MINI, rates);
        double seed = TokenCounter.o200k().count(two.format().forPrompt(two.seeds().get(0)).toString())
                + CostEstimator.SEPARATOR_TOKENS;
        assertEquals(60 * seed, shorter.outputTokens(), 60, "two turns of two-turn seeds: a seed's length each");
        assertEquals(2.5, longer.outputTokens() / (double) shorter.outputTokens(), 0.02, longer + " vs " + shorter);
    }

    /** A cap of as many candidates as examples leaves no room for duplicates and rejections: said in the plan. */
    @Test
    void aCandidateCapBelowWhatTheTargetNeedsIsWarnedOf() throws Exception {
        JobSpec spec = JobSpecs.load(Path.of("../examples/task-api/job.yaml")).toBuilder().maxCandidates(30).target(30)
                .build();
        CostEstimator.Rates rates = new CostEstimator.Rates(0.8, 0.125, "test");
        CostEstimate estimate = CostEstimator.estimate(spec, PlanBuilder.cells(spec), PriceTable.GPT_4O_MINI, rates);
        FieldError warning = CostEstimator.candidateCapWarning(spec, estimate);
        assertEquals("max_candidates", warning.field());
        assertTrue(warning.message().startsWith("30 is below the about " + estimate.candidates() + " candidates the"
                + " target of 30 needs at the expected yield of "), warning.message());
        assertNull(CostEstimator.candidateCapWarning(spec.toBuilder().maxCandidates(120).build(), estimate));
    }

    @Test
    void promptsAreCountedWithTheLeversTheSpecSwitchesOn() throws Exception {
        JobSpec spec = JobSpecs.load(Path.of("../examples/task-api/job.yaml"));
        List<PlanCell> cells = PlanBuilder.cells(spec);
        JobSpec leversOff = spec.toBuilder().diversity(new dev.seedforge.contracts.DiversitySpec(false, false, false,
                null, null, null)).build();
        CostEstimator.Rates rates = new CostEstimator.Rates(0.8, 0.125, "test");
        assertTrue(CostEstimator.estimate(spec, cells, PriceTable.GPT_4O_MINI, rates).inputTokens() > CostEstimator
                .estimate(leversOff, cells, PriceTable.GPT_4O_MINI, rates).inputTokens());
    }

    @Test
    void aCallIsHeldAtTheJobsMeasuredCostPerCandidateWhenItsEstimateIsLess() {
        assertEquals(0.002, CostEstimator.callCommitment(0.002, 10, 0, 0), 1e-12, "nothing measured yet");
        // answered calls cost $0.05 for 100 candidates: $0.0005 each, a call of 10 $0.005, above its estimate
        assertEquals(0.005, CostEstimator.callCommitment(0.002, 10, 0.05, 100), 1e-12);
        assertEquals(0.0015, CostEstimator.callCommitment(0.0006, 3, 0.05, 100), 1e-12);
        // a teacher cheaper than its estimate is still held at the estimate
        assertEquals(0.002, CostEstimator.callCommitment(0.002, 10, 0.01, 100), 1e-12);
    }

    @Test
    void cachedInputTokensArePricedAtTheCachedRate() {
        // 2,000 input tokens of which 1,024 served from the provider's prompt cache, 300 output
        double cost = PriceTable.GPT_4O_MINI.cost(2_000, 1_024, 300);
        assertEquals((976 * 0.15 + 1_024 * 0.075 + 300 * 0.60) / 1_000_000, cost, 1e-15);
        assertTrue(cost < PriceTable.GPT_4O_MINI.cost(2_000, 0, 300));
    }

    @Test
    void tokenCountsAreO200kBase() {
        assertEquals(2, TokenCounter.o200k().count("hello world"));
        assertEquals(0, TokenCounter.o200k().count((String) null));
    }
}
