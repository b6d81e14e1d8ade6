package dev.seedforge.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PipelineTimelineTest {

    @Test
    void countsEachStagesRecordsInFiveSecondStepsAndTheLastFifteenInSeconds() {
        long submitted = 1_000_000;
        Map<String, Map<String, Long>> seenAt = new LinkedHashMap<>();
        // three at the start, one at 7.5 s, two in the job's last second, one before submission (another job's)
        seenAt.put("candidates", Map.of("a", submitted, "b", submitted + 100, "c", submitted + 4_999,
                "d", submitted + 7_500, "e", submitted + 29_100, "f", submitted + 29_900, "z", submitted - 1));
        Map<String, Object> timeline = PipelineBenchmark.timeline(seenAt, submitted, submitted + 30_000);

        assertEquals(List.of(3, 1, 0, 0, 0, 2), timeline.get("candidates"));
        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) timeline.get("last_15_s");
        assertEquals(List.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2), last.get("candidates"));
    }
}
