package dev.seedforge.generator.domain;

import java.util.ArrayList;
import java.util.List;

import dev.seedforge.contracts.PreferenceSpec.FailureMode;

/**
 * Which failure mode each example of a preference call is asked to show in its rejected answer: consecutive modes of
 * the job's list, from a start that a low-discrepancy sequence draws from the call's sequence, so the modes stay
 * balanced within every call and over the calls of any one cell, whatever sequences the cell's calls get.
 */
public final class FailureModes {

    private static final double GOLDEN_RATIO_FRACTION = 0.6180339887498949;

    private FailureModes() {
    }

    /** The modes of a call's {@code count} examples, in order; none for a job without modes. */
    public static List<FailureMode> forCall(List<FailureMode> modes, long callSequence, int count) {
        if (modes.isEmpty() || count <= 0) {
            return List.of();
        }
        int n = modes.size();
        int start = (int) Math.floor(((callSequence * GOLDEN_RATIO_FRACTION) % 1.0) * n) % n;
        List<FailureMode> assigned = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            assigned.add(modes.get((start + k) % n));
        }
        return List.copyOf(assigned);
    }
}
