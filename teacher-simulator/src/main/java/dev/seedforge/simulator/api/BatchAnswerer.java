package dev.seedforge.simulator.api;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.seedforge.contracts.tokens.TokenCounter;
import dev.seedforge.simulator.domain.BatchQueue;
import dev.seedforge.simulator.domain.ChatInput;
import dev.seedforge.simulator.domain.PromptCache;
import dev.seedforge.simulator.domain.PromptTokens;
import dev.seedforge.simulator.domain.SimulatedAnswer;
import dev.seedforge.simulator.domain.TeacherSimulator;

/**
 * Answers one batch line's body with what {@code POST /v1/chat/completions} answers the same body (same content,
 * usage and cached tokens), so batch and real-time runs of a job see the same teacher. Faults, rate limits and
 * latency belong to the real-time path and are not applied.
 */
@Singleton
public class BatchAnswerer {

    private final TeacherSimulator simulator;
    private final PromptCache promptCache;
    private final ObjectMapper mapper;
    private final TokenCounter tokens = TokenCounter.o200k();

    public BatchAnswerer(TeacherSimulator simulator, PromptCache promptCache, ObjectMapper mapper) {
        this.simulator = simulator;
        this.promptCache = promptCache;
        this.mapper = mapper;
    }

    public BatchQueue.LineAnswer answer(String apiKey, JsonNode body) {
        ChatCompletionRequest request;
        try {
            request = mapper.treeToValue(body, ChatCompletionRequest.class);
        } catch (Exception e) {
            return error("the request body is not a chat completion request: " + e.getMessage(), null);
        }
        String[] invalid = ChatCompletionsResource.invalid(request);
        if (invalid != null) {
            return error(invalid[0], invalid[1]);
        }
        ChatInput input = request.toInput();
        String model = input.model() == null ? ChatCompletionsResource.MODELS.get(0) : input.model();
        PromptTokens prompt = PromptTokens.of(tokens, input.messages());
        SimulatedAnswer answer = simulator.answer(input, prompt);
        int cached = promptCache.cachedTokens(apiKey, input.messages(), prompt);
        ChatCompletion completion = ChatCompletionsResource.completion(simulator.seed(), model, input, answer, cached);
        return new BatchQueue.LineAnswer(200, mapper.valueToTree(completion), answer.promptTokens(),
                answer.completionTokens());
    }

    private BatchQueue.LineAnswer error(String message, String param) {
        return new BatchQueue.LineAnswer(400, mapper.valueToTree(OpenAiError.invalidRequest(message, param)), 0, 0);
    }
}
