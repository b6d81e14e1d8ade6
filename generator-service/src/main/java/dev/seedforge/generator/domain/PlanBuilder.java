package dev.seedforge.generator.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.seedforge.contracts.AxisValues;
import dev.seedforge.contracts.InvalidJobSpecException;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.PlanCell;

/**
 * Splits a job's target over the combinations of its diversity axes, complexity levels and single/multi-turn, in
 * proportion to their weights. Quotas are whole numbers that add up to the target exactly (largest remainder);
 * combinations whose share rounds to nothing are left out.
 */
public final class PlanBuilder {

    /** Past this many combinations a plan is no longer something a person can review. */
    public static final int MAX_COMBINATIONS = 10_000;

    private PlanBuilder() {
    }

    private record Combination(Map<String, String> axes, String complexity, boolean multiTurn, double weight) {
    }

    public static List<PlanCell> cells(JobSpec spec) {
        List<Combination> combinations = combinations(spec);
        int target = spec.target();
        long[] quotas = new long[combinations.size()];
        double[] remainders = new double[combinations.size()];
        long assigned = 0;
        for (int i = 0; i < combinations.size(); i++) {
            double exact = target * combinations.get(i).weight();
            quotas[i] = (long) Math.floor(exact);
            remainders[i] = exact - quotas[i];
            assigned += quotas[i];
        }
        List<Integer> byRemainder = new ArrayList<>();
        for (int i = 0; i < combinations.size(); i++) {
            byRemainder.add(i);
        }
        byRemainder.sort((a, b) -> remainders[a] != remainders[b] ? Double.compare(remainders[b], remainders[a])
                : Integer.compare(a, b));
        for (int k = 0; assigned < target; k++, assigned++) {
            quotas[byRemainder.get(k % byRemainder.size())]++;
        }
        List<PlanCell> cells = new ArrayList<>();
        for (int i = 0; i < combinations.size(); i++) {
            if (quotas[i] > 0) {
                Combination c = combinations.get(i);
                cells.add(new PlanCell(cellId(c), c.axes(), c.complexity(), c.multiTurn(), (int) quotas[i]));
            }
        }
        return cells;
    }

    private static List<Combination> combinations(JobSpec spec) {
        List<Combination> combinations = new ArrayList<>();
        combinations.add(new Combination(new LinkedHashMap<>(), null, false, 1.0));
        for (Map.Entry<String, AxisValues> axis : spec.axesOrEmpty().entrySet()) {
            combinations = expand(combinations, axis.getValue().weights(), (c, value, share) -> {
                Map<String, String> axes = new LinkedHashMap<>(c.axes());
                axes.put(axis.getKey(), value);
                return new Combination(axes, null, false, c.weight() * share);
            });
        }
        combinations = expand(combinations, spec.complexity(),
                (c, level, share) -> new Combination(c.axes(), level, false, c.weight() * share));
        double multiShare = spec.multiTurn() == null || spec.multiTurn().share() == null ? 0
                : spec.multiTurn().share();
        if (multiShare > 0) {
            Map<String, Double> turns = new LinkedHashMap<>();
            turns.put("single", 1 - multiShare);
            turns.put("multi", multiShare);
            combinations = expand(combinations, turns, (c, kind, share) -> new Combination(c.axes(), c.complexity(),
                    kind.equals("multi"), c.weight() * share));
        }
        return combinations;
    }

    private interface Extend {
        Combination with(Combination combination, String value, double share);
    }

    private static List<Combination> expand(List<Combination> combinations, Map<String, Double> weights,
            Extend extend) {
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        if ((long) combinations.size() * weights.size() > MAX_COMBINATIONS) {
            throw new InvalidJobSpecException("axes", "the axes, complexity levels and multi-turn share make more"
                    + " than " + MAX_COMBINATIONS + " combinations; use fewer values");
        }
        List<Combination> expanded = new ArrayList<>();
        for (Combination combination : combinations) {
            weights.forEach((value, weight) -> {
                if (weight > 0) {
                    expanded.add(extend.with(combination, value, weight / total));
                }
            });
        }
        return expanded;
    }

    /** E.g. {@code operation=create|style=formal|complexity=simple|turns=multi}: readable, and stable per spec. */
    static String cellId(Combination c) {
        StringBuilder id = new StringBuilder();
        c.axes().forEach((axis, value) -> id.append(axis).append('=').append(value).append('|'));
        id.append("complexity=").append(c.complexity());
        if (c.multiTurn()) {
            id.append("|turns=multi");
        }
        return id.toString();
    }
}
