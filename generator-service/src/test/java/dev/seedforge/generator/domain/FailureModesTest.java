package dev.seedforge.generator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.PreferenceSpec.FailureMode;

/** The failure modes asked of a call's examples stay balanced within a call and over a cell's calls. */
class FailureModesTest {

    private static final List<FailureMode> ALL = List.of(FailureMode.values());

    @Test
    void everyCallOfAtLeastAsManyExamplesAsModesHasEachMode() {
        for (long call = 0; call < 50; call++) {
            List<FailureMode> assigned = FailureModes.forCall(ALL, call, 5);
            assertEquals(5, assigned.size());
            assertTrue(assigned.containsAll(ALL), call + ": " + assigned);
        }
    }

    @Test
    void oneExamplePerCallIsBalancedOverACellsCallsWhateverTheirSequences() {
        for (int stride : new int[] { 1, 2, 3, 4, 7 }) {
            Map<FailureMode, Integer> counts = new EnumMap<>(FailureMode.class);
            for (long call = 0; call < 400; call++) {
                FailureModes.forCall(ALL, call * stride + 1, 1).forEach(m -> counts.merge(m, 1, Integer::sum));
            }
            for (FailureMode mode : ALL) {
                int n = counts.getOrDefault(mode, 0);
                assertTrue(n >= 90 && n <= 110, "stride " + stride + ": " + counts);
            }
        }
    }

    @Test
    void noModesNoAssignment() {
        assertEquals(List.of(), FailureModes.forCall(List.of(), 3, 5));
        assertEquals(List.of(FailureMode.INCOMPLETE, FailureMode.INCOMPLETE),
                FailureModes.forCall(List.of(FailureMode.INCOMPLETE), 9, 2));
    }
}
