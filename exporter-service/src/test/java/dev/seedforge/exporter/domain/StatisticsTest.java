package dev.seedforge.exporter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class StatisticsTest {

    @Test
    void nearestRankPercentilesOfOneToTen() {
        Statistics stats = Statistics.of(List.of(7, 3, 10, 1, 5, 2, 9, 4, 8, 6));
        assertEquals(new Statistics(10, 1, 5.5, 5, 10, 10), stats);
    }

    @Test
    void nearestRankPercentilesOfOneToTwenty() {
        Statistics stats = Statistics.of(IntStream.rangeClosed(1, 20).boxed().toList());
        assertEquals(10, stats.p50());
        assertEquals(19, stats.p95());
        assertEquals(10.5, stats.mean(), 1e-9);
    }

    @Test
    void skewedSample() {
        Statistics stats = Statistics.of(List.of(100, 1, 1, 1));
        assertEquals(1, stats.p50());
        assertEquals(100, stats.p95());
        assertEquals(25.75, stats.mean(), 1e-9);
    }

    @Test
    void singleValueAndEmpty() {
        assertEquals(new Statistics(1, 42, 42, 42, 42, 42), Statistics.of(List.of(42)));
        assertEquals(Statistics.EMPTY, Statistics.of(List.of()));
    }
}
