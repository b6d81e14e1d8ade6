package dev.seedforge.validator.domain;

import java.util.List;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.Reason;

/**
 * One rule a candidate must pass (its format now; user rules and an LLM judge later). An empty list means it passed.
 */
public interface CandidateCheck {

    List<Reason> check(Candidate candidate);
}
