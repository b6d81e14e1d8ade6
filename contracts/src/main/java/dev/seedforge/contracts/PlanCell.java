package dev.seedforge.contracts;

import java.util.Map;

/**
 * One combination of diversity axis values and complexity, with the number of accepted examples it must contribute.
 * Its id names the combination (e.g. {@code operation=create|style=formal|complexity=simple}) and is the
 * {@code cell} of every candidate made for it.
 */
public record PlanCell(String id, Map<String, String> axes, String complexity, boolean multiTurn, int quota) {

    public PlanCell {
        axes = axes == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(axes));
    }
}
