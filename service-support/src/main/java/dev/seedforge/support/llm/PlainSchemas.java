package dev.seedforge.support.llm;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.model.chat.response.ChatResponse;

/**
 * Rewrites a response schema's raw JSON Schema parts ({@link JsonRawSchema}, e.g. the judge's integer scores with
 * {@code minimum} / {@code maximum}) into LangChain4j's typed elements, for provider modules that map only those
 * (Gemini's {@code responseSchema}). Bounds and formats the typed elements cannot hold go into the description, so the
 * model still reads them; the caller's own check of the answer (a score out of range is malformed) stays the guard.
 */
public final class PlainSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PlainSchemas() {
    }

    /** A model that sends every request with its response schema made plain. */
    static ChatModel wrap(ChatModel delegate) {
        return new ChatModel() {
            @Override
            public ChatResponse chat(ChatRequest request) {
                return delegate.chat(plain(request));
            }

            @Override
            public ChatResponse chat(List<ChatMessage> messages) {
                return delegate.chat(messages);
            }
        };
    }

    static ChatRequest plain(ChatRequest request) {
        ResponseFormat format = request.responseFormat();
        if (format == null || format.jsonSchema() == null) {
            return request;
        }
        JsonSchema schema = format.jsonSchema();
        ResponseFormat plain = ResponseFormat.builder().type(format.type()).jsonSchema(
                JsonSchema.builder().name(schema.name()).rootElement(plain(schema.rootElement())).build()).build();
        return ChatRequest.builder().messages(request.messages()).parameters(request.parameters()
                .overrideWith(ChatRequestParameters.builder().responseFormat(plain).build())).build();
    }

    /** {@code element} with every raw part replaced by typed elements. */
    public static JsonSchemaElement plain(JsonSchemaElement element) {
        if (element instanceof JsonRawSchema raw) {
            try {
                return fromJson(JSON.readTree(raw.schema()));
            } catch (JsonProcessingException e) {
                return JsonStringSchema.builder().description(raw.description()).build();
            }
        }
        if (element instanceof JsonObjectSchema object) {
            Map<String, JsonSchemaElement> properties = new LinkedHashMap<>();
            object.properties().forEach((name, property) -> properties.put(name, plain(property)));
            return JsonObjectSchema.builder().description(object.description()).addProperties(properties)
                    .required(object.required() == null ? List.of() : object.required())
                    .additionalProperties(object.additionalProperties()).build();
        }
        if (element instanceof JsonArraySchema array) {
            return JsonArraySchema.builder().description(array.description()).items(plain(array.items())).build();
        }
        if (element instanceof JsonAnyOfSchema anyOf) {
            return JsonAnyOfSchema.builder().description(anyOf.description())
                    .anyOf(anyOf.anyOf().stream().map(PlainSchemas::plain).toList()).build();
        }
        return element;
    }

    /** A JSON Schema (the subset structured output uses) as typed elements. */
    static JsonSchemaElement fromJson(JsonNode schema) {
        String description = describe(schema);
        if (schema.has("enum")) {
            List<String> values = new ArrayList<>();
            schema.get("enum").forEach(v -> values.add(v.asText()));
            return JsonEnumSchema.builder().description(description).enumValues(values).build();
        }
        String type = schema.path("type").isArray() ? schema.path("type").path(0).asText("string")
                : schema.path("type").asText(schema.has("properties") ? "object" : "string");
        return switch (type) {
            case "integer" -> JsonIntegerSchema.builder().description(description).build();
            case "number" -> JsonNumberSchema.builder().description(description).build();
            case "boolean" -> JsonBooleanSchema.builder().description(description).build();
            case "array" -> JsonArraySchema.builder().description(description)
                    .items(fromJson(schema.path("items").isObject() ? schema.get("items") : JSON.createObjectNode()))
                    .build();
            case "object" -> {
                JsonObjectSchema.Builder object = JsonObjectSchema.builder().description(description);
                Iterator<Map.Entry<String, JsonNode>> fields = schema.path("properties").fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    object.addProperty(field.getKey(), fromJson(field.getValue()));
                }
                List<String> required = new ArrayList<>();
                schema.path("required").forEach(r -> required.add(r.asText()));
                if (schema.path("additionalProperties").isBoolean()) {
                    object.additionalProperties(schema.get("additionalProperties").asBoolean());
                }
                yield object.required(required).build();
            }
            default -> JsonStringSchema.builder().description(description).build();
        };
    }

    /** The description with the bounds a typed element cannot carry: {@code "score (minimum 1, maximum 10)"}. */
    private static String describe(JsonNode schema) {
        List<String> bounds = new ArrayList<>();
        for (String keyword : List.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength",
                "maxLength", "pattern", "format", "minItems", "maxItems")) {
            if (schema.has(keyword)) {
                bounds.add(keyword + " " + schema.get(keyword).asText());
            }
        }
        String description = schema.path("description").asText("");
        if (bounds.isEmpty()) {
            return description.isEmpty() ? null : description;
        }
        return (description.isEmpty() ? "" : description + " ") + "(" + String.join(", ", bounds) + ")";
    }
}
