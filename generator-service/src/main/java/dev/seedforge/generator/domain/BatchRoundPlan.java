package dev.seedforge.generator.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides a batch-mode job's next round: what its cells still miss at their measured yield, asked all at once
 * ({@link NextCalls}' and {@link CandidateQuota}'s rules, with every call slot free), plus the requests an earlier
 * round failed to answer. A round starts only when the previous round's candidates all have their outcomes, so each
 * round is sized on the yield measured so far: a round costs hours of latency, a surplus costs money. Pure: the
 * generator's {@code BatchRounds} carries it out.
 */
public final class BatchRoundPlan {

    private BatchRoundPlan() {
    }

    /** A call logged as pending and not answered yet (a failed or expired line, or one a crash left); attempts so far. */
    public record Pending(long callSequence, String cellId, int count, int attempts) {
    }

    /** What the job does next. */
    public sealed interface Next {

        /**
         * Submit a round: {@code newCalls} to start, {@code again} to send again; {@code givenUp} were sent
         * {@code max-attempts} times without an answer and are booked as failed calls. A round with nothing to send
         * only books those.
         */
        record Round(List<NextCalls.Call> newCalls, List<Pending> again, List<Pending> givenUp) implements Next {
            public Round {
                newCalls = List.copyOf(newCalls);
                again = List.copyOf(again);
                givenUp = List.copyOf(givenUp);
            }

            public int requests() {
                return newCalls.size() + again.size();
            }
        }

        /** No round: the loop carries out this decision (stop, pause or wait) as it does in real time. */
        record Carry(NextCalls.Decision decision) implements Next {
        }
    }

    /**
     * @param situation the job as {@link NextCalls} sees it
     * @param pending the job's pending calls (none of them in an open round)
     * @param maxAttempts rounds a request goes in at most
     * @param maxRequests requests in one round at most
     */
    public static Next next(NextCalls.Situation situation, List<Pending> pending, int maxAttempts, int maxRequests,
            NextCalls.CallCost cost) {
        NextCalls.Decision now = NextCalls.decide(situation, cost);
        if (now instanceof NextCalls.Decision.Stop || now instanceof NextCalls.Decision.Pause) {
            return new Next.Carry(now);
        }
        List<Pending> again = new ArrayList<>();
        List<Pending> givenUp = new ArrayList<>();
        for (Pending call : pending) {
            (call.attempts() >= maxAttempts || again.size() >= maxRequests ? givenUp : again).add(call);
        }
        long inFlight = situation.inFlight();
        if (inFlight > 0) {
            return givenUp.isEmpty()
                    ? new Next.Carry(new NextCalls.Decision.Wait("batch mode: the next round waits for the outcomes"
                            + " of the " + inFlight + " candidates in flight, to be sized on the measured yield"))
                    : new Next.Round(List.of(), List.of(), givenUp);
        }
        NextCalls.Decision wanted = NextCalls.decide(withPending(situation, again, maxRequests - again.size()), cost);
        List<NextCalls.Call> newCalls = wanted instanceof NextCalls.Decision.MakeCalls make ? make.calls() : List.of();
        if (newCalls.isEmpty() && again.isEmpty() && givenUp.isEmpty()) {
            return new Next.Carry(wanted);
        }
        return new Next.Round(newCalls, again, givenUp);
    }

    /**
     * The situation with the requests sent again counted as candidates in flight (they will be, once answered), with
     * {@code slots} calls free and no cap on candidates in flight: a round asks for everything it needs at once.
     */
    static NextCalls.Situation withPending(NextCalls.Situation situation, List<Pending> again, int slots) {
        Map<String, Integer> pendingPerCell = new HashMap<>();
        again.forEach(call -> pendingPerCell.merge(call.cellId(), call.count(), Integer::sum));
        List<NextCalls.Cell> cells = situation.cells().stream()
                .map(c -> new NextCalls.Cell(c.plan(), c.accepted(), c.rejected(), c.duplicates(),
                        c.emitted() + pendingPerCell.getOrDefault(c.plan().id(), 0), c.sinceResume()))
                .toList();
        return new NextCalls.Situation(cells, situation.countedPerCell(), situation.acceptedTotal(),
                situation.outcomesTotal(), situation.candidateCap(), situation.budgetUsd(), situation.spentUsd(),
                situation.examplesPerCall(), Math.max(slots, 0), situation.failedCallsInARow(),
                situation.maxFailedCallsInARow(), situation.diversity(), situation.replacing(), 0);
    }
}
