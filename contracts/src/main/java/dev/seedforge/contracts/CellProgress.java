package dev.seedforge.contracts;

/** Outcome counts of one plan cell; {@code accepted} counts only accepted, unique examples. */
public record CellProgress(long quota, long accepted, long rejected, long duplicates) {
}
