package dev.seedforge.contracts;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A request to run a job, as published on {@code generation-requests}. The spec stays a raw tree so that the generator
 * can answer a bad one with a FAILED event naming the field, rather than a dead letter. A redelivered request with the
 * same idempotency key maps to the same job.
 */
public record JobRequest(int schemaVersion, String idempotencyKey, JsonNode spec) {

    public static JobRequest of(String idempotencyKey, JsonNode spec) {
        return new JobRequest(SchemaVersions.CURRENT, idempotencyKey, spec);
    }
}
