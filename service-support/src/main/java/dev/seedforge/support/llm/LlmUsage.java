package dev.seedforge.support.llm;

import dev.langchain4j.model.anthropic.AnthropicTokenUsage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.googleai.GoogleAiGeminiTokenUsage;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.TokenUsage;
import dev.seedforge.contracts.tokens.PriceTable;

/**
 * The one reader of a model answer's usage, as LangChain4j's provider modules hand it over, in one shape: input tokens
 * (all of them, cached ones included), the cached share, output tokens. OpenAI: {@code prompt_tokens},
 * {@code prompt_tokens_details.cached_tokens}, {@code completion_tokens}. Anthropic: {@code input_tokens} counts only
 * the uncached input, so {@code cache_read_input_tokens} and {@code cache_creation_input_tokens} are added to it, and
 * the cache reads are the cached share; {@code output_tokens}. Gemini: {@code usageMetadata.promptTokenCount}
 * (cached included), {@code cachedContentTokenCount}, {@code candidatesTokenCount} plus {@code thoughtsTokenCount}
 * (billed as output). Missing counts read as 0.
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
        long input = count(usage.inputTokenCount());
        long output = count(usage.outputTokenCount());
        long cached = 0;
        if (usage instanceof OpenAiTokenUsage openAi && openAi.inputTokensDetails() != null) {
            cached = count(openAi.inputTokensDetails().cachedTokens());
        } else if (usage instanceof AnthropicTokenUsage anthropic) {
            cached = count(anthropic.cacheReadInputTokens());
            input += cached + count(anthropic.cacheCreationInputTokens());
        } else if (usage instanceof GoogleAiGeminiTokenUsage gemini) {
            cached = count(gemini.cachedContentTokenCount());
            output += count(gemini.thoughtsTokenCount());
        }
        return new LlmUsage(input, cached, output);
    }

    private static long count(Integer value) {
        return value == null ? 0 : value;
    }

    /** What these tokens cost at these prices, in US dollars. */
    public double cost(PriceTable prices) {
        return prices.cost(inputTokens, cachedInputTokens, outputTokens);
    }
}
