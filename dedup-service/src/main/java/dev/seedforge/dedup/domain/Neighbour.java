package dev.seedforge.dedup.domain;

/** An earlier kept example near a text: its origin id and cosine similarity. */
public record Neighbour(String originId, double similarity) {
}
