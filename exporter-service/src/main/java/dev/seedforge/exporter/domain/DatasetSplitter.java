package dev.seedforge.exporter.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Splits the exported examples into train and validation with a shuffle seeded by the job's {@code random_seed}, so
 * the same job always yields the same split.
 */
public final class DatasetSplitter {

    /** The two sides of a split; each example lands on exactly one. */
    public record Split<T>(List<T> train, List<T> validation) {

        public Split {
            train = List.copyOf(train);
            validation = List.copyOf(validation);
        }
    }

    /**
     * Shuffles a copy of {@code examples} with {@code seed}; the first {@code round(n * validationRatio)} go to
     * validation, the rest to train, both in shuffled order.
     */
    public <T> Split<T> split(List<T> examples, double validationRatio, long seed) {
        if (Double.isNaN(validationRatio) || validationRatio < 0 || validationRatio >= 1) {
            throw new IllegalArgumentException("validation ratio must be in [0, 1), got " + validationRatio);
        }
        List<T> shuffled = new ArrayList<>(examples);
        Collections.shuffle(shuffled, new Random(seed));
        int validationSize = validationSize(shuffled.size(), validationRatio);
        return new Split<>(shuffled.subList(validationSize, shuffled.size()), shuffled.subList(0, validationSize));
    }

    public static int validationSize(int examples, double validationRatio) {
        return (int) Math.round(examples * validationRatio);
    }
}
