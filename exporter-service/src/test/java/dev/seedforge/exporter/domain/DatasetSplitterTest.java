package dev.seedforge.exporter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class DatasetSplitterTest {

    private final DatasetSplitter splitter = new DatasetSplitter();
    private final List<Integer> hundred = IntStream.range(0, 100).boxed().toList();

    @Test
    void validationSizeIsTheRoundedShare() {
        assertEquals(10, splitter.split(hundred, 0.1, 7).validation().size());
        assertEquals(90, splitter.split(hundred, 0.1, 7).train().size());
        assertEquals(1, splitter.split(List.of(1, 2, 3, 4, 5, 6, 7), 0.2, 7).validation().size());
        assertEquals(2, splitter.split(List.of(1, 2, 3, 4, 5, 6, 7, 8), 0.25, 7).validation().size());
        assertEquals(0, splitter.split(hundred, 0.0, 7).validation().size());
        assertEquals(0, splitter.split(List.of(), 0.1, 7).validation().size());
    }

    @Test
    void theSameSeedGivesTheSameSplit() {
        assertEquals(splitter.split(hundred, 0.2, 42), splitter.split(hundred, 0.2, 42));
    }

    @Test
    void anotherSeedGivesAnotherSplit() {
        assertNotEquals(splitter.split(hundred, 0.2, 42).validation(), splitter.split(hundred, 0.2, 43).validation());
    }

    @Test
    void everyExampleLandsOnExactlyOneSide() {
        DatasetSplitter.Split<Integer> split = splitter.split(hundred, 0.3, 5);
        Set<Integer> train = new HashSet<>(split.train());
        Set<Integer> seen = new HashSet<>(train);
        for (Integer example : split.validation()) {
            assertTrue(!train.contains(example), "example " + example + " is on both sides");
            seen.add(example);
        }
        assertEquals(new HashSet<>(hundred), seen);
        assertEquals(hundred.size(), split.train().size() + split.validation().size());
    }

    @Test
    void refusesRatiosOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> splitter.split(hundred, 1.0, 1));
        assertThrows(IllegalArgumentException.class, () -> splitter.split(hundred, -0.1, 1));
    }
}
