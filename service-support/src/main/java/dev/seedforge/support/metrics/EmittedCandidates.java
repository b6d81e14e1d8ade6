package dev.seedforge.support.metrics;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.OutgoingInterceptor;
import io.smallrye.reactive.messaging.kafka.Record;

/**
 * Counts what a stage sends on one outgoing channel once the broker has it, by what the record says, and the sends
 * that fail. A service subclasses it as an {@code @Identifier(<channel>)} {@code @Singleton} bean (a
 * client proxy would need a no-args constructor) and says how a record counts.
 */
public abstract class EmittedCandidates<T> implements OutgoingInterceptor {

    protected final PipelineMetrics metrics;
    protected final String stage;
    private final String channel;
    private final Class<T> type;

    protected EmittedCandidates(PipelineMetrics metrics, String stage, String channel, Class<T> type) {
        this.metrics = metrics;
        this.stage = stage;
        this.channel = channel;
        this.type = type;
    }

    /** Counts one record the broker has taken. */
    protected abstract void count(T record);

    @Override
    public void onMessageAck(Message<?> message) {
        Object payload = message.getPayload() instanceof Record<?, ?> record ? record.value() : message.getPayload();
        if (type.isInstance(payload)) {
            count(type.cast(payload));
        }
    }

    @Override
    public void onMessageNack(Message<?> message, Throwable failure) {
        metrics.failed(stage, channel);
    }
}
