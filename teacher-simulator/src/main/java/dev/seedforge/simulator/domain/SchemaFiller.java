package dev.seedforge.simulator.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Answers a structured-output request that is not a generation request (a judge asking for scores, say) with JSON
 * that fits the given schema: every property filled, numbers inside their bounds and biased towards the upper part
 * of the range (a judge mostly gives 7 to 9 out of 10), enums respected, arrays of minItems to 3 items. A text
 * property whose description allows it to be empty when nothing is wrong (a judge's comment, say) is left empty when
 * the scores beside it are all in the upper part of their ranges, as an instruction-following model would.
 */
public final class SchemaFiller {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 12;
    private static final Pattern RANGE_IN_TEXT = Pattern
            .compile("(-?\\d+(?:\\.\\d+)?)\\s*(?:-|–|to|and)\\s*(-?\\d+(?:\\.\\d+)?)");
    private static final List<String> SENTENCES = List.of(
            "The reply follows the required format and answers the request accurately.",
            "Clear and correct; the details match what the user asked for.",
            "The answer is relevant and consistent, with only minor stylistic issues.",
            "Well structured and faithful to the instructions.",
            "Mostly accurate; one detail could be stated more precisely.",
            "The response is helpful, concise and free of factual errors.");
    private static final Pattern EMPTY_ALLOWED = Pattern.compile("\\bempty\\b[^.]*\\b(when|if|unless)\\b",
            Pattern.CASE_INSENSITIVE);
    /** Share of a number's range above which a score counts as good (7 on 1 to 10). */
    private static final double GOOD_SCORE = 0.66;
    private static final List<String> WORDS = List.of("clarity", "accuracy", "format", "relevance", "tone",
            "completeness", "consistency", "brevity");

    /** The value of {@code schema} filled in; {@code $ref}s are resolved against the schema itself. */
    public JsonNode fill(JsonNode schema, SplittableRandom random) {
        return fill(schema, schema, "value", random, 0);
    }

    private JsonNode fill(JsonNode schema, JsonNode root, String name, SplittableRandom random, int depth) {
        if (schema == null || !schema.isObject()) {
            return NODES.textNode(text(name, null, random));
        }
        if (schema.has("$ref")) {
            return fill(resolve(schema.get("$ref").asText(), root), root, name, random, depth + 1);
        }
        if (schema.has("const")) {
            return schema.get("const");
        }
        if (schema.has("enum") && schema.get("enum").isArray() && !schema.get("enum").isEmpty()) {
            JsonNode options = schema.get("enum");
            return options.get(random.nextInt(options.size()));
        }
        for (String combinator : List.of("anyOf", "oneOf")) {
            if (schema.has(combinator) && schema.get(combinator).isArray() && !schema.get(combinator).isEmpty()) {
                return fill(firstNonNull(schema.get(combinator), root), root, name, random, depth + 1);
            }
        }
        if (schema.has("allOf") && schema.get("allOf").isArray()) {
            return fill(mergeAllOf(schema, root), root, name, random, depth + 1);
        }
        return switch (type(schema)) {
            case "object" -> object(schema, root, random, depth);
            case "array" -> array(schema, root, name, random, depth);
            case "integer" -> NODES.numberNode(integer(schema, name, random));
            case "number" -> NODES.numberNode(number(schema, name, random));
            case "boolean" -> NODES.booleanNode(random.nextInt(10) < 7);
            case "null" -> NODES.nullNode();
            default -> NODES.textNode(text(name, schema, random));
        };
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type != null && type.isTextual()) {
            return type.asText();
        }
        if (type != null && type.isArray()) {
            for (JsonNode option : type) {
                if (!"null".equals(option.asText())) {
                    return option.asText();
                }
            }
            return "null";
        }
        if (schema.has("properties")) {
            return "object";
        }
        if (schema.has("items")) {
            return "array";
        }
        return "string";
    }

    private JsonNode object(JsonNode schema, JsonNode root, SplittableRandom random, int depth) {
        ObjectNode object = NODES.objectNode();
        JsonNode properties = schema.path("properties");
        JsonNode required = schema.path("required");
        for (Map.Entry<String, JsonNode> field : properties.properties()) {
            if (depth >= MAX_DEPTH && !contains(required, field.getKey())) {
                continue;
            }
            object.set(field.getKey(), fill(field.getValue(), root, field.getKey(), random, depth + 1));
        }
        if (allScoresGood(properties, object)) {
            for (Map.Entry<String, JsonNode> field : properties.properties()) {
                JsonNode property = resolveRef(field.getValue(), root);
                if ("string".equals(type(property))
                        && EMPTY_ALLOWED.matcher(property.path("description").asText("")).find()) {
                    object.put(field.getKey(), "");
                }
            }
        }
        return object;
    }

    /** Whether the object has numeric properties and each lies in the upper part of its range. */
    private static boolean allScoresGood(JsonNode properties, ObjectNode object) {
        boolean any = false;
        for (Map.Entry<String, JsonNode> field : properties.properties()) {
            JsonNode property = field.getValue();
            String type = type(property);
            JsonNode value = object.get(field.getKey());
            if (!("integer".equals(type) || "number".equals(type)) || value == null || !value.isNumber()) {
                continue;
            }
            double[] range = range(property, field.getKey());
            if (range[1] > range[0] && (value.asDouble() - range[0]) / (range[1] - range[0]) < GOOD_SCORE) {
                return false;
            }
            any = true;
        }
        return any;
    }

    private static JsonNode resolveRef(JsonNode schema, JsonNode root) {
        return schema != null && schema.has("$ref") ? resolve(schema.get("$ref").asText(), root) : schema;
    }

    private JsonNode array(JsonNode schema, JsonNode root, String name, SplittableRandom random, int depth) {
        int min = schema.path("minItems").asInt(0);
        int max = schema.has("maxItems") ? schema.get("maxItems").asInt() : Integer.MAX_VALUE;
        int lower = Math.min(Math.max(min, 1), max);
        int upper = Math.min(Math.max(lower, 3), max);
        int size = depth >= MAX_DEPTH ? min : lower + random.nextInt(upper - lower + 1);
        ArrayNode array = NODES.arrayNode();
        JsonNode items = schema.get("items");
        boolean unique = schema.path("uniqueItems").asBoolean(false);
        int attempts = 0;
        while (array.size() < size && attempts++ < size * 20) {
            JsonNode item = fill(items, root, singular(name), random, depth + 1);
            if (!unique || !containsNode(array, item)) {
                array.add(item);
            }
        }
        return array;
    }

    private static long integer(JsonNode schema, String name, SplittableRandom random) {
        double[] range = range(schema, name);
        long low = (long) Math.ceil(range[0]);
        long high = (long) Math.floor(range[1]);
        if (high < low) {
            return low;
        }
        long value = Math.round(low + biasedFraction(random) * (high - low));
        long multipleOf = schema.path("multipleOf").asLong(0);
        if (multipleOf > 1) {
            value = Math.max(low, Math.min(high, Math.round((double) value / multipleOf) * multipleOf));
        }
        return Math.max(low, Math.min(high, value));
    }

    private static BigDecimal number(JsonNode schema, String name, SplittableRandom random) {
        double[] range = range(schema, name);
        double value = range[0] + biasedFraction(random) * (range[1] - range[0]);
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
        if (rounded.doubleValue() < range[0] || rounded.doubleValue() > range[1]) {
            return BigDecimal.valueOf(value);
        }
        return rounded;
    }

    /** Mostly in the upper-middle of the range (0.67 to 0.89, i.e. 7 to 9 on 1 to 10), sometimes anywhere. */
    private static double biasedFraction(SplittableRandom random) {
        return random.nextInt(100) < 85 ? 0.67 + 0.22 * random.nextDouble() : random.nextDouble();
    }

    /** The bounds of a number: from the schema, else from a "1-10" style hint in its description, else 1 to 10. */
    private static double[] range(JsonNode schema, String name) {
        double low = Double.NaN;
        double high = Double.NaN;
        if (schema.has("minimum")) {
            low = schema.get("minimum").asDouble();
        }
        if (schema.has("exclusiveMinimum") && schema.get("exclusiveMinimum").isNumber()) {
            low = schema.get("exclusiveMinimum").asDouble() + ("integer".equals(type(schema)) ? 1 : 0.01);
        }
        if (schema.has("maximum")) {
            high = schema.get("maximum").asDouble();
        }
        if (schema.has("exclusiveMaximum") && schema.get("exclusiveMaximum").isNumber()) {
            high = schema.get("exclusiveMaximum").asDouble() - ("integer".equals(type(schema)) ? 1 : 0.01);
        }
        if (Double.isNaN(low) && Double.isNaN(high)) {
            Matcher hint = RANGE_IN_TEXT.matcher(schema.path("description").asText(""));
            if (hint.find()) {
                low = Double.parseDouble(hint.group(1));
                high = Double.parseDouble(hint.group(2));
            } else if (name.toLowerCase(Locale.ROOT).contains("probab") || name.toLowerCase(Locale.ROOT)
                    .contains("confidence")) {
                low = 0;
                high = 1;
            } else {
                low = 1;
                high = 10;
            }
        } else if (Double.isNaN(low)) {
            low = Math.min(0, high);
        } else if (Double.isNaN(high)) {
            high = low + 10;
        }
        return new double[] { Math.min(low, high), Math.max(low, high) };
    }

    private static String text(String name, JsonNode schema, SplittableRandom random) {
        String format = schema == null ? "" : schema.path("format").asText("");
        String value = switch (format) {
            case "date" -> LocalDate.of(2025, 1, 1).plusDays(random.nextInt(365)).toString();
            case "date-time" -> LocalDate.of(2025, 1, 1).plusDays(random.nextInt(365)) + "T09:30:00Z";
            case "email" -> "user" + random.nextInt(1000) + "@example.com";
            case "uri", "url" -> "https://example.com/item/" + random.nextInt(1000);
            case "uuid" -> new UUID(random.nextLong(), random.nextLong()).toString();
            default -> plainText(name, random);
        };
        if (schema != null) {
            int minLength = schema.path("minLength").asInt(0);
            int maxLength = schema.path("maxLength").asInt(Integer.MAX_VALUE);
            StringBuilder padded = new StringBuilder(value);
            while (padded.length() < minLength) {
                padded.append(' ').append(WORDS.get(random.nextInt(WORDS.size())));
            }
            value = padded.length() > maxLength ? padded.substring(0, maxLength) : padded.toString();
        }
        return value;
    }

    private static String plainText(String name, SplittableRandom random) {
        String key = name.toLowerCase(Locale.ROOT);
        if (key.contains("reason") || key.contains("explanation") || key.contains("rationale")
                || key.contains("feedback") || key.contains("comment") || key.contains("justification")
                || key.contains("summary") || key.contains("critique") || key.contains("analysis")) {
            return SENTENCES.get(random.nextInt(SENTENCES.size()));
        }
        if (key.contains("verdict") || key.contains("label") || key.contains("decision")) {
            return random.nextInt(10) < 8 ? "accept" : "reject";
        }
        if (key.contains("issue") || key.contains("problem") || key.contains("suggestion")) {
            return "Consider tightening the wording of the " + WORDS.get(random.nextInt(WORDS.size())) + ".";
        }
        if (key.contains("name") || key.contains("title")) {
            return "Sample " + WORDS.get(random.nextInt(WORDS.size()));
        }
        return WORDS.get(random.nextInt(WORDS.size())) + " looks good";
    }

    private static String singular(String name) {
        return name.endsWith("s") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
    }

    private static JsonNode resolve(String ref, JsonNode root) {
        if (!ref.startsWith("#")) {
            return NODES.objectNode();
        }
        JsonNode target = root.at(ref.substring(1));
        return target.isMissingNode() ? NODES.objectNode() : target;
    }

    private static JsonNode firstNonNull(JsonNode options, JsonNode root) {
        for (JsonNode option : options) {
            JsonNode resolved = option.has("$ref") ? resolve(option.get("$ref").asText(), root) : option;
            if (!"null".equals(resolved.path("type").asText())) {
                return option;
            }
        }
        return options.get(0);
    }

    private static JsonNode mergeAllOf(JsonNode schema, JsonNode root) {
        ObjectNode merged = ((ObjectNode) schema).deepCopy();
        merged.remove("allOf");
        ObjectNode properties = NODES.objectNode();
        ArrayNode required = NODES.arrayNode();
        List<JsonNode> parts = new ArrayList<>();
        parts.add(schema);
        for (JsonNode part : schema.get("allOf")) {
            parts.add(part.has("$ref") ? resolve(part.get("$ref").asText(), root) : part);
        }
        for (JsonNode part : parts) {
            if (part.has("properties")) {
                properties.setAll((ObjectNode) part.get("properties"));
            }
            part.path("required").forEach(required::add);
            part.fieldNames().forEachRemaining(field -> {
                if (!merged.has(field) && !field.equals("properties") && !field.equals("required")
                        && !field.equals("allOf")) {
                    merged.set(field, part.get(field));
                }
            });
        }
        if (!properties.isEmpty()) {
            merged.set("properties", properties);
            merged.put("type", "object");
        }
        merged.set("required", required);
        return merged;
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode item : array) {
            if (value.equals(item.asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsNode(ArrayNode array, JsonNode node) {
        for (JsonNode item : array) {
            if (item.equals(node)) {
                return true;
            }
        }
        return false;
    }
}
