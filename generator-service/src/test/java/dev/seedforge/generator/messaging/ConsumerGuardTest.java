package dev.seedforge.generator.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.Guard;

import dev.seedforge.generator.TeacherWireMock;
import dev.seedforge.localstack.LocalStackTestResource;
import dev.seedforge.support.messaging.ConsumedRecords;
import dev.seedforge.support.messaging.ConsumerGuard;

/** The consumers' one retry policy as the services get it from CDI: transient failures retried, poison not. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = TeacherWireMock.class, restrictToAnnotatedClass = true)
class ConsumerGuardTest {

    @Inject
    @Identifier(ConsumerGuard.NAME)
    Guard guard;

    @Test
    void aTransientFailureIsRetriedInPlaceUntilItPasses() {
        AtomicInteger attempts = new AtomicInteger();
        String result = guard.get(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("database restarting");
            }
            return "stored";
        }, String.class);
        assertEquals("stored", result);
        assertEquals(3, attempts.get());
    }

    @Test
    void aPoisonRecordAndADeadLetterNowAreNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        assertThrows(IllegalArgumentException.class, () -> guard.get(() -> {
            attempts.incrementAndGet();
            return ConsumedRecords.read("not json", Map.class, "job-progress");
        }, Map.class));
        assertEquals(1, attempts.get());
        assertThrows(ConsumerGuard.DeadLetterNow.class, () -> guard.get(() -> {
            attempts.incrementAndGet();
            throw new ConsumerGuard.DeadLetterNow("judge unavailable", null);
        }, String.class));
        assertEquals(2, attempts.get());
    }
}
