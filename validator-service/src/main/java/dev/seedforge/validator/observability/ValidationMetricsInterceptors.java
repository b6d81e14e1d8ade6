package dev.seedforge.validator.observability;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.IncomingInterceptor;
import io.smallrye.reactive.messaging.OutgoingInterceptor;
import io.smallrye.reactive.messaging.kafka.Record;

import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.Topics;
import dev.seedforge.contracts.ValidatedCandidate;
import dev.seedforge.support.metrics.PipelineMetrics;

/**
 * The validator's candidate counters, taken at the channels so the processing code stays as it is: received on
 * {@code candidates}, sent on {@code validated} by verdict (once the broker has the record), and each rejection
 * reason by code.
 */
public final class ValidationMetricsInterceptors {

    static final String STAGE = "validator";

    private ValidationMetricsInterceptors() {
    }

    @Identifier(Topics.CANDIDATES)
    @ApplicationScoped
    public static class Received implements IncomingInterceptor {

        private final PipelineMetrics metrics;

        public Received(PipelineMetrics metrics) {
            this.metrics = metrics;
        }

        @Override
        public Message<?> afterMessageReceive(Message<?> message) {
            metrics.received(STAGE);
            return message;
        }

        @Override
        public void onMessageAck(Message<?> message) {
        }

        @Override
        public void onMessageNack(Message<?> message, Throwable failure) {
            metrics.failed(STAGE, Topics.CANDIDATES);
        }
    }

    @Identifier(Topics.VALIDATED)
    @ApplicationScoped
    public static class Emitted implements OutgoingInterceptor {

        private final PipelineMetrics metrics;

        public Emitted(PipelineMetrics metrics) {
            this.metrics = metrics;
        }

        @Override
        public void onMessageAck(Message<?> message) {
            Object payload = message.getPayload() instanceof Record<?, ?> record ? record.value()
                    : message.getPayload();
            if (!(payload instanceof ValidatedCandidate validated) || validated.verdict() == null) {
                return;
            }
            if (validated.verdict().accepted()) {
                metrics.emitted(STAGE, "accepted");
                return;
            }
            metrics.emitted(STAGE, "rejected");
            for (Reason reason : validated.verdict().reasons()) {
                metrics.rejected(STAGE, reason.code());
            }
        }

        @Override
        public void onMessageNack(Message<?> message, Throwable failure) {
            metrics.failed(STAGE, Topics.VALIDATED);
        }
    }
}
