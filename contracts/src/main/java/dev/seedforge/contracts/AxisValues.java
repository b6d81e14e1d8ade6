package dev.seedforge.contracts;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The values of one diversity axis and their weights. Written as a list ({@code [formal, casual]}: even), as a mapping
 * of value to weight ({@code {formal: 2, casual: 1}}), or as one value. A job's complexity levels are written the same
 * way ({@link Weights}).
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
        } else if (node.isValueNode() && !node.isNull()) {
            weights.put(node.asText(), 1.0);
        } else {
            throw new IllegalArgumentException("must be a list of values, one value, or a mapping of value to weight");
        }
        return new AxisValues(weights);
    }

    /** Reads a mapping of value to weight written in any of an axis's forms ({@code complexity: [simple, complex]}). */
    public static final class Weights extends JsonDeserializer<Map<String, Double>> {

        @Override
        public Map<String, Double> deserialize(JsonParser parser, DeserializationContext context)
                throws java.io.IOException {
            JsonNode node = parser.readValueAsTree();
            // YAML's empty value (`complexity:`) leaves the field to its default, as a null does
            return node == null || node.isNull() || node.isTextual() && node.asText().isBlank() ? null
                    : fromJson(node).weights();
        }
    }

    @JsonValue
    public Map<String, Double> json() {
        return weights;
    }
}
