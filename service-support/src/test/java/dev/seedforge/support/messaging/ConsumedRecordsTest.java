package dev.seedforge.support.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.SchemaVersions;

class ConsumedRecordsTest {

    record Event(int schemaVersion, String jobId) {
    }

    @Test
    void readsARecordOfTheCurrentVersion() {
        Event event = ConsumedRecords.read("{\"schemaVersion\":1,\"jobId\":\"j1\"}", Event.class, "job-events",
                Event::schemaVersion, e -> "event of " + e.jobId());
        assertEquals(new Event(1, "j1"), event);
    }

    @Test
    void emptyNullAndUnreadableRecordsArePoison() {
        for (String text : new String[] { null, "", "  ", "null" }) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ConsumedRecords.read(text, Event.class, "job-events"));
            assertEquals("empty record on job-events", e.getMessage());
            assertTrue(ConsumedRecords.isPoison(e));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConsumedRecords.read("{not json", Event.class, "job-events"));
        assertTrue(e.getMessage().startsWith("unreadable record on job-events: "), e.getMessage());
    }

    @Test
    void anotherSchemaVersionIsPoison() {
        var e = assertThrows(SchemaVersions.UnsupportedSchemaVersionException.class,
                () -> ConsumedRecords.read("{\"schemaVersion\":99,\"jobId\":\"j1\"}", Event.class, "job-events",
                        Event::schemaVersion, r -> "event of " + r.jobId()));
        assertEquals("event of j1: unsupported schemaVersion 99 (this service reads 1)", e.getMessage());
        assertTrue(ConsumedRecords.isPoison(e));
    }

    @Test
    void otherFailuresAreTransient() {
        assertFalse(ConsumedRecords.isPoison(new IllegalStateException("pool closed")));
        assertFalse(ConsumedRecords.isPoison(new RuntimeException("broker down")));
    }
}
