package dev.seedforge.contracts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The share of examples that are conversations of several user turns, and how long they may get. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MultiTurnSpec(Double share, Integer maxTurns) {

    public static final MultiTurnSpec NONE = new MultiTurnSpec(0.0, 1);
}
