package dev.seedforge.contracts;

import java.util.List;

/**
 * How a candidate was made: the teacher model, the prompt's hash, the seeds shown, the sampling temperature and this
 * candidate's share of the call's tokens and cost.
 */
public record Lineage(String model, String promptHash, List<Integer> seedsUsed, double temperature, long inputTokens,
        long outputTokens, double costUsd) {

    public Lineage {
        seedsUsed = seedsUsed == null ? List.of() : List.copyOf(seedsUsed);
    }
}
