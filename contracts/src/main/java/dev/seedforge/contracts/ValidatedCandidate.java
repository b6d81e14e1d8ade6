package dev.seedforge.contracts;

/** A candidate with the validator's verdict, as published on {@code validated}. */
public record ValidatedCandidate(int schemaVersion, Candidate candidate, Verdict verdict) {

    public static ValidatedCandidate of(Candidate candidate, Verdict verdict) {
        return new ValidatedCandidate(SchemaVersions.CURRENT, candidate, verdict);
    }
}
