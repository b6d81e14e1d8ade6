package dev.seedforge.generator.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.seedforge.contracts.PlanCell;

/**
 * Decides how many more candidates each plan cell needs, from what the exporter reported: enough to cover the cell's
 * missing quota at the observed yield, never past the job's candidate cap. It leans optimistic: a new job asks for exactly
 * its quotas, and candidates in flight count as accepted until decided. Asking too few costs one more round of calls;
 * asking too many costs candidates accepted beyond the quotas, paid for and never exported.
 */
public final class CandidateQuota {

    /**
     * Outcomes, all accepted, assumed before the first real one: the job's yield starts at 1 and falls to what the
     * outcomes show as they come in ((accepted + 2) / (outcomes + 2)).
     */
    static final double OPTIMISM = 2;
    static final double MIN_YIELD = 0.05;
    /**
     * How many outcomes the job's yield weighs in a cell's own yield: a cell with few outcomes borrows the job's, one
     * with many speaks for itself (cells differ: an edge-case cell may be rejected three times as often).
     */
    static final double JOB_YIELD_WEIGHT = 10;

    private CandidateQuota() {
    }

    /** What the generator knows of one cell: its quota, the exporter's counts, and what it emitted for it. */
    public record CellState(PlanCell cell, long accepted, long outcomes, long emitted) {
    }

    public record Decision(Map<String, Integer> toGenerate, boolean finish, String reason) {

        public int total() {
            return toGenerate.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * For an exporter that counts the job as a whole rather than per cell: decides on the totals, then gives the
     * candidates to the cells that have had the fewest for their quota.
     */
    public static Decision nextByTotals(List<PlanCell> cells, Map<String, Long> emitted, long accepted,
            long outcomes, long cap) {
        long target = cells.stream().mapToLong(PlanCell::quota).sum();
        long emittedTotal = emitted.values().stream().mapToLong(Long::longValue).sum();
        PlanCell whole = new PlanCell("job", Map.of(), null, false, (int) target);
        Decision total = next(List.of(new CellState(whole, accepted, outcomes, emittedTotal)), cap);
        if (total.finish() || total.total() == 0) {
            return total;
        }
        Map<String, Long> given = new LinkedHashMap<>(emitted);
        Map<String, Integer> toGenerate = new LinkedHashMap<>();
        for (int i = 0; i < total.total(); i++) {
            PlanCell neediest = cells.stream().min(Comparator.comparingDouble(
                    (PlanCell c) -> given.getOrDefault(c.id(), 0L) / (double) c.quota()).thenComparing(PlanCell::id))
                    .orElseThrow();
            given.merge(neediest.id(), 1L, Long::sum);
            toGenerate.merge(neediest.id(), 1, Integer::sum);
        }
        return new Decision(toGenerate, false, null);
    }

    public static Decision next(List<CellState> cells, long cap) {
        return next(cells, cap, 1);
    }

    /**
     * As {@link #next(List, long)}, in whole calls of {@code perCall} candidates while a cell still has some
     * in flight: a call's prompt costs the same for two examples as for ten, and the outcomes in flight tell how many
     * the cell's last, partial call should ask for.
     */
    public static Decision next(List<CellState> cells, long cap, int perCall) {
        long target = cells.stream().mapToLong(c -> c.cell().quota()).sum();
        long accepted = cells.stream().mapToLong(c -> Math.min(c.accepted(), c.cell().quota())).sum();
        long outcomes = cells.stream().mapToLong(CellState::outcomes).sum();
        long emitted = cells.stream().mapToLong(CellState::emitted).sum();
        if (accepted >= target) {
            return new Decision(Map.of(), true, "every quota met: " + accepted + " of " + target + " accepted");
        }
        if (emitted >= cap) {
            return new Decision(Map.of(), true, "candidate cap of " + cap + " reached with " + accepted + " of "
                    + target + " accepted");
        }
        long totalAccepted = cells.stream().mapToLong(CellState::accepted).sum();
        // candidates in flight weigh in as accepted here too: rejections come back before acceptances (a format check
        // is quicker than the judge), so the outcomes of a wave still half decided understate its yield (a cell of 8
        // whose first 2 outcomes were rejections asked for 10 more and ended 5 beyond its quota)
        long inFlightTotal = cells.stream().mapToLong(c -> Math.max(c.emitted() - c.outcomes(), 0)).sum();
        double jobYield = Math.max((totalAccepted + inFlightTotal + OPTIMISM) / (outcomes + inFlightTotal + OPTIMISM),
                MIN_YIELD);
        List<CellState> missing = new ArrayList<>(cells.stream().filter(c -> c.accepted() < c.cell().quota())
                .toList());
        missing.sort(Comparator.comparingLong((CellState c) -> c.accepted() - c.cell().quota()));
        Map<String, Integer> toGenerate = new LinkedHashMap<>();
        long room = cap - emitted;
        for (CellState state : missing) {
            long inFlight = Math.max(state.emitted() - state.outcomes(), 0);
            // candidates in flight count as accepted until they are decided: rejections come back first (a format
            // check is quicker than the judge), so the yield seen mid-wave is low and would ask for too many. Rounded
            // down: the most candidates whose expected acceptances do not pass what is uncovered (to the nearest, a
            // small cell's 2 missing at a yield of 0.8 asked for 3, and a dozen small cells each left one beyond its
            // quota); a yield of at most 1 keeps it >= what is uncovered
            long uncovered = Math.max(state.cell().quota() - state.accepted() - inFlight, 0);
            long needed = (long) Math.floor(uncovered / cellYield(state, jobYield) + 1e-9);
            if (inFlight > 0 && perCall > 1) {
                needed = needed / perCall * perCall;
            }
            int count = (int) Math.min(Math.max(needed, 0), room);
            if (count > 0) {
                toGenerate.put(state.cell().id(), count);
                room -= count;
            }
        }
        return new Decision(toGenerate, false, null);
    }

    /**
     * A cell's expected yield: its own accepted share of outcomes, shrunk toward the job's, so that the candidates
     * in flight for a cell match what that cell still misses at the rate it is really accepted.
     */
    static double cellYield(CellState state, double jobYield) {
        long inFlight = Math.max(state.emitted() - state.outcomes(), 0);
        return Math.max((state.accepted() + inFlight + JOB_YIELD_WEIGHT * jobYield)
                / (state.outcomes() + inFlight + JOB_YIELD_WEIGHT),
                MIN_YIELD);
    }
}
