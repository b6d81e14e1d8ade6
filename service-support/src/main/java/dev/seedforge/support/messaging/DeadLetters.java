package dev.seedforge.support.messaging;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * A poison record of a batch consumer, sent on to its dead-letter topic by the consumer itself: a batch is acknowledged
 * as a whole, so the connector's dead-letter strategy would send every record of the batch. The record keeps its key,
 * its text as it came and the headers the connector's strategy writes ({@code dead-letter-reason},
 * {@code dead-letter-topic}, {@code dead-letter-partition}, {@code dead-letter-offset}, the exception's class).
 */
public final class DeadLetters {

    private DeadLetters() {
    }

    /** Sends the record to the emitter's dead-letter topic; the Uni completes once the broker has it. */
    public static Uni<Void> send(MutinyEmitter<String> deadLetters, ConsumerRecord<String, String> record,
            Throwable failure) {
        Headers headers = new RecordHeaders();
        record.headers().forEach(headers::add);
        put(headers, "dead-letter-exception-class-name", failure.getClass().getName());
        put(headers, "dead-letter-reason", failure.getMessage() == null ? failure.toString() : failure.getMessage());
        if (failure.getCause() != null) {
            put(headers, "dead-letter-cause-class-name", failure.getCause().getClass().getName());
            put(headers, "dead-letter-cause", String.valueOf(failure.getCause().getMessage()));
        }
        put(headers, "dead-letter-topic", record.topic());
        put(headers, "dead-letter-partition", Integer.toString(record.partition()));
        put(headers, "dead-letter-offset", Long.toString(record.offset()));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String> builder()
                .withKey(record.key()).withHeaders(headers).build();
        return deadLetters.sendMessage(Message.of(record.value()).addMetadata(metadata));
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
