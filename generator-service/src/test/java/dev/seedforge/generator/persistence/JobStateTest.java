package dev.seedforge.generator.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobSpecs;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.Json;

class JobStateTest {

    private static final JobSpec SPEC = JobSpecs.parse("""
            task: Answer questions about the Task API
            format: openai
            target: 30
            seeds:
              - messages: [{role: user, content: "Create a task"}, {role: assistant, content: "Created task"}]
            """, null);

    @Test
    void aJobsSpecIsParsedOnceAndAgainOnlyWhenItsStoredJsonChanged() throws JsonProcessingException {
        JobEntity row = new JobEntity();
        row.id = "job-state-test";
        row.status = JobStatus.GENERATING;
        row.specJson = Json.MAPPER.writeValueAsString(SPEC);
        JobState first = JobState.of(row);
        // as a later read of the row gives it: equal text, another string
        row.specJson = new String(row.specJson);
        assertSame(first.spec(), JobState.of(row).spec(), "the same text is not parsed again");

        row.specJson = Json.MAPPER.writeValueAsString(SPEC.toBuilder().target(60).build());
        JobState resumed = JobState.of(row);
        assertNotSame(first.spec(), resumed.spec());
        assertEquals(60, resumed.spec().target(), "a changed spec is read as stored");
        assertEquals(30, first.spec().target());
    }
}
