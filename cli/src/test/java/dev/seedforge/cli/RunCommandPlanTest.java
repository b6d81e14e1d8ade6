package dev.seedforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.CostEstimate;
import dev.seedforge.contracts.FieldError;
import dev.seedforge.contracts.Plan;
import dev.seedforge.contracts.PlanCell;

/** What `seedforge run` prints of a plan before the job generates: a warning is not lost among the cells. */
class RunCommandPlanTest {

    @Test
    void thePlansWarningsArePrintedAfterItsCells() {
        Plan plan = new Plan(List.of(new PlanCell("complexity=simple", Map.of(), "simple", false, 5)), List.of(),
                new CostEstimate(2, 3000, 500, 1, 0.001, 0.0002, 0.0012, "test prices"),
                List.of(new FieldError("seeds[2]", "breaks the job's rules, so its imitations would be rejected: x"),
                        new FieldError("seeds", "1 of 3 seeds break the job's rules and are not shown to the teacher")),
                List.of(2));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RunCommand.printPlan(plan, new PrintStream(out, true, StandardCharsets.UTF_8));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.get(0).startsWith("Plan: 1 cell, 5 examples; about 2 teacher calls (3,000 input and 500 output"
                + " tokens) and 1 judge call: estimated $0.0012"), lines.toString());
        assertEquals(List.of("warning: seeds[2]: breaks the job's rules, so its imitations would be rejected: x",
                "warning: seeds: 1 of 3 seeds break the job's rules and are not shown to the teacher"),
                lines.subList(lines.size() - 2, lines.size()));
    }
}
