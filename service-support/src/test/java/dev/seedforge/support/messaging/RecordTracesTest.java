package dev.seedforge.support.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;

class RecordTracesTest {

    private static final OpenTelemetry W3C = OpenTelemetry.propagating(
            ContextPropagators.create(W3CTraceContextPropagator.getInstance()));

    @Test
    void theOutgoingMessageContinuesTheTraceOfItsOwnRecord() {
        ConsumerRecord<String, String> first = record("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        ConsumerRecord<String, String> second = record("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        SpanContext one = Span.fromContext(RecordTraces.continuing(W3C, first).getCurrentContext()).getSpanContext();
        SpanContext two = Span.fromContext(RecordTraces.continuing(W3C, second).getCurrentContext()).getSpanContext();

        assertEquals("0af7651916cd43dd8448eb211c80319c", one.getTraceId());
        assertEquals("b7ad6b7169203331", one.getSpanId());
        assertTrue(one.isRemote());
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", two.getTraceId());
    }

    @Test
    void aRecordWithoutATraceGivesNoParent() {
        SpanContext none = Span.fromContext(RecordTraces.continuing(W3C, record(null)).getCurrentContext())
                .getSpanContext();
        assertFalse(none.isValid());
    }

    private static ConsumerRecord<String, String> record(String traceparent) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("candidates", 0, 0, "key", "{}");
        if (traceparent != null) {
            record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }
}
