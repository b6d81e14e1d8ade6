package dev.seedforge.contracts;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The values of one diversity axis and their weights. Written as a list ({@code [formal, casual]}: even) or as a
 * mapping of value to weight ({@code {formal: 2, casual: 1}}).
 */
public record AxisValues(Map<String, Double> weights) {

    public AxisValues {
        weights = weights == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static AxisValues fromJson(JsonNode node) {
        Map<String, Double> weights = new LinkedHashMap<>();
        if (node.isArray()) {
            node.forEach(value -> weights.put(value.asText(), 1.0));
        } else if (node.isObject()) {
            node.fields().forEachRemaining(entry -> {
                if (!entry.getValue().isNumber()) {
                    throw new IllegalArgumentException("the weight of '" + entry.getKey() + "' must be a number");
                }
                weights.put(entry.getKey(), entry.getValue().asDouble());
            });
        } else {
            throw new IllegalArgumentException("an axis is a list of values or a mapping of value to weight");
        }
        return new AxisValues(weights);
    }

    @JsonValue
    public Map<String, Double> json() {
        return weights;
    }
}
