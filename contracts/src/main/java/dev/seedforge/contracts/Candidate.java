package dev.seedforge.contracts;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One generated example on its way through the pipeline. {@code example} is the record exactly as it will be
 * exported, in {@code format}; {@code candidateId} is unique and stable, so every stage can be idempotent by it.
 */
public record Candidate(int schemaVersion, String candidateId, String jobId, String cell, ExampleFormat format,
        JsonNode example, Lineage lineage) {

    public static final String DEFAULT_CELL = "all";

    /** The example with its record kept, so nothing of it is lost when it is shown to the teacher again. */
    public Conversation conversation() {
        if (example instanceof com.fasterxml.jackson.databind.node.ObjectNode record) {
            return new Conversation(format.turns(record), format, record);
        }
        return new Conversation(format.turns(example));
    }
}
