package dev.seedforge.generator.llm;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.seedforge.contracts.Json;
import dev.seedforge.generator.domain.GenerationPrompt;

/**
 * The lines of a teacher batch and the answers in its output file. A request's {@code body} is the chat request
 * {@link TeacherClient} sends in real time (model, the system and user messages, temperature, the structured-output
 * schema of {@link ExampleSchemas}, strict as the real-time model sends it: not for the configured endpoint, whose
 * quarkus-langchain4j model leaves LangChain4j's default, strict for a spec's own {@code base_url}, whose model
 * {@code ProviderChatModels} builds strict); its
 * {@code custom_id} names the call ({@code call-<sequence>}), the key that books each answer once.
 */
public final class BatchRequests {

    private static final String PREFIX = "call-";

    private BatchRequests() {
    }

    public static String customId(long callSequence) {
        return PREFIX + callSequence;
    }

    /** The call's sequence, or -1 for a custom_id this generator did not write. */
    public static long callSequence(String customId) {
        if (customId == null || !customId.startsWith(PREFIX)) {
            return -1;
        }
        try {
            return Long.parseLong(customId.substring(PREFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The JSONL input file of these calls to {@code model}. */
    public static String jsonl(String model, boolean strict, List<GenerationPrompt> prompts) {
        StringBuilder file = new StringBuilder();
        for (GenerationPrompt prompt : prompts) {
            ObjectNode line = Json.MAPPER.createObjectNode();
            line.put("custom_id", customId(prompt.callSequence()));
            line.put("method", "POST");
            line.put("url", "/v1/chat/completions");
            line.set("body", body(model, strict, prompt));
            file.append(line).append('\n');
        }
        return file.toString();
    }

    /** One chat request, as the real-time call sends it. */
    static ObjectNode body(String model, boolean strict, GenerationPrompt prompt) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", prompt.system());
        messages.addObject().put("role", "user").put("content", prompt.user());
        body.put("temperature", prompt.temperature());
        ResponseFormat format = ExampleSchemas.of(prompt.format(), prompt.withTools(), prompt.reasoningMaxTokens());
        ObjectNode schema = body.putObject("response_format").put("type", "json_schema").putObject("json_schema");
        schema.put("name", format.jsonSchema().name());
        schema.put("strict", strict);
        schema.set("schema", Json.MAPPER.valueToTree(JsonSchemaElementUtils.toMap(format.jsonSchema().rootElement(),
                strict)));
        return body;
    }

    /**
     * The answer in an output file's line ({@code response.body} of status 200), as {@link TeacherClient} returns a
     * real-time one; null when the line holds no answer.
     */
    public static TeacherAnswer answer(JsonNode line, String model) {
        JsonNode response = line.path("response");
        if (response.path("status_code").asInt() != 200) {
            return null;
        }
        JsonNode body = response.path("body");
        JsonNode choice = body.path("choices").path(0);
        JsonNode usage = body.path("usage");
        String finish = choice.path("finish_reason").asText(null);
        return new TeacherAnswer(choice.path("message").path("content").asText(""),
                body.path("model").asText(model), usage.path("prompt_tokens").asLong(),
                usage.path("prompt_tokens_details").path("cached_tokens").asLong(),
                usage.path("completion_tokens").asLong(), finishReason(finish));
    }

    /** Why a line holds no answer: its error code, or its status and error message. */
    public static String problem(JsonNode line) {
        JsonNode error = line.path("error");
        if (error.isObject()) {
            return error.path("code").asText("error") + ": " + error.path("message").asText("");
        }
        JsonNode response = line.path("response");
        return "status " + response.path("status_code").asInt() + ": "
                + response.path("body").path("error").path("message").asText("");
    }

    /** OpenAI's finish reasons in LangChain4j's names, as real-time answers carry them. */
    private static String finishReason(String finish) {
        if (finish == null) {
            return null;
        }
        return switch (finish) {
            case "tool_calls", "function_call" -> "TOOL_EXECUTION";
            default -> finish.toUpperCase(Locale.ROOT);
        };
    }
}
