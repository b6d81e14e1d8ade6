package dev.seedforge.validator.domain;

import java.util.List;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.ReasonCode;
import dev.seedforge.contracts.format.FormatChecker;

/** The candidate's example must be a well-formed record of the job's format. */
public class FormatCheck implements CandidateCheck {

    private final FormatChecker checker;

    public FormatCheck(FormatChecker checker) {
        this.checker = checker;
    }

    @Override
    public List<Reason> check(Candidate candidate) {
        if (candidate.format() == null) {
            return List.of(ReasonCode.MISSING_FIELD.reason("the candidate names no format"));
        }
        return checker.check(candidate.format(), candidate.example());
    }
}
