package dev.seedforge.simulator.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/** A {@code chat.completion} object as OpenAI returns it. */
public record ChatCompletion(String id, String object, long created, String model, List<Choice> choices, Usage usage,
        @JsonProperty("system_fingerprint") String systemFingerprint) {

    public static final String OBJECT = "chat.completion";

    public record Choice(int index, AssistantMessage message, JsonNode logprobs,
            @JsonProperty("finish_reason") String finishReason) {
    }

    public record AssistantMessage(String role, String content, String refusal) {
    }

    public record Usage(@JsonProperty("prompt_tokens") int promptTokens,
            @JsonProperty("completion_tokens") int completionTokens,
            @JsonProperty("total_tokens") int totalTokens,
            @JsonProperty("prompt_tokens_details") PromptTokensDetails promptTokensDetails,
            @JsonProperty("completion_tokens_details") CompletionTokensDetails completionTokensDetails) {
    }

    public record PromptTokensDetails(@JsonProperty("cached_tokens") int cachedTokens) {
    }

    public record CompletionTokensDetails(@JsonProperty("reasoning_tokens") int reasoningTokens) {
    }
}
