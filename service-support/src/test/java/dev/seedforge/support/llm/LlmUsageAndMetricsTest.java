package dev.seedforge.support.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.TokenUsage;
import dev.seedforge.contracts.tokens.PriceTable;
import dev.seedforge.support.metrics.LlmCallMetrics;

class LlmUsageAndMetricsTest {

    private static OpenAiTokenUsage openAi(int input, Integer cached, int output) {
        return OpenAiTokenUsage.builder().inputTokenCount(input).outputTokenCount(output)
                .inputTokensDetails(OpenAiTokenUsage.InputTokensDetails.builder().cachedTokens(cached).build())
                .build();
    }

    @Test
    void readsPromptCompletionAndCachedTokens() {
        assertEquals(new LlmUsage(2_000, 1_024, 300), LlmUsage.of(openAi(2_000, 1_024, 300)));
        assertEquals(new LlmUsage(2_000, 0, 300), LlmUsage.of(openAi(2_000, null, 300)), "no cached_tokens");
        assertEquals(new LlmUsage(10, 0, 5), LlmUsage.of(new TokenUsage(10, 5)), "a provider without details");
        assertEquals(LlmUsage.NONE, LlmUsage.of((TokenUsage) null));
        assertEquals(new LlmUsage(0, 0, 7), LlmUsage.of(new TokenUsage(null, 7)));
    }

    @Test
    void pricesTheUsage() {
        PriceTable prices = new PriceTable(0.15, 0.075, 0.60);
        assertEquals((976 * 0.15 + 1_024 * 0.075 + 300 * 0.60) / 1e6,
                LlmUsage.of(openAi(2_000, 1_024, 300)).cost(prices), 1e-15);
    }

    @Test
    void theRecorderCountsTokensAndCostUnderItsRole() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LlmCallMetrics judge = new LlmCallMetrics(registry, "judge", new PriceTable(1, 0.5, 2));
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from("score this")).modelName("m").build();
        Map<Object, Object> attributes = new HashMap<>();
        judge.onRequest(new ChatModelRequestContext(request, ModelProvider.OPEN_AI, attributes));
        ChatResponse response = ChatResponse.builder().aiMessage(AiMessage.from("{}")).modelName("m-2024")
                .tokenUsage(openAi(1_000_000, 400_000, 1_000_000)).build();
        judge.onResponse(new ChatModelResponseContext(response, request, ModelProvider.OPEN_AI, attributes));

        assertEquals(400_000, registry.get(LlmCallMetrics.TOKENS).tag("client", "judge").tag("model", "m-2024")
                .tag("kind", "cached").counter().count());
        assertEquals(0.6 + 0.2 + 2, registry.get(LlmCallMetrics.COST).tag("client", "judge").counter().count(), 1e-9);
        assertEquals(1, registry.get(LlmCallMetrics.CALLS).tag("client", "judge").tag("outcome", "success")
                .counter().count());
        assertEquals(1, registry.get(LlmCallMetrics.LATENCY).tag("client", "judge").timer().count());
    }
}
