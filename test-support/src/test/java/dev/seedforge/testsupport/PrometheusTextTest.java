package dev.seedforge.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final String PAGE = """
            # TYPE seedforge_candidates_emitted_total counter
            seedforge_candidates_emitted_total{outcome="accepted",stage="validator"} 3.0
            seedforge_candidates_emitted_total{outcome="rejected",stage="validator"} 2.0 # {trace_id="abc"} 1.0 1700000000.000
            seedforge_candidates_emitted_total{outcome="accepted",stage="dedup"} 5.0
            seedforge_candidates_emitted_total_created{outcome="accepted",stage="dedup"} 1.7E9
            """;

    @Test
    void sumsTheSamplesCarryingEveryLabelExemplarsIncluded() {
        assertEquals(5.0, PrometheusText.sum(PAGE, "seedforge_candidates_emitted_total", "stage=\"validator\""));
        assertEquals(8.0, PrometheusText.sum(PAGE, "seedforge_candidates_emitted_total", "outcome=\"accepted\""));
        assertEquals(2.0, PrometheusText.sum(PAGE, "seedforge_candidates_emitted_total", "stage=\"validator\"",
                "outcome=\"rejected\""));
        assertEquals(10.0, PrometheusText.sum(PAGE, "seedforge_candidates_emitted_total"));
    }

    @Test
    void anAbsentSeriesIsZero() {
        assertEquals(0.0, PrometheusText.sum(PAGE, "seedforge_records_failed_total"));
        assertEquals(0.0, PrometheusText.sum(PAGE, "seedforge_candidates_emitted_total", "stage=\"exporter\""));
    }
}
