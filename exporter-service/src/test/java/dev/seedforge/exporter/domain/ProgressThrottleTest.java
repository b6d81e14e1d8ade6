package dev.seedforge.exporter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** A job's progress at most once per interval, and its latest change never lost. */
class ProgressThrottleTest {

    private static final Instant T0 = Instant.parse("2026-12-03T06:00:00Z");
    private final ProgressThrottle throttle = new ProgressThrottle(Duration.ofMillis(500));

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    @Test
    void theFirstOutcomeGoesOutAtOnceAndTheNextOnesWithinTheIntervalAreHeldBack() {
        assertTrue(throttle.changed("a", at(0)));
        assertFalse(throttle.changed("a", at(100)));
        assertFalse(throttle.changed("a", at(499)));
        assertEquals(List.of(), throttle.due(at(499)), "not before the interval has passed");
        assertEquals(List.of("a"), throttle.due(at(500)), "the held-back change goes out once");
        assertEquals(List.of(), throttle.due(at(2000)), "and only once");
    }

    @Test
    void anOutcomeAfterTheIntervalGoesOutAtOnceAndClearsWhatWasHeldBack() {
        assertTrue(throttle.changed("a", at(0)));
        assertFalse(throttle.changed("a", at(200)));
        assertTrue(throttle.changed("a", at(700)), "this record carries the held-back change too");
        assertEquals(List.of(), throttle.due(at(1300)));
    }

    @Test
    void eachJobHasItsOwnInterval() {
        assertTrue(throttle.changed("a", at(0)));
        assertTrue(throttle.changed("b", at(100)), "another job's record does not hold this one back");
        assertFalse(throttle.changed("a", at(200)));
        assertFalse(throttle.changed("b", at(300)));
        assertEquals(List.of("a"), throttle.due(at(550)));
        assertEquals(List.of("b"), throttle.due(at(650)));
    }

    @Test
    void aJobSentByTheSweepWaitsAFullIntervalAgain() {
        assertTrue(throttle.changed("a", at(0)));
        assertFalse(throttle.changed("a", at(100)));
        assertEquals(List.of("a"), throttle.due(at(900)));
        assertFalse(throttle.changed("a", at(1000)), "sent at 900");
        assertTrue(throttle.changed("a", at(1400)));
    }

    @Test
    void aHeldChangeTellsWhenItFallsDueOncePerHold() {
        assertEquals(Optional.empty(), throttle.dueAt("a"), "nothing held");
        assertTrue(throttle.changed("a", at(0)));
        assertEquals(Optional.empty(), throttle.dueAt("a"), "sent, not held");
        assertFalse(throttle.changed("a", at(100)));
        assertEquals(Optional.of(at(500)), throttle.dueAt("a"), "due when the interval since the last send has passed");
        assertFalse(throttle.changed("a", at(300)));
        assertEquals(Optional.empty(), throttle.dueAt("a"), "one timer per hold");
        assertEquals(List.of("a"), throttle.due(at(500)));
        assertFalse(throttle.changed("a", at(600)));
        assertEquals(Optional.of(at(1000)), throttle.dueAt("a"), "a new hold after the change went out");
        assertTrue(throttle.changed("a", at(1000)), "an outcome at the due time carries the change itself");
        assertFalse(throttle.changed("a", at(1100)));
        assertEquals(Optional.of(at(1500)), throttle.dueAt("a"));
    }

    @Test
    void aZeroIntervalSendsEveryOutcome_andANegativeOneIsRefusedByName() {
        ProgressThrottle none = new ProgressThrottle(Duration.ZERO);
        assertTrue(none.changed("a", at(0)));
        assertTrue(none.changed("a", at(0)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ProgressThrottle(Duration.ofMillis(-1)));
        assertTrue(e.getMessage().contains("exporter.progress-interval"), e.getMessage());
    }
}
