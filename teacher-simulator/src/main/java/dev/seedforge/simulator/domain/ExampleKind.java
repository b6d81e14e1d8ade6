package dev.seedforge.simulator.domain;

/** What the simulator meant a generated example to be, so tests and logs can tell the shares apart. */
public enum ExampleKind {
    /** A plausible new variant of a seed. */
    VARIANT,
    /** An exact copy of a seed or of an earlier example of the same answer. */
    DUPLICATE,
    /** A seed with trivial changes only (case, trailing punctuation, whitespace). */
    NEAR_DUPLICATE,
    /** A variant with a structural defect the validator must reject. */
    INVALID
}
