package dev.seedforge.contracts;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.commons.text.similarity.LevenshteinDistance;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;

/**
 * Every field of a spec that nothing in it knows, each named with the field it most likely means: a spec with two
 * typos is refused once, naming both, and {@code formats} at the top is pointed to {@code export.formats}. One
 * instance per spec read.
 */
final class UnknownSpecFields extends DeserializationProblemHandler {

    private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

    private final Map<String, Collection<String>> sections;
    private final List<FieldError> errors = new ArrayList<>();

    /** @param sections the spec's sections ({@code export}, {@code rules}, ...) by name, with the fields each knows */
    UnknownSpecFields(Map<String, Collection<String>> sections) {
        this.sections = sections;
    }

    /** The spec's sections and their fields, as the reading mapper names them (snake_case). */
    static Map<String, Collection<String>> sectionsOf(DeserializationConfig config, JavaType spec) {
        Map<String, Collection<String>> sections = new LinkedHashMap<>();
        for (BeanPropertyDefinition property : config.introspect(spec).findProperties()) {
            Class<?> type = property.getRawPrimaryType();
            if (type.isRecord() && type.getPackageName().equals(JobSpec.class.getPackageName())) {
                BeanDescription section = config.introspect(config.constructType(type));
                sections.put(property.getName(), section.findProperties().stream().map(BeanPropertyDefinition::getName)
                        .collect(Collectors.toCollection(TreeSet::new)));
            }
        }
        return sections;
    }

    @Override
    public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
            JsonDeserializer<?> deserializer, Object beanOrClass, String name) throws IOException {
        String at = holderPath(context.getParser());
        Collection<String> known = deserializer.getKnownPropertyNames().stream().map(Object::toString)
                .collect(Collectors.toCollection(TreeSet::new));
        errors.add(new FieldError(SpecPath.field(at, name), message(name, known, at.isEmpty())));
        parser.skipChildren();
        return true;
    }

    /** The unknown fields found so far. */
    List<FieldError> errors() {
        return List.copyOf(errors);
    }

    /**
     * Errors in the order their fields stand in the spec (a record's unknown fields reach this handler when its object
     * ends, after those of the objects inside it); an error of no field of the spec last.
     */
    static List<FieldError> inSpecOrder(List<FieldError> errors, JsonNode spec) {
        Map<String, Integer> order = new HashMap<>();
        documentOrder(spec, "", order);
        List<FieldError> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparing(error -> order.getOrDefault(error.field(), Integer.MAX_VALUE)));
        return sorted;
    }

    private static void documentOrder(JsonNode node, String path, Map<String, Integer> order) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String child = SpecPath.field(path, field.getKey());
                order.putIfAbsent(child, order.size());
                documentOrder(field.getValue(), child, order);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                documentOrder(node.get(i), SpecPath.element(path, i), order);
            }
        }
    }

    /**
     * What the user most likely meant: a field of a section written at the top (export's {@code formats}), and the
     * known field at the same level that is the same name in another case or separator ({@code systemPrompt}) or
     * within a typo or two of it ({@code exmaples_per_call}); without either, every known field.
     */
    String message(String name, Collection<String> known, boolean topLevel) {
        List<String> meant = new ArrayList<>();
        if (topLevel) {
            sections.forEach((section, fields) -> {
                if (fields.contains(name)) {
                    meant.add(SpecPath.field(section, name));
                }
            });
        }
        String nearest = nearest(name, known);
        if (nearest != null) {
            meant.add(nearest);
        }
        if (meant.isEmpty()) {
            return "unknown field; known fields are " + String.join(", ", known);
        }
        List<String> quoted = meant.stream().map(field -> "'" + field + "'").toList();
        String choices = quoted.size() == 1 ? quoted.get(0)
                : String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.get(quoted.size() - 1);
        return "unknown field; did you mean " + choices + "?";
    }

    /** The known field {@code name} is closest to, if close enough to be a slip of the keyboard; else null. */
    static String nearest(String name, Collection<String> known) {
        String typed = normalised(name);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String field : known) {
            int distance = DISTANCE.apply(typed, normalised(field));
            if (distance < bestDistance) {
                best = field;
                bestDistance = distance;
            }
        }
        // a slip: one edit in a short name, two in a longer one, three in a long one ("exmaples_per_call" is two)
        int allowed = typed.length() <= 4 ? 1 : typed.length() <= 12 ? 2 : 3;
        return bestDistance <= allowed ? best : null;
    }

    /** A field's name without case or separators: {@code systemPrompt}, {@code system-prompt} and {@code system_prompt}. */
    private static String normalised(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[_\\-\\s]", "");
    }

    /**
     * The spec's path to the object holding the unknown field ({@code rules}, {@code judge}, empty at the top), from the
     * parser reading the spec: a record's unknown fields are handed over from a buffer when its object ends (the parser
     * then at its {@code END_OBJECT}, in the context of the object around it), others as they are read (the parser at
     * the field's value, in the context of the object holding it).
     */
    private static String holderPath(JsonParser spec) {
        JsonStreamContext context = spec.getParsingContext();
        JsonToken token = spec.currentToken();
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            context = context.getParent();
        }
        if (token != JsonToken.END_OBJECT) {
            context = context.getParent();
        }
        return SpecPath.of(context);
    }
}
