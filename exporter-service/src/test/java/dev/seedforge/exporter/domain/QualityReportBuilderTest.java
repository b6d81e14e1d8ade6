package dev.seedforge.exporter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.PlanCell;
import dev.seedforge.contracts.tokens.TokenCounter;

class QualityReportBuilderTest {

    private final QualityReportBuilder builder = new QualityReportBuilder(TokenCounter.o200k(),
            QualityGate.defaults());
    private final ExportJob job = new ExportJob("job-1", "tasks", ExampleFormat.OPENAI, 4, 0.25, 7, 9);

    private final List<Outcome> outcomes = List.of(TestOutcomes.accepted(1), TestOutcomes.accepted(2),
            TestOutcomes.accepted(3), TestOutcomes.accepted(4), TestOutcomes.accepted(5),
            TestOutcomes.rejected(6, "format", "judge_low_score"), TestOutcomes.rejected(7, "format"),
            TestOutcomes.duplicate(8, 1, "exact"), TestOutcomes.duplicate(9, 2, "minhash"));

    private QualityReport build(List<Outcome> all) {
        List<Outcome> exported = DatasetExporter.selectExported(all, job.target());
        DatasetSplitter.Split<Outcome> split = new DatasetSplitter().split(exported, job.validationRatio(),
                job.randomSeed());
        return builder.build(job, all, split.train(), split.validation(), List.of(), Instant.EPOCH);
    }

    @Test
    void countsAddUp() {
        QualityReport.Counts counts = build(outcomes).counts();
        assertEquals(9, counts.candidatesEmitted());
        assertEquals(9, counts.outcomes());
        assertEquals(counts.outcomes(), counts.accepted() + counts.rejected() + counts.duplicates());
        assertEquals(5, counts.accepted());
        assertEquals(2, counts.rejected());
        assertEquals(2, counts.duplicates());
        assertEquals(4, counts.exported());
        assertEquals(3, counts.train());
        assertEquals(1, counts.validation());
        assertEquals(1, counts.surplus());
        assertEquals(counts.accepted(), counts.train() + counts.validation() + counts.surplus());
    }

    @Test
    void reasonsDuplicatesAndRatio() {
        QualityReport report = build(outcomes);
        assertEquals(Map.of("format", 2L, "judge_low_score", 1L), report.rejectionReasons());
        assertEquals(Map.of("exact", 1L, "minhash", 1L), report.duplicatesByMethod());
        assertEquals(2.0 / 7.0, report.candidateDuplicateRatio(), 1e-12);
        assertEquals(0, report.exportedDuplicates().duplicates());
        assertTrue(report.gate().passed(), "generation waste alone does not fail the gate: "
                + report.gate().failures());
        assertEquals(1, report.gate().warnings().size(), report.gate().warnings().toString());
        assertTrue(report.gate().warnings().get(0).startsWith("generation_duplicates: 28.6%"),
                report.gate().warnings().get(0));
    }

    @Test
    void costCoversEveryOutcomeAndIsSharedByTheExported() {
        QualityReport.Cost cost = build(outcomes).cost();
        assertEquals(0.009, cost.generationUsd(), 1e-12);
        assertEquals(0.0045, cost.judgeUsd(), 1e-12);
        assertEquals(0.0135, cost.totalUsd(), 1e-12);
        assertEquals(0.0135 / 4, cost.perExportedExampleUsd(), 1e-12);
        assertEquals(null, cost.estimatedUsd(), "a job without a plan has no estimate to show");
    }

    @Test
    void theApprovedEstimateIsShownBesideTheActualCost() {
        ExportJob estimated = new ExportJob("job-1", "tasks", ExampleFormat.OPENAI, 4, 0.25, 7, 9, null, false, null,
                new dev.seedforge.contracts.CostEstimate(3, 3000, 1000, 1, 0.008, 0.002, 0.0108, "test"));
        List<Outcome> exported = DatasetExporter.selectExported(outcomes, estimated.target());
        DatasetSplitter.Split<Outcome> split = new DatasetSplitter().split(exported, 0.25, 7);
        QualityReport.Cost cost = builder.build(estimated, outcomes, split.train(), split.validation(), List.of(),
                Instant.EPOCH).cost();
        assertEquals(0.0108, cost.estimatedUsd(), 1e-12);
        assertEquals(0.0135 / 0.0108 - 1, cost.estimateError(), 1e-12, "actual 25% over the estimate");
    }

    @Test
    void tokensLengthsPromptsAndCellsDescribeTheExportedExamples() {
        List<Outcome> all = new ArrayList<>(outcomes.subList(0, 3));
        all.add(new Outcome("job-1-0010", "job-1", "listing", OutcomeStatus.ACCEPTED,
                TestOutcomes.multiTurnExample(10), List.of(), null, null, null, 0, 0));
        assertEquals(Map.of("all", 4L), build(all).cells(), "without a plan every example counts for the cell all");
        ExportJob planned = new ExportJob("job-1", "tasks", ExampleFormat.OPENAI, 4, 0.25, 7, 9,
                List.of(new PlanCell("all", Map.of("operation", "create"), "simple", false, 3),
                        new PlanCell("listing", Map.of("operation", "list"), "moderate", true, 1)),
                true, null);
        List<Outcome> exported = DatasetExporter.selectExported(planned, all);
        DatasetSplitter.Split<Outcome> split = new DatasetSplitter().split(exported, 0.25, 7);
        QualityReport report = builder.build(planned, all, split.train(), split.validation(), List.of(),
                Instant.EPOCH);
        assertEquals(Map.of("all", 3L, "listing", 1L), report.cells());
        assertEquals(new QualityReport.Planned(1, 1), report.plan().axes().get("operation").get("list"));
        assertEquals(new QualityReport.Planned(3, 3), report.plan().complexity().get("simple"));
        assertEquals(new QualityReport.Planned(1, 1), report.plan().multiTurn());
        assertEquals(4, report.tokens().perExample().count());
        assertEquals(3 * 3 + 4, report.tokens().perTurn().count());
        assertTrue(report.tokens().perExample().min() > 0);
        assertEquals(5, report.lengths().user().turns());
        assertEquals(5, report.lengths().assistant().turns());
        assertTrue(report.lengths().user().meanTokens() > 0);
        assertEquals(1, report.multiTurn().examples());
        assertEquals(0.25, report.multiTurn().share(), 1e-12);
        assertEquals(2, report.systemPrompts().size());
        assertEquals(TestOutcomes.SYSTEM, report.systemPrompts().get(0).prompt());
        assertEquals(3, report.systemPrompts().get(0).examples());
        assertNull(report.systemPrompts().get(1).prompt());
        assertTrue(report.gate().passed(), report.gate().failures().toString());
    }

    /** The turns are counted on several threads: what they add up to is each exported example counted on its own. */
    @Test
    void tokensOfManyExamplesAreEachExampleCountedAlone() throws Exception {
        List<Outcome> many = new ArrayList<>();
        for (int n = 1; n <= 400; n++) {
            many.add(n % 7 == 0 ? new Outcome(TestOutcomes.id(n), "job-1", "all", OutcomeStatus.ACCEPTED,
                    TestOutcomes.multiTurnExample(n), List.of(), null, null, null, 0, 0) : TestOutcomes.accepted(n));
        }
        ExportJob big = new ExportJob("job-1", "tasks", ExampleFormat.OPENAI, 400, 0.25, 7, 400);
        DatasetSplitter.Split<Outcome> split = new DatasetSplitter().split(many, 0.25, 7);
        QualityReport report = builder.build(big, many, split.train(), split.validation(), List.of(), Instant.EPOCH);
        long expected = 0;
        int expectedMax = 0;
        int turns = 0;
        for (Outcome example : many) {
            int tokens = 0;
            for (var turn : ExampleFormat.OPENAI.turns(dev.seedforge.contracts.Json.MAPPER.readTree(
                    example.exampleJson()))) {
                tokens += TokenCounter.o200k().count(turn);
                turns++;
            }
            expected += tokens;
            expectedMax = Math.max(expectedMax, tokens);
        }
        Statistics perExample = report.tokens().perExample();
        assertEquals(400, perExample.count());
        assertEquals(expected, perExample.mean() * perExample.count(), 1e-6);
        assertEquals(expectedMax, perExample.max());
        assertEquals(turns, report.tokens().perTurn().count());
        assertEquals(400 / 7, report.multiTurn().examples());
    }

    @Test
    void tooFewAcceptedExportsWhatThereIsAndFailsTheGate() {
        QualityReport report = build(List.of(TestOutcomes.accepted(1), TestOutcomes.rejected(2, "format")));
        assertEquals(1, report.counts().exported());
        assertEquals(0, report.counts().surplus());
        assertFalse(report.gate().passed());
        assertTrue(report.gate().failures().get(0).startsWith("min_count"));
    }
}
