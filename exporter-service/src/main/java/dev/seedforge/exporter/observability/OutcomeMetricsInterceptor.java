package dev.seedforge.exporter.observability;

import java.util.List;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.common.annotation.Identifier;

import dev.seedforge.contracts.DedupDecision;
import dev.seedforge.contracts.DeduplicatedCandidate;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.Topics;
import dev.seedforge.support.metrics.PipelineMetrics;
import dev.seedforge.support.metrics.ReceivedCandidates;

/**
 * The exporter's candidate counters: each final outcome received on {@code deduplicated}, and once stored, counted by
 * what it is for the dataset ({@code accepted}: unique and valid; {@code rejected}; {@code duplicate}).
 */
@Identifier(Topics.DEDUPLICATED)
@Singleton
public class OutcomeMetricsInterceptor extends ReceivedCandidates {

    public static final String STAGE = "exporter";

    public OutcomeMetricsInterceptor(PipelineMetrics metrics) {
        super(metrics, STAGE, Topics.DEDUPLICATED);
    }

    @Override
    public void onMessageAck(Message<?> message) {
        // a batch's message carries its records' values
        if (message.getPayload() instanceof List<?> batch) {
            batch.forEach(value -> count(outcomeOf(value)));
        } else {
            count(outcomeOf(message.getPayload()));
        }
    }

    private void count(DeduplicatedCandidate outcome) {
        if (outcome == null || outcome.verdict() == null) {
            return;
        }
        if (!outcome.verdict().accepted()) {
            metrics.emitted(stage, "rejected");
        } else if (outcome.dedup() != null && outcome.dedup().status() == DedupDecision.Status.DUPLICATE) {
            metrics.emitted(stage, "duplicate");
        } else {
            metrics.emitted(stage, "accepted");
        }
    }

    /** The consumer takes records as text (so a broken one reaches its dead-letter topic as it came): read it again. */
    private static DeduplicatedCandidate outcomeOf(Object payload) {
        if (payload instanceof DeduplicatedCandidate outcome) {
            return outcome;
        }
        if (payload instanceof String json) {
            try {
                return Json.MAPPER.readValue(json, DeduplicatedCandidate.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return null;
            }
        }
        return null;
    }
}
