package dev.seedforge.validator.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.seedforge.contracts.Json;
import dev.seedforge.support.llm.BatchApi;
import dev.seedforge.support.llm.LlmUsage;
import dev.seedforge.support.llm.OpenAiBatchClient;
import dev.seedforge.validator.judge.JudgePrompt;
import dev.seedforge.validator.judge.JudgeScores;

/**
 * The lines of a judge batch and the answers in its output file. A line's {@code body} is the chat request
 * {@link JudgeClient} sends in real time: the model, the prompt's system and user messages, temperature 0 and the
 * {@code judge_scores} structured-output schema of {@link JudgeClient#format}, strict as the real-time model sends it
 * (LangChain4j's default for the configured endpoint, strict for a spec's own {@code base_url}, as
 * {@code ProviderChatModels} builds it). Its {@code custom_id} ({@code call-<index>}) names the call in its round.
 */
public final class JudgeBatchRequests {

    private JudgeBatchRequests() {
    }

    public static String customId(int call) {
        return BatchApi.customId(call);
    }

    /** The call's index, or -1 for a custom_id this validator did not write. */
    public static int callIndex(String customId) {
        return (int) BatchApi.callOf(customId);
    }

    /**
     * One JSONL line: the call's request to {@code model}, with the sampling parameters the real-time model adds
     * ({@code top_p}, {@code presence_penalty}, {@code frequency_penalty}: quarkus-langchain4j's configured model sends
     * them, {@link #configuredSampling}; none for a spec's own endpoint).
     */
    public static String line(int call, String model, boolean strict, JudgePrompt prompt,
            java.util.Map<String, Double> sampling) {
        ObjectNode body = body(model, strict, prompt);
        sampling.forEach(body::put);
        return OpenAiBatchClient.line(new BatchApi.Request(customId(call), body));
    }

    /** What the configured quarkus-langchain4j judge model sends besides the temperature, by its settings. */
    public static java.util.Map<String, Double> configuredSampling(double topP, double presencePenalty,
            double frequencyPenalty) {
        return java.util.Map.of("top_p", topP, "presence_penalty", presencePenalty, "frequency_penalty",
                frequencyPenalty);
    }

    static ObjectNode body(String model, boolean strict, JudgePrompt prompt) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", prompt.system());
        messages.addObject().put("role", "user").put("content", prompt.user());
        body.put("temperature", 0.0);
        ResponseFormat format = JudgeClient.format(prompt.criteria(), prompt.count(), prompt.minScore());
        ObjectNode schema = body.putObject("response_format").put("type", "json_schema").putObject("json_schema");
        schema.put("name", format.jsonSchema().name());
        schema.put("strict", strict);
        schema.set("schema", Json.MAPPER.valueToTree(JsonSchemaElementUtils.toMap(format.jsonSchema().rootElement(),
                strict)));
        return body;
    }

    /** An answered line's scores and usage, as a real-time call's; null when the line holds no answer. */
    public static JudgeClient.JudgeAnswer answer(JsonNode line, JudgePrompt prompt) {
        JsonNode response = line.path("response");
        if (response.path("status_code").asInt() != 200) {
            return null;
        }
        JsonNode body = response.path("body");
        String text = body.path("choices").path(0).path("message").path("content").asText(null);
        JsonNode usage = body.path("usage");
        JudgeScores scores = JudgeScores.parse(text, prompt.criteria(), prompt.count());
        return new JudgeClient.JudgeAnswer(scores, new LlmUsage(usage.path("prompt_tokens").asLong(),
                usage.path("prompt_tokens_details").path("cached_tokens").asLong(),
                usage.path("completion_tokens").asLong()));
    }
}
