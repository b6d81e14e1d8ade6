package dev.seedforge.contracts;

/** A candidate with its verdict and dedup decision, as published on {@code deduplicated}: its final outcome. */
public record DeduplicatedCandidate(int schemaVersion, Candidate candidate, Verdict verdict, DedupDecision dedup) {

    public static DeduplicatedCandidate of(ValidatedCandidate validated, DedupDecision dedup) {
        return new DeduplicatedCandidate(SchemaVersions.CURRENT, validated.candidate(), validated.verdict(), dedup);
    }

    /** Accepted by the validator and not a duplicate: the only kind that can be exported. */
    public boolean usable() {
        return verdict.accepted() && dedup.status() == DedupDecision.Status.UNIQUE;
    }
}
