package dev.seedforge.exporter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/** A linked group too large for its cell's share must not leave validation smaller than the ratio asks. */
class SplitShortfallTest {

    @Test
    void groupsThatFitTheShortfallMakeUpTheTotalWithoutBreakingAGroup() {
        List<String> examples = List.of("a1", "a2", "a3", "a4", "b1", "b2", "b3", "b4");
        List<DatasetSplitter.Link> links = List.of(new DatasetSplitter.Link("a1", "a2", 0.9),
                new DatasetSplitter.Link("a3", "a4", 0.9));
        for (long seed = 0; seed < 20; seed++) {
            DatasetSplitter.Split<String> split = new DatasetSplitter().split(examples, Function.identity(),
                    e -> e.substring(0, 1), links, 0.25, seed);
            assertEquals(2, split.validation().size(), "seed " + seed + ": " + split);
            assertEquals(split.validation().contains("a1"), split.validation().contains("a2"));
            assertEquals(split.validation().contains("a3"), split.validation().contains("a4"));
        }
    }
}
