package dev.seedforge.support.metrics;

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
        metrics.received(stage);
        return message;
    }

    @Override
    public void onMessageAck(Message<?> message) {
    }

    @Override
    public void onMessageNack(Message<?> message, Throwable failure) {
        metrics.failed(stage, channel);
    }
}
