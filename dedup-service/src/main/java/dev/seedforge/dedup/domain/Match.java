package dev.seedforge.dedup.domain;

import dev.seedforge.contracts.DedupDecision;

/** An earlier example of the job that a text repeats: its origin (a candidate id or {@code seed:N}), how, how closely. */
public record Match(String originId, String method, double similarity) {

    public DedupDecision toDecision() {
        return DedupDecision.duplicateOf(originId, method, similarity);
    }
}
