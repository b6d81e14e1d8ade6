package dev.seedforge.generator.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.seedforge.contracts.CellProgress;
import dev.seedforge.contracts.DiversitySpec;
import dev.seedforge.contracts.PlanCell;

/**
 * Decides what a generating job does next, from what is known of it and nothing else: which teacher calls to make
 * (cell, count, whether to evolve an earlier example), or to stop with a reason, or to wait for outcomes in flight.
 * Pure: the generation loop carries the decision out.
 */
public final class NextCalls {

    /** Complexity levels that evolve earlier examples of their simpler siblings (Evol-Instruct). */
    public static final List<String> HARD = List.of("complex", "edge_case");

    private NextCalls() {
    }

    /**
     * A cell's candidates in flight never pass the larger of this and its outcomes so far: a new cell tries a small
     * pilot first, and a cell whose candidates turn out duplicates is found out before much is spent on it.
     */
    static final int PILOT_CANDIDATES = 20;

    /**
     * One plan cell: its quota, the exporter's outcome counts, the candidates emitted for it, and its outcomes since
     * the job was last resumed (the rates that pause a job are measured on those).
     */
    public record Cell(PlanCell plan, long accepted, long rejected, long duplicates, long emitted,
            CellProgress sinceResume) {

        public Cell(PlanCell plan, long accepted, long rejected, long duplicates, long emitted) {
            this(plan, accepted, rejected, duplicates, emitted,
                    new CellProgress(plan.quota(), accepted, rejected, duplicates));
        }

        public long outcomes() {
            return accepted + rejected + duplicates;
        }

        public long inFlight() {
            return Math.max(emitted - outcomes(), 0);
        }
    }

    /**
     * Everything the decision depends on. {@code countedPerCell} is false when the exporter only counts the job as a
     * whole ({@code acceptedTotal}, {@code outcomesTotal}); {@code budgetUsd} may be null (no budget);
     * {@code spentUsd} is spent or committed so far; {@code freeSlots} is how many calls may start now;
     * {@code replacing} when the job generates again to replace examples reviewers rejected (its dataset is written
     * and held): it then never fails or pauses, it stops (FINALIZING) and the held dataset stays as it is;
     * {@code maxInFlight} is the job's cap on candidates in flight ({@code generator.max-candidates-in-flight}, 0: none).
     */
    public record Situation(List<Cell> cells, boolean countedPerCell, long acceptedTotal, long outcomesTotal,
            long candidateCap, Double budgetUsd, double spentUsd, int examplesPerCall, int freeSlots,
            int failedCallsInARow, int maxFailedCallsInARow, DiversitySpec diversity, boolean replacing,
            int maxInFlight) {

        public Situation {
            cells = List.copyOf(cells);
            if (maxInFlight < 0) {
                throw new IllegalArgumentException(
                        "generator.max-candidates-in-flight must be 0 (no cap) or positive, was " + maxInFlight);
            }
        }

        /** Without a cap on the job's candidates in flight. */
        public Situation(List<Cell> cells, boolean countedPerCell, long acceptedTotal, long outcomesTotal,
                long candidateCap, Double budgetUsd, double spentUsd, int examplesPerCall, int freeSlots,
                int failedCallsInARow, int maxFailedCallsInARow, DiversitySpec diversity, boolean replacing) {
            this(cells, countedPerCell, acceptedTotal, outcomesTotal, candidateCap, budgetUsd, spentUsd,
                    examplesPerCall, freeSlots, failedCallsInARow, maxFailedCallsInARow, diversity, replacing, 0);
        }

        /** Not replacing reviewers' rejections. */
        public Situation(List<Cell> cells, boolean countedPerCell, long acceptedTotal, long outcomesTotal,
                long candidateCap, Double budgetUsd, double spentUsd, int examplesPerCall, int freeSlots,
                int failedCallsInARow, int maxFailedCallsInARow, DiversitySpec diversity) {
            this(cells, countedPerCell, acceptedTotal, outcomesTotal, candidateCap, budgetUsd, spentUsd,
                    examplesPerCall, freeSlots, failedCallsInARow, maxFailedCallsInARow, diversity, false);
        }

        /** Without pause thresholds: such a job never pauses. */
        public Situation(List<Cell> cells, boolean countedPerCell, long acceptedTotal, long outcomesTotal,
                long candidateCap, Double budgetUsd, double spentUsd, int examplesPerCall, int freeSlots,
                int failedCallsInARow, int maxFailedCallsInARow) {
            this(cells, countedPerCell, acceptedTotal, outcomesTotal, candidateCap, budgetUsd, spentUsd,
                    examplesPerCall, freeSlots, failedCallsInARow, maxFailedCallsInARow, null);
        }

        long inFlight() {
            return cells.stream().mapToLong(Cell::inFlight).sum();
        }
    }

    /** One teacher call to make. */
    public record Call(String cellId, int count, boolean evolve) {
    }

    /** The estimated cost of one call of {@code count} examples for a cell, for the budget check before it starts. */
    @FunctionalInterface
    public interface CallCost {
        double of(PlanCell cell, int count);
    }

    /** What the job does next. */
    public sealed interface Decision {

        /** Make these calls now (never empty). */
        record MakeCalls(List<Call> calls) implements Decision {
            public MakeCalls {
                calls = List.copyOf(calls);
            }
        }

        /** Nothing to do until more outcomes arrive; {@code reason} says why. */
        record Wait(String reason) implements Decision {
        }

        /** The job stops generating: FINALIZING (it ends normally) or FAILED. */
        record Stop(Ending ending, String reason) implements Decision {
        }

        /** The job pauses for the user: these cells keep producing duplicates or rejections. */
        record Pause(List<Cell> stuck, String diagnosis) implements Decision {
        }
    }

    public enum Ending {
        FINALIZING,
        FAILED
    }

    /** What a job replacing reviewers' rejections says when it stops without all its replacements. */
    static final String HELD_WITHOUT = "; the held dataset stays as it is, short of the replacements";

    public static Decision decide(Situation situation, CallCost cost) {
        if (situation.failedCallsInARow() >= situation.maxFailedCallsInARow()) {
            String failed = "the teacher gave no usable example in " + situation.failedCallsInARow()
                    + " calls in a row; see the generator's teacher_call log";
            return situation.replacing() ? new Decision.Stop(Ending.FINALIZING, failed + HELD_WITHOUT)
                    : new Decision.Stop(Ending.FAILED, failed);
        }
        CandidateQuota.Decision quota = quota(situation);
        if (quota.finish()) {
            return new Decision.Stop(Ending.FINALIZING, quota.reason());
        }
        List<Cell> stuck = stuck(situation);
        if (!stuck.isEmpty()) {
            return situation.replacing()
                    ? new Decision.Stop(Ending.FINALIZING, Diagnosis.of(stuck, situation) + HELD_WITHOUT)
                    : new Decision.Pause(stuck, Diagnosis.of(stuck, situation));
        }
        List<Call> calls = new ArrayList<>();
        double committed = situation.spentUsd();
        String budgetStop = null;
        long inFlight = situation.inFlight();
        for (Map.Entry<String, Integer> wanted : quota.toGenerate().entrySet()) {
            PlanCell cell = cell(situation, wanted.getKey());
            boolean evolve = evolves(situation, cell);
            for (int left = situation.countedPerCell() ? withinPilot(situation, cell, wanted.getValue())
                    : wanted.getValue(); left > 0 && calls.size() < situation.freeSlots()
                            && belowInFlightCap(situation, inFlight)
                            && budgetStop == null; left -= situation.examplesPerCall()) {
                int count = Math.min(left, situation.examplesPerCall());
                double estimate = cost.of(cell, count);
                if (situation.budgetUsd() != null && committed + estimate > situation.budgetUsd()) {
                    budgetStop = String.format(Locale.ROOT, "budget of $%.4f reached: $%.4f spent or committed, the"
                            + " next call would cost about $%.4f", situation.budgetUsd(), committed, estimate);
                    break;
                }
                committed += estimate;
                inFlight += count;
                calls.add(new Call(cell.id(), count, evolve));
            }
            if (budgetStop != null) {
                break;
            }
        }
        if (!calls.isEmpty()) {
            return new Decision.MakeCalls(calls);
        }
        if (budgetStop != null) {
            return situation.inFlight() == 0 ? new Decision.Stop(Ending.FINALIZING, budgetStop)
                    : new Decision.Wait(budgetStop + "; waiting for the candidates in flight");
        }
        if (!belowInFlightCap(situation, inFlight)) {
            return new Decision.Wait("the job's " + inFlight + " candidates in flight reach its cap of "
                    + situation.maxInFlight() + " (generator.max-candidates-in-flight)");
        }
        return new Decision.Wait(situation.freeSlots() <= 0 ? "every call slot is taken"
                : "waiting for the outcomes of the candidates in flight");
    }

    /**
     * The call slots a job may use now: the configured ones less its calls out. A job with a budget has one until a
     * call of it is answered, so the teacher's real cost is measured (and held for the calls after it,
     * {@code CostEstimator.callCommitment}) before a whole wave is committed at the estimate alone.
     */
    public static int freeSlots(int configured, int out, Double budgetUsd, long answered) {
        int slots = budgetUsd != null && answered <= 0 ? 1 : configured;
        return Math.max(slots - out, 0);
    }

    /**
     * The cap on a job's candidates in flight: while several jobs generate, the configured number is shared out
     * equally between them (rounded up), so all jobs together keep about that many in the stages, which serve records
     * in the order they came: a small job's first candidates then queue behind about that many, not behind every
     * job's whole first waves (ten jobs with 200 each had about 2,000 queued at once; bench/scale --part b). A job
     * that generates alone is not capped (there is nobody for it to crowd out, and a cap of a few calls' worth held a
     * lone job's waves back). A share below one call still lets one call go ({@link #belowInFlightCap}).
     */
    public static int inFlightCap(int configured, int jobsGenerating) {
        if (configured <= 0 || jobsGenerating <= 1) {
            return 0;
        }
        return Math.max((configured + jobsGenerating - 1) / jobsGenerating, 1);
    }

    /**
     * A job starts no call once its candidates in flight reach its cap, so one huge job cannot fill the topics ahead
     * of a small job's candidates (the stages serve records in the order they came); whole calls are kept, so the
     * last call may pass the cap by less than a call's examples, and a cap below one call still lets one call go.
     */
    static boolean belowInFlightCap(Situation situation, long inFlight) {
        return situation.maxInFlight() <= 0 || inFlight < situation.maxInFlight();
    }

    private static CandidateQuota.Decision quota(Situation situation) {
        if (situation.countedPerCell()) {
            List<CandidateQuota.CellState> states = situation.cells().stream()
                    .map(c -> new CandidateQuota.CellState(c.plan(), c.accepted(), c.outcomes(), c.emitted()))
                    .toList();
            return CandidateQuota.next(states, situation.candidateCap(), situation.examplesPerCall());
        }
        Map<String, Long> emitted = new java.util.LinkedHashMap<>();
        situation.cells().forEach(c -> emitted.put(c.plan().id(), c.emitted()));
        return CandidateQuota.nextByTotals(situation.cells().stream().map(Cell::plan).toList(), emitted,
                situation.acceptedTotal(), situation.outcomesTotal(), situation.candidateCap());
    }

    /** Trims what a cell is asked for so its candidates in flight stay within what its outcomes have vouched for. */
    static int withinPilot(Situation situation, PlanCell plan, int wanted) {
        Cell cell = situation.cells().stream().filter(c -> c.plan().id().equals(plan.id())).findFirst().orElseThrow();
        long allowed = Math.max(PILOT_CANDIDATES, cell.outcomes()) - cell.inFlight();
        int count = (int) Math.max(Math.min(wanted, allowed), 0);
        if (count < wanted && cell.inFlight() > 0) {
            // the window cuts the cell short: whole calls only, the rest waits for outcomes to widen it (calls of the
            // few places a window frees each pay the whole prompt: self-instruct made 73 calls of 3.2 examples for 8)
            count = count / Math.max(situation.examplesPerCall(), 1) * Math.max(situation.examplesPerCall(), 1);
        }
        return count;
    }

    /**
     * Cells still short of their quota whose outcomes since the last resume are mostly duplicates or rejections, by
     * the spec's thresholds, once there are enough of them to tell.
     */
    static List<Cell> stuck(Situation situation) {
        DiversitySpec thresholds = situation.diversity();
        if (thresholds == null) {
            return List.of();
        }
        thresholds = thresholds.withDefaults();
        List<Cell> stuck = new ArrayList<>();
        List<Cell> shortAndFailing = new ArrayList<>();
        long jobOutcomes = 0;
        long jobDuplicates = 0;
        long jobRejected = 0;
        for (Cell cell : situation.cells()) {
            CellProgress recent = cell.sinceResume();
            long outcomes = recent.accepted() + recent.rejected() + recent.duplicates();
            if (cell.accepted() >= cell.plan().quota() || outcomes == 0) {
                continue;
            }
            jobOutcomes += outcomes;
            jobDuplicates += recent.duplicates();
            jobRejected += recent.rejected();
            if (failing(thresholds, recent.duplicates(), recent.rejected(), outcomes)) {
                shortAndFailing.add(cell);
                if (outcomes >= thresholds.pauseAfterOutcomes()) {
                    stuck.add(cell);
                }
            }
        }
        // many cells fed a few candidates each may all fail before any one has enough outcomes to tell: the cells
        // short of their quota, taken together, tell as well
        if (stuck.isEmpty() && jobOutcomes >= thresholds.pauseAfterOutcomes()
                && failing(thresholds, jobDuplicates, jobRejected, jobOutcomes)) {
            return shortAndFailing;
        }
        return stuck;
    }

    /** A threshold of 1 never pauses: the user accepts the waste. */
    private static boolean failing(DiversitySpec thresholds, long duplicates, long rejected, long outcomes) {
        return thresholds.pauseDuplicateRate() < 1 && duplicates >= thresholds.pauseDuplicateRate() * outcomes
                || thresholds.pauseRejectRate() < 1 && rejected >= thresholds.pauseRejectRate() * outcomes;
    }

    /** A hard cell evolves an earlier example when a simpler sibling (same axis values) has produced some. */
    static boolean evolves(Situation situation, PlanCell cell) {
        return situation.cells().stream().anyMatch(c -> simplerSibling(c.plan(), cell) && c.emitted() > 0);
    }

    /** Whether {@code sibling} holds the simpler examples a hard cell evolves: not hard itself, the same axis values. */
    public static boolean simplerSibling(PlanCell sibling, PlanCell hard) {
        return hard.complexity() != null && HARD.contains(hard.complexity()) && sibling.complexity() != null
                && !HARD.contains(sibling.complexity()) && sibling.axes().equals(hard.axes());
    }

    private static PlanCell cell(Situation situation, String id) {
        return situation.cells().stream().map(Cell::plan).filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no plan cell " + id));
    }
}
