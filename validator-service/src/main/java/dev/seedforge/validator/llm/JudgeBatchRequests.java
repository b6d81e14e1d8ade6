package dev.seedforge.validator.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.seedforge.contracts.LlmSpec;
import dev.seedforge.support.llm.AnthropicBatchClient;
import dev.seedforge.support.llm.BatchApi;
import dev.seedforge.support.llm.OpenAiBatchClient;
import dev.seedforge.validator.judge.JudgePrompt;
import dev.seedforge.validator.judge.JudgeScores;

/**
 * The requests of a judge batch and the answers in its results. A request's body is the request {@link JudgeClient}
 * sends in real time: for OpenAI and OpenAI-compatible servers the chat request (the model, the prompt's system and
 * user messages, temperature 0 and the {@code judge_scores} structured-output schema of {@link JudgeClient#format},
 * strict as the real-time model sends it: LangChain4j's default for the configured endpoint, strict for a spec's own
 * {@code base_url}, as {@code ProviderChatModels} builds it); for Anthropic the Messages params langchain4j-anthropic
 * sends. Its {@code custom_id} ({@code call-<index>}) names the call in its round. Bodies are built and answers read by
 * the provider's batch client ({@link BatchApi}), as the teacher's are.
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
     * The round's requests, call {@code i} under {@code call-i}, in the judge's provider's wire format; {@code sampling}
     * ({@code top_p}, {@code presence_penalty}, {@code frequency_penalty}: what quarkus-langchain4j's configured model
     * sends, {@link #configuredSampling}) is added to chat requests, none for a spec's own endpoint.
     */
    public static List<BatchApi.Request> requests(String provider, String model, boolean strict,
            List<JudgePrompt> calls, Map<String, Double> sampling) {
        List<BatchApi.Request> requests = new ArrayList<>();
        for (int c = 0; c < calls.size(); c++) {
            requests.add(new BatchApi.Request(customId(c), LlmSpec.ANTHROPIC.equals(provider)
                    ? anthropicParams(model, calls.get(c))
                    : body(model, strict, calls.get(c), sampling)));
        }
        return requests;
    }

    /** One JSONL line of an OpenAI input file: the call's chat request under its custom_id. */
    public static String line(int call, String model, boolean strict, JudgePrompt prompt, Map<String, Double> sampling) {
        return OpenAiBatchClient.line(new BatchApi.Request(customId(call), body(model, strict, prompt, sampling)));
    }

    /** What the configured quarkus-langchain4j judge model sends besides the temperature, by its settings. */
    public static Map<String, Double> configuredSampling(double topP, double presencePenalty,
            double frequencyPenalty) {
        return Map.of("top_p", topP, "presence_penalty", presencePenalty, "frequency_penalty", frequencyPenalty);
    }

    static ObjectNode body(String model, boolean strict, JudgePrompt prompt, Map<String, Double> sampling) {
        ObjectNode body = OpenAiBatchClient.chatBody(model, prompt.system(), prompt.user(), 0.0, format(prompt),
                strict);
        sampling.forEach(body::put);
        return body;
    }

    /** One Messages request, as langchain4j-anthropic sends the real-time judge call. */
    static ObjectNode anthropicParams(String model, JudgePrompt prompt) {
        return AnthropicBatchClient.params(model, prompt.system(), prompt.user(), 0.0, format(prompt));
    }

    private static ResponseFormat format(JudgePrompt prompt) {
        return JudgeClient.format(prompt.criteria(), prompt.count(), prompt.minScore());
    }

    /**
     * A result's scores and usage, as a real-time call's; null when the provider did not answer it. A malformed answer
     * throws {@link JudgeScores.MalformedJudgeAnswerException} (billed all the same: {@code api.answer} has its usage).
     */
    public static JudgeClient.JudgeAnswer answer(BatchApi api, BatchApi.Result result, String model,
            JudgePrompt prompt) {
        if (!result.succeeded()) {
            return null;
        }
        BatchApi.Answer answer = api.answer(result.body(), model);
        return new JudgeClient.JudgeAnswer(JudgeScores.parse(answer.text(), prompt.criteria(), prompt.count()),
                answer.usage());
    }
}
