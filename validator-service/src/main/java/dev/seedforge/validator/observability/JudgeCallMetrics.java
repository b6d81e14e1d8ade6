package dev.seedforge.validator.observability;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;

import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.TokenUsage;
import dev.seedforge.support.metrics.LlmCallMetrics;
import dev.seedforge.validator.config.ValidatorConfig;
import dev.seedforge.validator.judge.JudgePrices;

/** Judge calls, tokens, cost and latency, tagged {@code client=judge}, at the validator's configured prices. */
@Singleton
public class JudgeCallMetrics extends LlmCallMetrics {

    private final JudgePrices prices;

    public JudgeCallMetrics(MeterRegistry registry, ValidatorConfig config) {
        super(registry, "judge");
        ValidatorConfig.Prices configured = config.judge().prices();
        this.prices = new JudgePrices(configured.inputPerMillion(), configured.cachedInputPerMillion(),
                configured.outputPerMillion());
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
