package dev.seedforge.generator.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.anthropic.AnthropicTokenUsage;
import dev.langchain4j.model.anthropic.internal.mapper.AnthropicMapper;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.LlmSpec;
import dev.seedforge.generator.domain.GenerationPrompt;
import dev.seedforge.support.llm.BatchApi;
import dev.seedforge.support.llm.LlmUsage;
import dev.seedforge.support.llm.OpenAiBatchClient;
import dev.seedforge.support.llm.ProviderChatModels;

/**
 * The lines of a teacher batch and the answers in its output file. A request's {@code body} is the chat request
 * {@link TeacherClient} sends in real time (model, the system and user messages, temperature, the structured-output
 * schema of {@link ExampleSchemas}, strict as the real-time model sends it: not for the configured endpoint, whose
 * quarkus-langchain4j model leaves LangChain4j's default, strict for a spec's own {@code base_url}, whose model
 * {@code ProviderChatModels} builds strict); its
 * {@code custom_id} names the call ({@code call-<sequence>}), the key that books each answer once. For Anthropic a
 * request's {@code params} are the Messages request langchain4j-anthropic sends in real time (the system prompt as a
 * text block, the user message, {@code max_tokens}, temperature, {@code output_config.format} with the schema mapped
 * as it maps it), and an answer is a Message read as its real-time answer is read ({@link LlmUsage}).
 */
public final class BatchRequests {

    private BatchRequests() {
    }

    public static String customId(long callSequence) {
        return BatchApi.customId(callSequence);
    }

    /** The call's sequence, or -1 for a custom_id this generator did not write. */
    public static long callSequence(String customId) {
        return BatchApi.callOf(customId);
    }

    /** The JSONL input file of these calls to {@code model}. */
    public static String jsonl(String model, boolean strict, List<GenerationPrompt> prompts) {
        StringBuilder file = new StringBuilder();
        for (GenerationPrompt prompt : prompts) {
            file.append(OpenAiBatchClient.line(new BatchApi.Request(customId(prompt.callSequence()),
                    body(model, strict, prompt))));
        }
        return file.toString();
    }

    /** The round's requests for the teacher's provider: chat requests, or Anthropic's Messages params. */
    public static List<BatchApi.Request> requests(String provider, String model, boolean strict,
            List<GenerationPrompt> prompts) {
        List<BatchApi.Request> requests = new ArrayList<>();
        for (GenerationPrompt prompt : prompts) {
            requests.add(new BatchApi.Request(customId(prompt.callSequence()), LlmSpec.ANTHROPIC.equals(provider)
                    ? anthropicParams(model, prompt)
                    : body(model, strict, prompt)));
        }
        return requests;
    }

    /** One Messages request, as langchain4j-anthropic sends the real-time call ({@code ProviderChatModels}). */
    static ObjectNode anthropicParams(String model, GenerationPrompt prompt) {
        ObjectNode params = Json.MAPPER.createObjectNode();
        params.put("model", model);
        params.putArray("messages").addObject().put("role", "user").putArray("content").addObject()
                .put("type", "text").put("text", prompt.user());
        params.putArray("system").addObject().put("type", "text").put("text", prompt.system());
        params.put("max_tokens", ProviderChatModels.DEFAULT_MAX_OUTPUT_TOKENS);
        params.put("temperature", prompt.temperature());
        ResponseFormat format = ExampleSchemas.of(prompt.format(), prompt.withTools(), prompt.reasoningMaxTokens(),
                prompt.rejectedModes());
        params.putObject("output_config").putObject("format").put("type", "json_schema").set("schema",
                Json.MAPPER.valueToTree(AnthropicMapper.toAnthropicSchema(format.jsonSchema().rootElement())));
        return params;
    }

    /**
     * A succeeded result's answer: the chat completion of an OpenAI line, the Message of an Anthropic one (its text
     * blocks joined, its usage read as real time reads it).
     */
    public static TeacherAnswer answer(String provider, JsonNode body, String model) {
        if (!LlmSpec.ANTHROPIC.equals(provider)) {
            JsonNode line = Json.MAPPER.createObjectNode().set("response", Json.MAPPER.createObjectNode()
                    .put("status_code", 200).set("body", body));
            return answer(line, model);
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode block : body.path("content")) {
            if ("text".equals(block.path("type").asText())) {
                texts.add(block.path("text").asText(""));
            }
        }
        JsonNode usage = body.path("usage");
        LlmUsage read = LlmUsage.of(AnthropicTokenUsage.builder().inputTokenCount(count(usage, "input_tokens"))
                .outputTokenCount(count(usage, "output_tokens"))
                .cacheReadInputTokens(count(usage, "cache_read_input_tokens"))
                .cacheCreationInputTokens(count(usage, "cache_creation_input_tokens")).build());
        String stop = body.path("stop_reason").asText(null);
        return new TeacherAnswer(String.join("\n", texts), body.path("model").asText(model), read.inputTokens(),
                read.cachedInputTokens(), read.outputTokens(),
                stop == null ? null : AnthropicMapper.toFinishReason(stop).name());
    }

    private static Integer count(JsonNode usage, String field) {
        return usage.path(field).isNumber() ? usage.path(field).asInt() : null;
    }

    /** One chat request, as the real-time call sends it. */
    static ObjectNode body(String model, boolean strict, GenerationPrompt prompt) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", prompt.system());
        messages.addObject().put("role", "user").put("content", prompt.user());
        body.put("temperature", prompt.temperature());
        ResponseFormat format = ExampleSchemas.of(prompt.format(), prompt.withTools(), prompt.reasoningMaxTokens(),
                prompt.rejectedModes());
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
