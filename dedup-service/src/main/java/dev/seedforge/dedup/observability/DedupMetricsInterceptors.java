package dev.seedforge.dedup.observability;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.IncomingInterceptor;
import io.smallrye.reactive.messaging.OutgoingInterceptor;
import io.smallrye.reactive.messaging.kafka.Record;

import dev.seedforge.contracts.DedupDecision;
import dev.seedforge.contracts.DeduplicatedCandidate;
import dev.seedforge.contracts.Topics;
import dev.seedforge.support.metrics.PipelineMetrics;

/**
 * Dedup's candidate counters, taken at the channels: received on {@code validated}, sent on {@code deduplicated} by
 * decision ({@code unique}, {@code duplicate}, {@code not_checked} for candidates the validator rejected), and each
 * duplicate by the method that found it as its reason ({@code exact}, {@code minhash}, {@code embedding},
 * {@code decontamination}).
 */
public final class DedupMetricsInterceptors {

    static final String STAGE = "dedup";

    private DedupMetricsInterceptors() {
    }

    @Identifier(Topics.VALIDATED)
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
            metrics.failed(STAGE, Topics.VALIDATED);
        }
    }

    @Identifier(Topics.DEDUPLICATED)
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
            if (!(payload instanceof DeduplicatedCandidate deduplicated) || deduplicated.dedup() == null) {
                return;
            }
            DedupDecision decision = deduplicated.dedup();
            metrics.emitted(STAGE, decision.status().name().toLowerCase(Locale.ROOT));
            if (decision.status() == DedupDecision.Status.DUPLICATE) {
                metrics.rejected(STAGE, decision.method());
            }
        }

        @Override
        public void onMessageNack(Message<?> message, Throwable failure) {
            metrics.failed(STAGE, Topics.DEDUPLICATED);
        }
    }
}
