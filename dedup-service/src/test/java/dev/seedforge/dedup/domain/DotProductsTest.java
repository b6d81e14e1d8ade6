package dev.seedforge.dedup.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The vector index's dot products: the SIMD ones in use, and equal to the scalar loop's up to float rounding. */
class DotProductsTest {

    @Test
    void theTestsRunWithTheVectorApiAsTheServiceDoes() {
        // dedup's pom adds the module to the tests' JVM as ServiceJvm and the image add it to the service's
        assertTrue(DotProducts.SIMD, "jdk.incubator.vector is not in this JVM: the SIMD path would go untested");
    }

    @Test
    void vectorsOfAnyLengthGiveTheExactProductUpToFloatRounding() {
        SplittableRandom random = new SplittableRandom(7);
        for (int length : new int[] { 0, 1, 3, 8, 15, 16, 17, 31, 384, 385 }) {
            for (int round = 0; round < 20; round++) {
                float[] a = vector(random, length);
                float[] b = vector(random, length);
                double expected = exact(a, b);
                double tolerance = 1e-5 * Math.max(1, length);
                assertEquals(expected, DotProducts.scalar(a, b), tolerance, "scalar, length " + length);
                assertEquals(expected, DotProducts.dot(a, b), tolerance, "length " + length);
            }
        }
    }

    private static float[] vector(SplittableRandom random, int length) {
        float[] vector = new float[length];
        for (int i = 0; i < length; i++) {
            vector[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return vector;
    }

    private static double exact(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
