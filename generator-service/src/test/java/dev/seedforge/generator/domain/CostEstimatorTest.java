package dev.seedforge.generator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.CostEstimate;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobSpecs;
import dev.seedforge.contracts.PlanCell;

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
        int promptTokens = TokenCounter.promptTokens(first);
        assertTrue(promptTokens > 300 && promptTokens < 3000, "prompt tokens " + promptTokens);
        assertTrue(estimate.inputTokens() > expectedCalls * 300, estimate.toString());
        assertEquals(PriceTable.GPT_4O_MINI.cost(estimate.inputTokens(), 0, estimate.outputTokens()),
                estimate.teacherUsd(), 1e-12);
        assertEquals(estimate.teacherUsd() + estimate.judgeUsd(), estimate.totalUsd(), 1e-12);
        assertTrue(estimate.judgeCalls() > 0);
    }

    @Test
    void tokenCountsAreO200kBase() {
        assertEquals(2, TokenCounter.count("hello world"));
        assertEquals(0, TokenCounter.count(null));
    }
}
