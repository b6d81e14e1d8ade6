package dev.seedforge.generator.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.seedforge.contracts.PlanCell;

/**
 * Which calls measure a job's estimate before it is approved: one per complexity level, in the level's largest cell
 * (an edge case is written longer than a simple request, so one level's length misjudges the others), all made at
 * once so the submission waits for one call. Each asks for a few examples: a short answer comes back sooner, and a
 * few examples tell the length per example as well as a full call. A hard level's call evolves, as its cells will.
 */
public final class PilotCalls {

    static final int MAX_CALLS = 3;
    static final int EXAMPLES_PER_CALL = 5;

    private PilotCalls() {
    }

    public static List<NextCalls.Call> choose(List<PlanCell> cells, int examplesPerCall) {
        Map<String, PlanCell> largestPerLevel = new LinkedHashMap<>();
        for (PlanCell cell : cells) {
            String level = cell.complexity() == null ? "" : cell.complexity();
            PlanCell largest = largestPerLevel.get(level);
            if (cell.quota() > 0 && (largest == null || cell.quota() > largest.quota())) {
                largestPerLevel.put(level, cell);
            }
        }
        List<PlanCell> chosen = new ArrayList<>(largestPerLevel.values());
        chosen.sort(Comparator.comparingInt(PlanCell::quota).reversed());
        List<NextCalls.Call> calls = new ArrayList<>();
        for (PlanCell cell : chosen.subList(0, Math.min(MAX_CALLS, chosen.size()))) {
            calls.add(new NextCalls.Call(cell.id(), Math.min(Math.min(examplesPerCall, EXAMPLES_PER_CALL),
                    cell.quota()), willEvolve(cells, cell)));
        }
        return calls;
    }

    /**
     * A hard cell with a simpler sibling (same axis values) will evolve that sibling's examples once it has some
     * ({@link NextCalls#evolves}): its pilot evolves, and its estimate counts the example shown to evolve.
     */
    public static boolean willEvolve(List<PlanCell> cells, PlanCell cell) {
        return cells.stream().anyMatch(c -> NextCalls.simplerSibling(c, cell));
    }
}
