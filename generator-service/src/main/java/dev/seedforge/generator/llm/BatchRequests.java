package dev.seedforge.generator.llm;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.seedforge.contracts.LlmSpec;
import dev.seedforge.generator.domain.GenerationPrompt;
import dev.seedforge.support.llm.AnthropicBatchClient;
import dev.seedforge.support.llm.BatchApi;
import dev.seedforge.support.llm.OpenAiBatchClient;

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
        return AnthropicBatchClient.params(model, prompt.system(), prompt.user(), prompt.temperature(), format(prompt));
    }

    /**
     * A succeeded result's answer: the chat completion of an OpenAI line, the Message of an Anthropic one (its text
     * blocks joined, its usage read as real time reads it), read by the provider's batch client.
     */
    public static TeacherAnswer answer(String provider, JsonNode body, String model) {
        return teacherAnswer(LlmSpec.ANTHROPIC.equals(provider) ? AnthropicBatchClient.answerOf(body, model)
                : OpenAiBatchClient.answerOf(body, model));
    }

    /** One chat request, as the real-time call sends it. */
    static ObjectNode body(String model, boolean strict, GenerationPrompt prompt) {
        return OpenAiBatchClient.chatBody(model, prompt.system(), prompt.user(), prompt.temperature(), format(prompt),
                strict);
    }

    private static ResponseFormat format(GenerationPrompt prompt) {
        return ExampleSchemas.of(prompt);
    }

    /**
     * The answer in an output file's line ({@code response.body} of status 200), as {@link TeacherClient} returns a
     * real-time one; null when the line holds no answer.
     */
    public static TeacherAnswer answer(JsonNode line, String model) {
        BatchApi.Result result = OpenAiBatchClient.result(line);
        return result.succeeded() ? teacherAnswer(OpenAiBatchClient.answerOf(result.body(), model)) : null;
    }

    private static TeacherAnswer teacherAnswer(BatchApi.Answer answer) {
        return new TeacherAnswer(answer.text(), answer.model(), answer.usage().inputTokens(),
                answer.usage().cachedInputTokens(), answer.usage().outputTokens(), answer.finishReason());
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
}
