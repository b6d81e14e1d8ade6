package dev.seedforge.support.metrics;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.IncomingInterceptor;

/**
 * Counts what a stage receives on one incoming channel, and the records that fail there, so that no service's
 * processing code carries its counters. A service subclasses it as an {@code @Identifier(<channel>)} {@code @Singleton} bean (a
 * client proxy would need a no-args constructor).
 */
public abstract class ReceivedCandidates implements IncomingInterceptor {

    protected final PipelineMetrics metrics;
    protected final String stage;
    private final String channel;

    protected ReceivedCandidates(PipelineMetrics metrics, String stage, String channel) {
        this.metrics = metrics;
        this.stage = stage;
        this.channel = channel;
    }

    @Override
    public Message<?> afterMessageReceive(Message<?> message) {
        for (int i = records(message.getPayload()); i > 0; i--) {
            metrics.received(stage);
        }
        return message;
    }

    /** A batch consumer's message carries many records: each is a candidate received. */
    protected static int records(Object payload) {
        if (payload instanceof ConsumerRecords<?, ?> batch) {
            return batch.count();
        }
        return payload instanceof List<?> batch ? batch.size() : 1;
    }

    @Override
    public void onMessageAck(Message<?> message) {
    }

    @Override
    public void onMessageNack(Message<?> message, Throwable failure) {
        metrics.failed(stage, channel);
    }
}
