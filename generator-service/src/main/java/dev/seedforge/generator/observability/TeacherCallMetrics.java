package dev.seedforge.generator.observability;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;

import dev.seedforge.generator.config.GeneratorConfig;
import dev.seedforge.support.metrics.LlmCallMetrics;

/**
 * Teacher calls, tokens, cost and latency: the shared recorder, tagged {@code client=teacher}, at each teacher model's prices.
 */
@Singleton
public class TeacherCallMetrics {

    @Produces
    @Singleton
    LlmCallMetrics teacherCallMetrics(MeterRegistry registry, GeneratorConfig config) {
        return new LlmCallMetrics(registry, "teacher", config.prices()::table);
    }
}
