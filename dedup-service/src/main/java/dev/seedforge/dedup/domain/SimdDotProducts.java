package dev.seedforge.dedup.domain;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DotProducts} on the processor's widest SIMD lanes (16 floats with AVX-512), a fused multiply-add per lane.
 * Loaded only when the JVM has {@code jdk.incubator.vector}.
 */
final class SimdDotProducts {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private SimdDotProducts() {
    }

    static float dot(float[] a, float[] b) {
        FloatVector sum = FloatVector.zero(SPECIES);
        int i = 0;
        for (int bound = SPECIES.loopBound(a.length); i < bound; i += SPECIES.length()) {
            sum = FloatVector.fromArray(SPECIES, a, i).fma(FloatVector.fromArray(SPECIES, b, i), sum);
        }
        float total = sum.reduceLanes(VectorOperators.ADD);
        for (; i < a.length; i++) {
            total += a[i] * b[i];
        }
        return total;
    }
}
