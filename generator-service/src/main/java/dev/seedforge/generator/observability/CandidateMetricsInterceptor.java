package dev.seedforge.generator.observability;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.OutgoingInterceptor;

import dev.seedforge.contracts.Topics;
import dev.seedforge.support.metrics.PipelineMetrics;

/** Counts each candidate once the broker has it ({@code seedforge_candidates_emitted_total{stage="generator"}}). */
@Identifier(Topics.CANDIDATES)
@ApplicationScoped
public class CandidateMetricsInterceptor implements OutgoingInterceptor {

    static final String STAGE = "generator";

    private final PipelineMetrics metrics;

    public CandidateMetricsInterceptor(PipelineMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void onMessageAck(Message<?> message) {
        metrics.emitted(STAGE, "emitted");
    }

    @Override
    public void onMessageNack(Message<?> message, Throwable failure) {
        metrics.failed(STAGE, Topics.CANDIDATES);
    }
}
