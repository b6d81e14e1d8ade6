package dev.seedforge.dedup.domain;

/**
 * The float dot products of the vector index's graph search, its hottest loop (bench/README.md, run 97): on the
 * processor's SIMD lanes through the JDK's Vector API when the JVM has the incubating module
 * ({@code --add-modules=jdk.incubator.vector}: the launcher's dedup options, its image and its tests add it), else
 * the scalar loop. The two differ only in float rounding (about 1e-6 relative), which moves no decision: those rest
 * on exact cosines in doubles.
 */
final class DotProducts {

    /** Whether the Vector API is there, so that {@link SimdDotProducts} may be loaded. */
    static final boolean SIMD = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private DotProducts() {
    }

    static float dot(float[] a, float[] b) {
        return SIMD ? SimdDotProducts.dot(a, b) : scalar(a, b);
    }

    /**
     * Four running sums, which the processor overlaps: about twice as fast as one sum (the index's loop before the
     * Vector API, and still its loop without it).
     */
    static float scalar(float[] a, float[] b) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (int end = a.length & ~3; i < end; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < a.length; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
