package dev.seedforge.contracts;

/**
 * {@code review: {sample: N}} in a spec: the exporter writes the dataset but holds it (no {@code datasets} record, the
 * job stays FINALIZING) until a person approves a sample of N exported examples per cell.
 */
public record ReviewSpec(Integer sample) {
}
