package dev.seedforge.generator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.PlanCell;

class PilotCallsTest {

    private static PlanCell cell(String id, String complexity, int quota) {
        return new PlanCell(id, Map.of("op", id), complexity, false, quota);
    }

    @Test
    void oneCallPerComplexityLevelInItsLargestCellLargestLevelsFirst() {
        List<PlanCell> cells = List.of(cell("a", "simple", 12), cell("b", "simple", 30), cell("c", "edge_case", 4),
                cell("d", "moderate", 9), cell("e", "moderate", 11), cell("f", "complex", 2));
        assertEquals(List.of(new NextCalls.Call("b", 5, false), new NextCalls.Call("e", 5, false),
                new NextCalls.Call("c", 4, false)), PilotCalls.choose(cells, 10),
                "at most three calls, of at most five examples and never past a cell's quota");
    }

    @Test
    void aJobWithoutComplexityLevelsPilotsItsLargestCellWithinItsCallSize() {
        List<PlanCell> cells = List.of(cell("a", null, 3), cell("b", null, 8), cell("z", null, 0));
        assertEquals(List.of(new NextCalls.Call("b", 2, false)), PilotCalls.choose(cells, 2));
        assertEquals(List.of(), PilotCalls.choose(List.of(cell("z", "simple", 0)), 5), "nothing to pilot");
    }

    @Test
    void aHardLevelWithASimplerSiblingPilotsAnEvolvingCall() {
        PlanCell simple = new PlanCell("s", Map.of("op", "create"), "simple", false, 10);
        PlanCell edge = new PlanCell("e", Map.of("op", "create"), "edge_case", false, 6);
        PlanCell lonely = new PlanCell("l", Map.of("op", "delete"), "complex", false, 3);
        List<PlanCell> cells = List.of(simple, edge, lonely);
        assertEquals(List.of(new NextCalls.Call("s", 5, false), new NextCalls.Call("e", 5, true),
                new NextCalls.Call("l", 3, false)), PilotCalls.choose(cells, 8));
        assertEquals(false, PilotCalls.willEvolve(cells, simple));
    }
}
