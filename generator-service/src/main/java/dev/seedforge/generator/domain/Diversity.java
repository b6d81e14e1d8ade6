package dev.seedforge.generator.domain;

import java.util.List;

/**
 * The diversity levers one teacher call is built with: a persona who writes the request (null: none), digests of
 * examples the cell already has (empty: none), a temperature raise, and a shift of the seed rotation. Stored with the
 * pending call, so a call resumed after a crash gets exactly the same prompt.
 */
public record Diversity(String persona, List<String> alreadyHave, double temperatureBoost, int seedShift) {

    public static final Diversity NONE = new Diversity(null, List.of(), 0, 0);

    public Diversity {
        alreadyHave = alreadyHave == null ? List.of() : List.copyOf(alreadyHave);
    }
}
