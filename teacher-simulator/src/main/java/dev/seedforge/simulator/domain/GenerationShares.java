package dev.seedforge.simulator.domain;

/**
 * How often the simulator deliberately misbehaves: per example (duplicates, near duplicates, structural defects) and
 * per answer (JSON cut off as if the token limit had been hit).
 */
public record GenerationShares(double duplicateRate, double nearDuplicateRate, double invalidExampleRate,
        double malformedRate) {

    public static final GenerationShares DEFAULTS = new GenerationShares(0.02, 0.02, 0.03, 0.0);
    public static final GenerationShares NONE = new GenerationShares(0, 0, 0, 0);

    public GenerationShares {
        requireRate("duplicate-rate", duplicateRate);
        requireRate("near-duplicate-rate", nearDuplicateRate);
        requireRate("invalid-example-rate", invalidExampleRate);
        requireRate("malformed-rate", malformedRate);
        if (duplicateRate + nearDuplicateRate + invalidExampleRate > 1.0) {
            throw new IllegalArgumentException(
                    "duplicate-rate + near-duplicate-rate + invalid-example-rate must not exceed 1");
        }
    }

    static void requireRate(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
        }
    }
}
