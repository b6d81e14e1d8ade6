package dev.seedforge.validator.observability;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;

import dev.seedforge.support.metrics.LlmCallMetrics;
import dev.seedforge.validator.config.ValidatorConfig;

/** Judge calls, tokens, cost and latency: the shared recorder, tagged {@code client=judge}, at each judge model's prices. */
@Singleton
public class JudgeCallMetrics {

    @Produces
    @Singleton
    LlmCallMetrics judgeCallMetrics(MeterRegistry registry, ValidatorConfig config) {
        return new LlmCallMetrics(registry, "judge", config.judge().prices()::table);
    }
}
