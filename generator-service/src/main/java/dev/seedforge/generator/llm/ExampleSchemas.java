package dev.seedforge.generator.llm;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.seedforge.contracts.ExampleFormat;

/**
 * The structured-output schema of a generation call (protocol v2): {@code {"examples": [record, ...]}} where each
 * record has the job's own format, without system prompt and tools list (SeedForge adds them back). Tool-call fields
 * are offered only to jobs with tools.
 */
final class ExampleSchemas {

    static final String SCHEMA_NAME = "generated_examples";

    private static final Map<ExampleFormat, ResponseFormat> WITH_TOOLS = new EnumMap<>(ExampleFormat.class);
    private static final Map<ExampleFormat, ResponseFormat> WITHOUT_TOOLS = new EnumMap<>(ExampleFormat.class);

    static {
        for (ExampleFormat format : ExampleFormat.values()) {
            WITH_TOOLS.put(format, responseFormat(record(format, true)));
            WITHOUT_TOOLS.put(format, responseFormat(record(format, false)));
        }
    }

    private ExampleSchemas() {
    }

    static ResponseFormat of(ExampleFormat format, boolean tools) {
        return (tools ? WITH_TOOLS : WITHOUT_TOOLS).get(format);
    }

    static JsonObjectSchema record(ExampleFormat format, boolean tools) {
        return switch (format) {
            case OPENAI -> openAi(tools);
            case SHAREGPT -> shareGpt(tools);
            case ALPACA -> alpaca();
        };
    }

    private static JsonObjectSchema openAi(boolean tools) {
        JsonObjectSchema.Builder message = JsonObjectSchema.builder()
                .addEnumProperty("role", tools ? List.of("user", "assistant", "tool") : List.of("user", "assistant"))
                .addProperty("content", JsonAnyOfSchema.builder()
                        .anyOf(new JsonStringSchema(), new JsonNullSchema()).build());
        if (tools) {
            JsonObjectSchema function = JsonObjectSchema.builder()
                    .addStringProperty("name")
                    .addStringProperty("arguments", "the call's arguments as a JSON object, written as a string")
                    .required("name", "arguments")
                    .additionalProperties(false)
                    .build();
            JsonObjectSchema call = JsonObjectSchema.builder()
                    .addStringProperty("id")
                    .addEnumProperty("type", List.of("function"))
                    .addProperty("function", function)
                    .required("id", "type", "function")
                    .additionalProperties(false)
                    .build();
            message.addProperty("tool_calls", JsonArraySchema.builder().items(call).build())
                    .addStringProperty("tool_call_id");
        }
        return JsonObjectSchema.builder()
                .addProperty("messages", JsonArraySchema.builder()
                        .items(message.required("role", "content").additionalProperties(false).build()).build())
                .required("messages")
                .additionalProperties(false)
                .build();
    }

    private static JsonObjectSchema shareGpt(boolean tools) {
        JsonObjectSchema turn = JsonObjectSchema.builder()
                .addEnumProperty("from", tools ? List.of("human", "gpt", "function_call", "observation")
                        : List.of("human", "gpt"))
                .addStringProperty("value", tools ? "a function_call's value is {\"name\", \"arguments\"} as a JSON"
                        + " string; an observation's is the tool's result" : null)
                .required("from", "value")
                .additionalProperties(false)
                .build();
        return JsonObjectSchema.builder()
                .addProperty("conversations", JsonArraySchema.builder().items(turn).build())
                .required("conversations")
                .additionalProperties(false)
                .build();
    }

    private static JsonObjectSchema alpaca() {
        JsonSchemaElement pair = JsonArraySchema.builder().items(new JsonStringSchema())
                .description("[earlier instruction, earlier response]").build();
        return JsonObjectSchema.builder()
                .addStringProperty("instruction")
                .addStringProperty("input")
                .addStringProperty("output")
                .addProperty("history", JsonArraySchema.builder().items(pair).build())
                .required("instruction", "input", "output")
                .additionalProperties(false)
                .build();
    }

    private static ResponseFormat responseFormat(JsonObjectSchema example) {
        JsonObjectSchema root = JsonObjectSchema.builder()
                .addProperty("examples", JsonArraySchema.builder().items(example).build())
                .required("examples")
                .additionalProperties(false)
                .build();
        return ResponseFormat.builder().type(ResponseFormatType.JSON)
                .jsonSchema(JsonSchema.builder().name(SCHEMA_NAME).rootElement(root).build()).build();
    }
}
