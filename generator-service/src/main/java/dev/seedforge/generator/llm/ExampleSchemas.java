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
import dev.seedforge.contracts.PreferencePair;
import dev.seedforge.contracts.PreferenceSpec.FailureMode;
import dev.seedforge.contracts.ReasoningSpec;
import dev.seedforge.generator.domain.GenerationPrompt;

/**
 * The structured-output schema of a generation call (protocol v2): {@code {"examples": [record, ...]}} where each
 * record has the job's own format, without system prompt and tools list (SeedForge adds them back). Tool-call fields
 * are offered only to jobs with tools; a job with reasoning traces gets a {@code reasoning_content} field where an
 * answer is written (OpenAI's messages, ShareGPT's turns, the Alpaca record), described with its token budget.
 */
final class ExampleSchemas {

    static final String SCHEMA_NAME = "generated_examples";
    static final String OWN_TOOLS_FIELD = "tools";

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

    /** As above; with {@code reasoningMaxTokens} above 0, with the reasoning field. */
    static ResponseFormat of(ExampleFormat format, boolean tools, int reasoningMaxTokens) {
        return reasoningMaxTokens <= 0 ? of(format, tools)
                : responseFormat(record(format, tools, reasoningMaxTokens));
    }

    /**
     * The schema a call's prompt asks for: its format, tools (the job's, or each example's own), reasoning, rejected
     * answers and speakers' names.
     */
    static ResponseFormat of(GenerationPrompt prompt) {
        boolean named = prompt.withNames() && prompt.format() == ExampleFormat.OPENAI;
        if (!named && !prompt.toolsPerExample()) {
            return of(prompt.format(), prompt.withTools(), prompt.reasoningMaxTokens(), prompt.rejectedModes());
        }
        JsonObjectSchema record = named ? openAi(prompt.withTools(), prompt.reasoningMaxTokens() <= 0 ? null
                : reasoningDescription(prompt.reasoningMaxTokens()), true)
                : record(prompt.format(), prompt.withTools(), prompt.reasoningMaxTokens());
        if (prompt.toolsPerExample()) {
            record = withOwnTools(record);
        }
        return responseFormat(prompt.rejectedModes().isEmpty() ? record
                : withPreference(record, prompt.rejectedModes(), prompt.withTools()));
    }

    /**
     * A record schema with the example's own tool definitions, as a string: parameters are any JSON Schema, which a
     * strict structured-output schema cannot describe as an object.
     */
    static JsonObjectSchema withOwnTools(JsonObjectSchema record) {
        List<String> required = new java.util.ArrayList<>(record.required());
        required.add(OWN_TOOLS_FIELD);
        return JsonObjectSchema.builder().addProperties(record.properties())
                .addStringProperty(OWN_TOOLS_FIELD, "this example's own tools: a JSON array of function definitions"
                        + " {\"name\", \"description\", \"parameters\": a JSON Schema of type object}, written as a"
                        + " string; its tool calls use only these")
                .required(required)
                .additionalProperties(false)
                .build();
    }

    /** As above; with failure modes, each record also carries its rejected answer ({@link #withPreference}). */
    static ResponseFormat of(ExampleFormat format, boolean tools, int reasoningMaxTokens,
            List<FailureMode> rejectedModes) {
        if (rejectedModes == null || rejectedModes.isEmpty()) {
            return of(format, tools, reasoningMaxTokens);
        }
        return responseFormat(withPreference(record(format, tools, reasoningMaxTokens), rejectedModes, tools));
    }

    /**
     * A record schema with the preference block: {@code "preference": {"failure_mode": one of the call's modes,
     * "rejected": an assistant message (content, and tool calls for jobs with tools)}}, the same in every format.
     */
    static JsonObjectSchema withPreference(JsonObjectSchema record, List<FailureMode> modes, boolean tools) {
        JsonObjectSchema.Builder rejected = JsonObjectSchema.builder()
                .addProperty("content", JsonAnyOfSchema.builder().anyOf(new JsonStringSchema(), new JsonNullSchema())
                        .description("the worse answer's text").build());
        if (tools) {
            rejected.addProperty("tool_calls", JsonArraySchema.builder().items(toolCall()).build());
        }
        JsonObjectSchema preference = JsonObjectSchema.builder()
                .addEnumProperty("failure_mode", modes.stream().map(FailureMode::id).distinct().toList())
                .addProperty("rejected", rejected.required("content").additionalProperties(false).build())
                .required("failure_mode", "rejected")
                .additionalProperties(false)
                .build();
        List<String> required = new java.util.ArrayList<>(record.required());
        required.add(PreferencePair.FIELD);
        return JsonObjectSchema.builder().addProperties(record.properties())
                .addProperty(PreferencePair.FIELD, preference)
                .required(required)
                .additionalProperties(false)
                .build();
    }

    private static JsonObjectSchema toolCall() {
        JsonObjectSchema function = JsonObjectSchema.builder()
                .addStringProperty("name")
                .addStringProperty("arguments", "the call's arguments as a JSON object, written as a string")
                .required("name", "arguments")
                .additionalProperties(false)
                .build();
        return JsonObjectSchema.builder()
                .addStringProperty("id")
                .addEnumProperty("type", List.of("function"))
                .addProperty("function", function)
                .required("id", "type", "function")
                .additionalProperties(false)
                .build();
    }

    static JsonObjectSchema record(ExampleFormat format, boolean tools) {
        return record(format, tools, 0);
    }

    static JsonObjectSchema record(ExampleFormat format, boolean tools, int reasoningMaxTokens) {
        String reasoning = reasoningMaxTokens <= 0 ? null : reasoningDescription(reasoningMaxTokens);
        return switch (format) {
            case OPENAI -> openAi(tools, reasoning, false);
            case SHAREGPT -> shareGpt(tools, reasoning);
            case ALPACA -> alpaca(reasoning);
        };
    }

    /** The field's description: the simulator and a real model read the budget from it. */
    static String reasoningDescription(int maxTokens) {
        return "assistant turns only: the reasoning written before this answer, at most " + maxTokens + " tokens";
    }

    /** With {@code names}, a message may name its speaker ({@code name}), as a group chat's seeds do. */
    private static JsonObjectSchema openAi(boolean tools, String reasoning, boolean names) {
        JsonObjectSchema.Builder message = JsonObjectSchema.builder()
                .addEnumProperty("role", tools ? List.of("user", "assistant", "tool") : List.of("user", "assistant"))
                .addProperty("content", JsonAnyOfSchema.builder()
                        .anyOf(new JsonStringSchema(), new JsonNullSchema()).build());
        if (names) {
            message.addProperty("name", JsonAnyOfSchema.builder().anyOf(new JsonStringSchema(), new JsonNullSchema())
                    .description("the speaker's name, as the seed examples name them: letters, digits, _ and - only")
                    .build());
        }
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
        if (reasoning != null) {
            message.addProperty(ReasoningSpec.REASONING_CONTENT, JsonAnyOfSchema.builder()
                    .anyOf(new JsonStringSchema(), new JsonNullSchema()).description(reasoning).build());
        }
        return JsonObjectSchema.builder()
                .addProperty("messages", JsonArraySchema.builder()
                        .items(message.required("role", "content").additionalProperties(false).build()).build())
                .required("messages")
                .additionalProperties(false)
                .build();
    }

    private static JsonObjectSchema shareGpt(boolean tools, String reasoning) {
        JsonObjectSchema.Builder turn = JsonObjectSchema.builder()
                .addEnumProperty("from", tools ? List.of("human", "gpt", "function_call", "observation")
                        : List.of("human", "gpt"))
                .addStringProperty("value", tools ? "a function_call's value is {\"name\", \"arguments\"} as a JSON"
                        + " string; an observation's is the tool's result" : null);
        if (reasoning != null) {
            turn.addStringProperty(ReasoningSpec.REASONING_CONTENT, "gpt turns only: " + reasoning);
        }
        return JsonObjectSchema.builder()
                .addProperty("conversations", JsonArraySchema.builder()
                        .items(turn.required("from", "value").additionalProperties(false).build()).build())
                .required("conversations")
                .additionalProperties(false)
                .build();
    }

    private static JsonObjectSchema alpaca(String reasoning) {
        JsonSchemaElement pair = JsonArraySchema.builder().items(new JsonStringSchema())
                .description("[earlier instruction, earlier response]").build();
        JsonObjectSchema.Builder record = JsonObjectSchema.builder()
                .addStringProperty("instruction")
                .addStringProperty("input")
                .addStringProperty("output")
                .addProperty("history", JsonArraySchema.builder().items(pair).build());
        if (reasoning != null) {
            return record.addStringProperty(ReasoningSpec.REASONING_CONTENT, "the output's reasoning: " + reasoning)
                    .required("instruction", "input", ReasoningSpec.REASONING_CONTENT, "output")
                    .additionalProperties(false).build();
        }
        return record.required("instruction", "input", "output")
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
