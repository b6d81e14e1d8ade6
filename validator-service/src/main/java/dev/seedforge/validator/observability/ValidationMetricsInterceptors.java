package dev.seedforge.validator.observability;

import jakarta.inject.Singleton;

import io.smallrye.common.annotation.Identifier;

import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.Topics;
import dev.seedforge.contracts.ValidatedCandidate;
import dev.seedforge.support.metrics.EmittedCandidates;
import dev.seedforge.support.metrics.PipelineMetrics;
import dev.seedforge.support.metrics.ReceivedCandidates;

/**
 * The validator's candidate counters, taken at the channels so the processing code stays as it is: received on
 * {@code candidates}, sent on {@code validated} by verdict (once the broker has the record), and each rejection
 * reason by code.
 */
public final class ValidationMetricsInterceptors {

    public static final String STAGE = "validator";

    private ValidationMetricsInterceptors() {
    }

    @Identifier(Topics.CANDIDATES)
    @Singleton
    public static class Received extends ReceivedCandidates {

        public Received(PipelineMetrics metrics) {
            super(metrics, STAGE, Topics.CANDIDATES);
        }
    }

    @Identifier(Topics.VALIDATED)
    @Singleton
    public static class Emitted extends EmittedCandidates<ValidatedCandidate> {

        public Emitted(PipelineMetrics metrics) {
            super(metrics, STAGE, Topics.VALIDATED, ValidatedCandidate.class);
        }

        @Override
        protected void count(ValidatedCandidate validated) {
            if (validated.verdict() == null) {
                return;
            }
            if (validated.verdict().accepted()) {
                metrics.emitted(stage, "accepted");
                return;
            }
            metrics.emitted(stage, "rejected");
            for (Reason reason : validated.verdict().reasons()) {
                metrics.rejected(stage, reason.code());
            }
        }
    }
}
