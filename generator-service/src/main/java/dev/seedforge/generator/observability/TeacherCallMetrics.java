package dev.seedforge.generator.observability;

import io.micrometer.core.instrument.MeterRegistry;

import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.TokenUsage;
import dev.seedforge.generator.config.GeneratorConfig;
import dev.seedforge.generator.domain.PriceTable;
import dev.seedforge.support.metrics.LlmCallMetrics;

/** Teacher calls, tokens, cost and latency, tagged {@code client=teacher}, at the generator's configured prices. */
@jakarta.inject.Singleton
public class TeacherCallMetrics extends LlmCallMetrics {

    private final PriceTable prices;

    public TeacherCallMetrics(MeterRegistry registry, GeneratorConfig config) {
        super(registry, "teacher");
        this.prices = config.prices().table();
    }

    @Override
    protected double costUsd(long inputTokens, long cachedInputTokens, long outputTokens) {
        return prices.cost(inputTokens, cachedInputTokens, outputTokens);
    }

    @Override
    protected long cachedInputTokens(TokenUsage usage) {
        return usage instanceof OpenAiTokenUsage openAi && openAi.inputTokensDetails() != null
                && openAi.inputTokensDetails().cachedTokens() != null ? openAi.inputTokensDetails().cachedTokens() : 0;
    }
}
