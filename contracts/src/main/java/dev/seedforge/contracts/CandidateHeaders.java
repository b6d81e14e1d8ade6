package dev.seedforge.contracts;

/**
 * Kafka record headers on {@code candidates}: hints about the flow, never part of a candidate's content, so a record
 * without them means what it always meant.
 */
public final class CandidateHeaders {

    /**
     * Set ({@link #TRUE}) on the candidates of a teacher call answered while no other call of the job was out: nothing
     * more of the job is on its way until the outcomes of these are known (a job's last top-ups), so the validator
     * judges them at once rather than holding a partial judge batch for its linger.
     */
    public static final String NOTHING_FOLLOWS = "seedforge-nothing-follows";
    public static final String TRUE = "true";

    private CandidateHeaders() {
    }
}
