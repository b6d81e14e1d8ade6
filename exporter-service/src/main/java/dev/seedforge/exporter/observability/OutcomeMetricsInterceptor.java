package dev.seedforge.exporter.observability;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.IncomingInterceptor;

import dev.seedforge.contracts.DedupDecision;
import dev.seedforge.contracts.DeduplicatedCandidate;
import dev.seedforge.contracts.Topics;
import dev.seedforge.support.metrics.PipelineMetrics;

/**
 * The exporter's candidate counters: each final outcome received on {@code deduplicated}, and once stored, counted by
 * what it is for the dataset ({@code accepted}: unique and valid; {@code rejected}; {@code duplicate}).
 */
@Identifier(Topics.DEDUPLICATED)
@ApplicationScoped
public class OutcomeMetricsInterceptor implements IncomingInterceptor {

    static final String STAGE = "exporter";

    private final PipelineMetrics metrics;

    public OutcomeMetricsInterceptor(PipelineMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public Message<?> afterMessageReceive(Message<?> message) {
        metrics.received(STAGE);
        return message;
    }

    @Override
    public void onMessageAck(Message<?> message) {
        if (!(message.getPayload() instanceof DeduplicatedCandidate outcome) || outcome.verdict() == null) {
            return;
        }
        if (!outcome.verdict().accepted()) {
            metrics.emitted(STAGE, "rejected");
        } else if (outcome.dedup() != null && outcome.dedup().status() == DedupDecision.Status.DUPLICATE) {
            metrics.emitted(STAGE, "duplicate");
        } else {
            metrics.emitted(STAGE, "accepted");
        }
    }

    @Override
    public void onMessageNack(Message<?> message, Throwable failure) {
        metrics.failed(STAGE, Topics.DEDUPLICATED);
    }
}
