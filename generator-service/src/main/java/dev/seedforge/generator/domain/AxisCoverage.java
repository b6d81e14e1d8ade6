package dev.seedforge.generator.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.seedforge.contracts.FieldError;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.PlanCell;

/**
 * Axis values and complexity levels the plan gives no example: a target smaller than the combinations, or a weight too
 * small for it, leaves them a quota of 0, so the dataset never holds them though the spec lists them. Said in the
 * plan, naming them, before the job is paid for.
 */
public final class AxisCoverage {

    private static final int NAMED = 5;

    private AxisCoverage() {
    }

    public static List<FieldError> check(JobSpec spec, List<PlanCell> cells) {
        List<FieldError> warnings = new ArrayList<>();
        for (Map.Entry<String, Map<String, Double>> axis : listed(spec).entrySet()) {
            boolean complexity = axis.getKey() == null;
            Set<String> planned = cells.stream().filter(cell -> cell.quota() > 0)
                    .map(cell -> complexity ? cell.complexity() : cell.axes().get(axis.getKey()))
                    .collect(Collectors.toSet());
            List<String> missing = axis.getValue().entrySet().stream().filter(value -> value.getValue() > 0)
                    .map(Map.Entry::getKey).filter(value -> !planned.contains(value)).toList();
            if (missing.isEmpty()) {
                continue;
            }
            long listed = axis.getValue().values().stream().filter(weight -> weight > 0).count();
            warnings.add(new FieldError(complexity ? "complexity" : "axes." + axis.getKey(), missing.size() + " of its "
                    + listed + " values get no example at a target of " + spec.target() + " ("
                    + String.join(", ", missing.subList(0, Math.min(NAMED, missing.size())))
                    + (missing.size() > NAMED ? ", ..." : "") + "): the plan splits the target over the combinations"
                    + " of axis values and complexity levels in whole examples; raise target, list fewer values, or"
                    + " weigh them"));
        }
        return warnings;
    }

    /** Each axis's values and weights, and the complexity levels under the key {@code null}. */
    private static Map<String, Map<String, Double>> listed(JobSpec spec) {
        Map<String, Map<String, Double>> listed = new LinkedHashMap<>();
        spec.axesOrEmpty().forEach((name, values) -> listed.put(name, values.weights()));
        if (spec.complexity() != null && !spec.complexity().isEmpty()) {
            listed.put(null, spec.complexity());
        }
        return listed;
    }
}
