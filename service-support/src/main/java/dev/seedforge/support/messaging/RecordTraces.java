package dev.seedforge.support.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.reactive.messaging.TracingMetadata;

/**
 * Continues a consumed record's trace on the record a batch consumer sends for it. A consumer of single records gets
 * this from the connector; one that takes a poll's records at once does not, so each of its outgoing messages carries
 * the context read from its own incoming record's headers ({@code traceparent}), under which the connector starts the
 * producer's span.
 */
public final class RecordTraces {

    private static final TextMapGetter<Headers> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            List<String> keys = new ArrayList<>();
            headers.forEach(header -> keys.add(header.key()));
            return keys;
        }

        @Override
        public String get(Headers headers, String key) {
            if (headers == null) {
                return null;
            }
            Header header = headers.lastHeader(key);
            return header == null || header.value() == null ? null
                    : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private RecordTraces() {
    }

    /** The metadata that makes an outgoing message continue {@code record}'s trace (a new one if it has none). */
    public static TracingMetadata continuing(OpenTelemetry openTelemetry, ConsumerRecord<?, ?> record) {
        Context context = openTelemetry.getPropagators().getTextMapPropagator().extract(Context.root(),
                record.headers(), HEADERS);
        return TracingMetadata.withCurrent(context);
    }
}
