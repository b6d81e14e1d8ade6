package dev.seedforge.support.messaging;

import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.Guard;

/**
 * The one retry policy of every Kafka consumer, applied with {@code @ApplyGuard(ConsumerGuard.NAME)}: a failure of the
 * database, broker or another service is retried in place with exponential backoff for up to ten minutes, so a
 * restart of PostgreSQL loses nothing; a poison record ({@link ConsumedRecords}: an {@link IllegalArgumentException})
 * or a {@link DeadLetterNow} is not retried and goes to the channel's dead-letter topic at once.
 */
@Singleton
public class ConsumerGuard {

    public static final String NAME = "seedforge-consumer";

    @Produces
    @Identifier(NAME)
    public static final Guard GUARD = Guard.create()
            .withRetry().maxRetries(-1).delay(500, ChronoUnit.MILLIS).jitter(200, ChronoUnit.MILLIS)
            .maxDuration(10, ChronoUnit.MINUTES)
            .abortOn(List.of(IllegalArgumentException.class, DeadLetterNow.class))
            .withExponentialBackoff().factor(2).maxDelay(10, ChronoUnit.SECONDS).done()
            .done()
            .build();

    /** A failure a consumer hands to its dead-letter topic rather than retrying in place (it is retried from there). */
    public static class DeadLetterNow extends RuntimeException {
        public DeadLetterNow(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
