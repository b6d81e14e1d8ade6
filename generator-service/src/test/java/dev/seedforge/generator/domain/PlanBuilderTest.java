package dev.seedforge.generator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.InvalidJobSpecException;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobSpecs;
import dev.seedforge.contracts.PlanCell;

class PlanBuilderTest {

    private static JobSpec spec(int target, String extra) {
        return JobSpecs.parse("""
                task: Manage tasks
                format: openai
                target: %d
                seeds:
                  - messages:
                      - {role: user, content: "Delete task #3."}
                      - {role: assistant, content: "Deleted task #3: 'Water plants'"}
                %s
                """.formatted(target, extra), null);
    }

    private static int total(List<PlanCell> cells) {
        return cells.stream().mapToInt(PlanCell::quota).sum();
    }

    @Test
    void withoutAxesThereIsOneCellHoldingTheTarget() {
        List<PlanCell> cells = PlanBuilder.cells(spec(60, ""));
        assertEquals(List.of(new PlanCell("complexity=simple", Map.of(), "simple", false, 60)), cells);
    }

    @Test
    void quotasFollowTheWeightsAndAddUpToTheTargetExactly() {
        List<PlanCell> cells = PlanBuilder.cells(spec(100, """
                axes:
                  operation: [create, update, delete]
                  style: {formal: 3, casual: 1}
                complexity: {simple: 0.5, moderate: 0.3, edge_case: 0.2}
                """));
        assertEquals(18, cells.size());
        assertEquals(100, total(cells));
        PlanCell first = cells.get(0);
        assertEquals("operation=create|style=formal|complexity=simple", first.id());
        assertEquals(Map.of("operation", "create", "style", "formal"), first.axes());
        // 100 * 1/3 * 3/4 * 0.5 = 12.5 -> 12 or 13
        assertTrue(first.quota() == 12 || first.quota() == 13, first.toString());
        int formal = cells.stream().filter(c -> "formal".equals(c.axes().get("style"))).mapToInt(PlanCell::quota)
                .sum();
        // each cell is rounded once, so a marginal can miss its ideal share by the rounding of its cells
        assertTrue(Math.abs(formal - 75) <= 1, "formal " + formal);
        int edge = cells.stream().filter(c -> "edge_case".equals(c.complexity())).mapToInt(PlanCell::quota).sum();
        assertTrue(Math.abs(edge - 20) <= 1, "edge cases " + edge);
    }

    @Test
    void aSmallTargetLeavesOutCellsThatRoundToNothing() {
        List<PlanCell> cells = PlanBuilder.cells(spec(5, "axes: {operation: [a, b, c, d, e, f, g, h]}"));
        assertEquals(5, cells.size());
        assertEquals(5, total(cells));
        assertTrue(cells.stream().allMatch(c -> c.quota() == 1));
    }

    @Test
    void multiTurnIsItsOwnDimension() {
        List<PlanCell> cells = PlanBuilder.cells(spec(40, "multi_turn: {share: 0.25, max_turns: 4}"));
        assertEquals(List.of(new PlanCell("complexity=simple", Map.of(), "simple", false, 30),
                new PlanCell("complexity=simple|turns=multi", Map.of(), "simple", true, 10)), cells);
    }

    @Test
    void tooManyCombinationsAreRefusedNamingTheAxes() {
        String values = String.join(", ", java.util.stream.IntStream.range(0, 100).mapToObj(i -> "v" + i).toList());
        var e = assertThrows(InvalidJobSpecException.class, () -> PlanBuilder.cells(spec(10,
                "axes: {a: [" + values + "], b: [" + values + "], c: [" + values + "]}")));
        assertEquals("axes", e.errors().get(0).field());
    }
}
