package dev.seedforge.exporter.domain;

import dev.seedforge.contracts.DedupDecision;
import dev.seedforge.contracts.DeduplicatedCandidate;

/** The final fate of a candidate as the exporter accounts for it. */
public enum OutcomeStatus {
    /** Accepted by the validator and unique: exportable. */
    ACCEPTED,
    /** Rejected by the validator, or accepted but never checked by dedup (so not provably unique). */
    REJECTED,
    /** Accepted by the validator but a duplicate of an earlier example or a seed. */
    DUPLICATE;

    public static OutcomeStatus of(DeduplicatedCandidate outcome) {
        if (outcome.verdict() == null || !outcome.verdict().accepted()) {
            return REJECTED;
        }
        DedupDecision.Status dedup = outcome.dedup() == null ? DedupDecision.Status.NOT_CHECKED
                : outcome.dedup().status();
        return switch (dedup) {
            case UNIQUE -> ACCEPTED;
            case DUPLICATE -> DUPLICATE;
            case NOT_CHECKED -> REJECTED;
        };
    }
}
