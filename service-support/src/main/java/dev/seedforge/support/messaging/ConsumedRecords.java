package dev.seedforge.support.messaging;

import java.util.function.Function;
import java.util.function.ToIntFunction;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.SchemaVersions;

/**
 * The one consumer guard of every service: how a record that came as text is read, how its schema version is checked,
 * and which failures are poison.
 * <p>
 * Consumers take records as text, so a record that is not JSON fails here and reaches its dead-letter topic with its
 * bytes as they came (a failed deserializer would leave it empty). A record that cannot be read, is empty or
 * {@code null}, or carries another schema version is <em>poison</em>: it fails with an {@link IllegalArgumentException}
 * (or its subclass {@link SchemaVersions.UnsupportedSchemaVersionException}), which the consumers' one retry policy
 * ({@link ConsumerGuard}) does not retry, so it is dead-lettered at once. Anything else (database,
 * broker, a service) is <em>transient</em> and retried in place.
 */
public final class ConsumedRecords {

    private ConsumedRecords() {
    }

    /** The record read from its text; poison when it is empty, {@code null} or not a {@code type}. */
    public static <T> T read(String json, Class<T> type, String topic) {
        if (json == null || json.isBlank()) {
            throw poison("empty record on " + topic);
        }
        try {
            T record = Json.MAPPER.readValue(json, type);
            if (record == null) {
                throw poison("empty record on " + topic);
            }
            return record;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable record on " + topic + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The record read from its text, refused as poison unless it carries the schema version this service reads;
     * {@code described} names it in the failure.
     */
    public static <T> T read(String json, Class<T> type, String topic, ToIntFunction<T> schemaVersion,
            Function<T, String> described) {
        T record = read(json, type, topic);
        SchemaVersions.requireSupported(schemaVersion.applyAsInt(record), described.apply(record));
        return record;
    }

    /** A failure that no retry can cure: the record goes to its dead-letter topic. */
    public static IllegalArgumentException poison(String reason) {
        return new IllegalArgumentException(reason);
    }

    /** Whether a failure is poison (dead-letter now) rather than transient (retry in place). */
    public static boolean isPoison(Throwable failure) {
        return failure instanceof IllegalArgumentException;
    }
}
