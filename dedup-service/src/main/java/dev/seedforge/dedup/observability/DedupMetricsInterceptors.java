package dev.seedforge.dedup.observability;

import java.util.Locale;

import jakarta.inject.Singleton;

import io.smallrye.common.annotation.Identifier;

import dev.seedforge.contracts.DedupDecision;
import dev.seedforge.contracts.DeduplicatedCandidate;
import dev.seedforge.contracts.Topics;
import dev.seedforge.support.metrics.EmittedCandidates;
import dev.seedforge.support.metrics.PipelineMetrics;
import dev.seedforge.support.metrics.ReceivedCandidates;

/**
 * Dedup's candidate counters, taken at the channels: received on {@code validated}, sent on {@code deduplicated} by
 * decision ({@code unique}, {@code duplicate}, {@code not_checked} for candidates the validator rejected), and each
 * duplicate by the method that found it as its reason ({@code exact}, {@code minhash}, {@code embedding},
 * {@code decontamination}).
 */
public final class DedupMetricsInterceptors {

    public static final String STAGE = "dedup";

    private DedupMetricsInterceptors() {
    }

    @Identifier(Topics.VALIDATED)
    @Singleton
    public static class Received extends ReceivedCandidates {

        public Received(PipelineMetrics metrics) {
            super(metrics, STAGE, Topics.VALIDATED);
        }
    }

    @Identifier(Topics.DEDUPLICATED)
    @Singleton
    public static class Emitted extends EmittedCandidates<DeduplicatedCandidate> {

        public Emitted(PipelineMetrics metrics) {
            super(metrics, STAGE, Topics.DEDUPLICATED, DeduplicatedCandidate.class);
        }

        @Override
        protected void count(DeduplicatedCandidate deduplicated) {
            DedupDecision decision = deduplicated.dedup();
            if (decision == null) {
                return;
            }
            metrics.emitted(stage, decision.status().name().toLowerCase(Locale.ROOT));
            if (decision.status() == DedupDecision.Status.DUPLICATE) {
                metrics.rejected(stage, decision.method());
            }
        }
    }
}
