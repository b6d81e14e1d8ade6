package dev.seedforge.generator.domain;

/**
 * Decides how many more candidates a job needs, from what the exporter reported: enough to cover the missing quota at
 * the observed yield, minus what is already in flight, never past the candidate cap.
 */
public final class CandidateQuota {

    /** Outcomes needed before the observed yield is trusted over the prior. */
    static final int MIN_OUTCOMES_FOR_YIELD = 10;
    static final double MIN_YIELD = 0.05;

    private CandidateQuota() {
    }

    public record Decision(int toGenerate, boolean finish, String reason) {

        static Decision generate(int count) {
            return new Decision(count, false, null);
        }

        static Decision waitForOutcomes() {
            return new Decision(0, false, null);
        }

        static Decision finish(String reason) {
            return new Decision(0, true, reason);
        }
    }

    public static Decision next(long target, long accepted, long outcomes, long emitted, long cap,
            double priorYield) {
        if (accepted >= target) {
            return Decision.finish("every quota met: " + accepted + " of " + target + " accepted");
        }
        if (emitted >= cap) {
            return Decision.finish("candidate cap of " + cap + " reached with " + accepted + " of " + target
                    + " accepted so far");
        }
        double yield = outcomes >= MIN_OUTCOMES_FOR_YIELD ? Math.max((double) accepted / outcomes, MIN_YIELD)
                : priorYield;
        long inFlight = Math.max(emitted - outcomes, 0);
        long needed = (long) Math.ceil((target - accepted) / yield) - inFlight;
        if (needed <= 0) {
            return Decision.waitForOutcomes();
        }
        return Decision.generate((int) Math.min(needed, cap - emitted));
    }
}
