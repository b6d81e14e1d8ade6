package dev.seedforge.exporter.domain;

import java.util.Collection;

/**
 * Summary of a sample of whole numbers (token counts). Percentiles use the nearest-rank method: p50 of 1..10 is 5,
 * p95 of 1..20 is 19.
 */
public record Statistics(int count, long min, double mean, long p50, long p95, long max) {

    public static final Statistics EMPTY = new Statistics(0, 0, 0, 0, 0, 0);

    public static Statistics of(Collection<? extends Number> values) {
        if (values.isEmpty()) {
            return EMPTY;
        }
        long[] sorted = values.stream().mapToLong(Number::longValue).sorted().toArray();
        long sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        return new Statistics(sorted.length, sorted[0], (double) sum / sorted.length, percentile(sorted, 50),
                percentile(sorted, 95), sorted[sorted.length - 1]);
    }

    /** Nearest-rank percentile of an ascending, non-empty array. */
    static long percentile(long[] sorted, double percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(rank, 1)) - 1];
    }
}
