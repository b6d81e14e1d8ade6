package dev.seedforge.validator.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import dev.seedforge.validator.domain.CandidateValidator;

/** Wires the plain-Java checks into CDI; configurable checks (user rules, the judge) join the list here. */
@ApplicationScoped
public class ValidationChecks {

    @Produces
    @ApplicationScoped
    CandidateValidator candidateValidator() {
        return CandidateValidator.standard();
    }
}
