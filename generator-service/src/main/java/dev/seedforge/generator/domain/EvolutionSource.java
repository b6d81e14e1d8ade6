package dev.seedforge.generator.domain;

import java.util.List;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.format.FormatChecker;

/**
 * Which earlier example a hard cell evolves: a well-formed one (evolving a malformed example only teaches the teacher
 * to repeat its fault, and the cell is rejected call after call), a different one on each call so that no single bad
 * choice is repeated.
 */
public final class EvolutionSource {

    private static final FormatChecker FORMAT = new FormatChecker();

    private EvolutionSource() {
    }

    /** The source for the call, or null when no candidate of the simpler cells is well-formed. */
    public static Candidate choose(List<Candidate> simplerCandidates, String cellId, long callSequence) {
        List<Candidate> wellFormed = simplerCandidates.stream()
                .filter(c -> c.example() != null && FORMAT.check(c.format(), c.example()).isEmpty()).toList();
        if (wellFormed.isEmpty()) {
            return null;
        }
        return wellFormed.get(Math.floorMod(cellId.hashCode() + callSequence, wellFormed.size()));
    }
}
