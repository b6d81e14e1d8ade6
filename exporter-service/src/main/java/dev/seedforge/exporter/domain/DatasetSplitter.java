package dev.seedforge.exporter.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Splits the exported examples into train and validation: seeded (the same job always yields the same split),
 * stratified by plan cell (each cell gives its share of validation examples), and leak-free (examples related closely
 * enough, transitively, form a group that lands on one side, so no validation example has a near-twin in train).
 */
public final class DatasetSplitter {

    /** The two sides of a split; each example lands on exactly one. */
    public record Split<T>(List<T> train, List<T> validation) {

        public Split {
            train = List.copyOf(train);
            validation = List.copyOf(validation);
        }
    }

    /** Two examples, by id, that must not be separated, and how similar they are. */
    public record Link(String a, String b, double similarity) {
    }

    /**
     * Without cells or links: shuffles a copy of {@code examples} with {@code seed}; the first
     * {@code round(n * validationRatio)} go to validation, the rest to train, both in shuffled order.
     */
    public <T> Split<T> split(List<T> examples, double validationRatio, long seed) {
        Map<T, String> ids = new HashMap<>();
        for (int i = 0; i < examples.size(); i++) {
            ids.putIfAbsent(examples.get(i), Integer.toString(i));
        }
        return split(examples, ids::get, e -> "", List.of(), validationRatio, seed);
    }

    /**
     * The leak-free, stratified split. Examples joined by a link (directly or through others) form a group; groups are
     * shuffled with {@code seed}, then each goes to validation if it fits in what every one of its cells still needs
     * there, else to train. Each cell's need is its rounded share of the total validation size
     * ({@code round(n * ratio)}, largest remainders first), so with no links the sizes are exact; a group too large
     * for what a cell still needs goes to train, and groups that fit the shortfall then make up the total, so validation
     * falls short only when every remaining group is larger than what is missing, and is never over.
     */
    public <T> Split<T> split(List<T> examples, Function<T, String> id, Function<T, String> cell, List<Link> links,
            double validationRatio, long seed) {
        if (Double.isNaN(validationRatio) || validationRatio < 0 || validationRatio >= 1) {
            throw new IllegalArgumentException("validation ratio must be in [0, 1), got " + validationRatio);
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        for (T example : examples) {
            index.putIfAbsent(id.apply(example), index.size());
        }
        int[] parent = new int[examples.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (Link link : links) {
            Integer a = index.get(link.a());
            Integer b = index.get(link.b());
            if (a != null && b != null) {
                parent[find(parent, a)] = find(parent, b);
            }
        }
        Map<Integer, List<T>> groupsByRoot = new LinkedHashMap<>();
        for (int i = 0; i < examples.size(); i++) {
            groupsByRoot.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(examples.get(i));
        }
        List<List<T>> groups = new ArrayList<>(groupsByRoot.values());
        Collections.shuffle(groups, new Random(seed));

        Map<String, Integer> need = validationNeeds(examples, cell, validationRatio);
        List<List<T>> trainGroups = new ArrayList<>();
        List<T> validation = new ArrayList<>();
        for (List<T> group : groups) {
            Map<String, Integer> groupCells = new HashMap<>();
            group.forEach(e -> groupCells.merge(cell.apply(e), 1, Integer::sum));
            boolean fits = groupCells.entrySet().stream().allMatch(c -> need.getOrDefault(c.getKey(), 0) >= c.getValue());
            if (fits) {
                groupCells.forEach((c, n) -> need.merge(c, -n, Integer::sum));
                validation.addAll(group);
            } else {
                trainGroups.add(group);
            }
        }
        // a group too big for its cell's share leaves validation short: groups that fit the shortfall make up the
        // total, trading a little stratification for the size the ratio asks
        int shortfall = validationSize(examples.size(), validationRatio) - validation.size();
        List<T> train = new ArrayList<>();
        for (List<T> group : trainGroups) {
            if (shortfall > 0 && group.size() <= shortfall) {
                validation.addAll(group);
                shortfall -= group.size();
            } else {
                train.addAll(group);
            }
        }
        return new Split<>(train, validation);
    }

    /** Each cell's share of {@code round(n * ratio)}, apportioned by largest remainder (ties by cell name). */
    static <T> Map<String, Integer> validationNeeds(List<T> examples, Function<T, String> cell, double ratio) {
        Map<String, Integer> sizes = new TreeMap<>();
        examples.forEach(e -> sizes.merge(cell.apply(e), 1, Integer::sum));
        int total = validationSize(examples.size(), ratio);
        Map<String, Integer> need = new TreeMap<>();
        List<Map.Entry<String, Double>> remainders = new ArrayList<>();
        int given = 0;
        for (Map.Entry<String, Integer> size : sizes.entrySet()) {
            double exact = size.getValue() * ratio;
            int floor = (int) Math.floor(exact);
            need.put(size.getKey(), floor);
            given += floor;
            remainders.add(Map.entry(size.getKey(), exact - floor));
        }
        remainders.sort(Map.Entry.<String, Double> comparingByValue().reversed());
        for (int i = 0; i < remainders.size() && given < total; i++, given++) {
            need.merge(remainders.get(i).getKey(), 1, Integer::sum);
        }
        return need;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    public static int validationSize(int examples, double validationRatio) {
        return (int) Math.round(examples * validationRatio);
    }
}
