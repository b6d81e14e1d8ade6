package dev.seedforge.validator.domain;

import java.util.List;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.Verdict;

/**
 * Runs the checks in order, cheapest first; the first check that finds problems rejects the candidate, so a malformed
 * example never reaches a costly check such as an LLM judge.
 */
public class CandidateValidator {

    private final List<CandidateCheck> checks;

    public CandidateValidator(List<CandidateCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    /** The checks every job gets. */
    public static CandidateValidator standard() {
        return new CandidateValidator(List.of(new FormatCheck(new FormatChecker())));
    }

    public Verdict validate(Candidate candidate) {
        for (CandidateCheck check : checks) {
            List<Reason> reasons = check.check(candidate);
            if (!reasons.isEmpty()) {
                return Verdict.reject(reasons);
            }
        }
        return Verdict.accept();
    }
}
