package dev.seedforge.support.llm;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.TokenUsage;
import dev.seedforge.contracts.tokens.PriceTable;

/**
 * The one reader of a chat completion's {@code usage}: {@code prompt_tokens}, {@code completion_tokens} and
 * {@code prompt_tokens_details.cached_tokens} (what the provider served from its prompt cache; 0 when it reports none),
 * as LangChain4j's OpenAI client hands them over. Missing counts read as 0.
 */
public record LlmUsage(long inputTokens, long cachedInputTokens, long outputTokens) {

    public static final LlmUsage NONE = new LlmUsage(0, 0, 0);

    public static LlmUsage of(ChatResponse response) {
        return response == null ? NONE : of(response.tokenUsage());
    }

    public static LlmUsage of(TokenUsage usage) {
        if (usage == null) {
            return NONE;
        }
        long cached = usage instanceof OpenAiTokenUsage openAi && openAi.inputTokensDetails() != null
                && openAi.inputTokensDetails().cachedTokens() != null ? openAi.inputTokensDetails().cachedTokens() : 0;
        return new LlmUsage(usage.inputTokenCount() == null ? 0 : usage.inputTokenCount(), cached,
                usage.outputTokenCount() == null ? 0 : usage.outputTokenCount());
    }

    /** What these tokens cost at these prices, in US dollars. */
    public double cost(PriceTable prices) {
        return prices.cost(inputTokens, cachedInputTokens, outputTokens);
    }
}
