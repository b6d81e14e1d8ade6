package dev.seedforge.generator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.InvalidJobSpecException;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobSpecs;
import dev.seedforge.contracts.Json;

class SpecChangesTest {

    private static final JobSpec STORED = JobSpecs.parse("""
            task: Answer questions about the Task API
            format: openai
            target: 300
            seeds:
              - messages: [{role: user, content: "Create a task"}, {role: assistant, content: "Created task"}]
              - messages: [{role: user, content: "Create a task!"}, {role: assistant, content: "Created task"}]
            """, null);

    @Test
    void newSeedsAndThresholdsReplaceTheStoredOnesAndTheRestIsKept() throws Exception {
        JobSpec changed = SpecChanges.apply(STORED, Json.MAPPER.readTree("""
                {"seeds": [{"messages": [{"role": "user", "content": "Delete task 4"},
                                         {"role": "assistant", "content": "Deleted task 4"}]}],
                 "diversity": {"pause_duplicate_rate": 0.95}}"""));
        assertEquals(1, changed.seeds().size());
        assertEquals("Delete task 4", changed.seeds().get(0).textOf("user"));
        assertEquals(0.95, changed.diversity().pauseDuplicateRate());
        assertEquals(0.9, changed.diversity().pauseRejectRate(), "merged field by field: the rest stays");
        assertEquals(STORED.target(), changed.target());
        assertEquals(STORED.task(), changed.task());
    }

    @Test
    void fieldsThePlanDependsOnAreRefusedByName() throws Exception {
        InvalidJobSpecException refused = assertThrows(InvalidJobSpecException.class,
                () -> SpecChanges.apply(STORED, Json.MAPPER.readTree("{\"target\": 500, \"seeds\": []}")));
        assertEquals("target", refused.errors().get(0).field());
        InvalidJobSpecException invalid = assertThrows(InvalidJobSpecException.class,
                () -> SpecChanges.apply(STORED, Json.MAPPER.readTree("{\"diversity\": {\"pause_reject_rate\": 7}}")));
        assertTrue(invalid.errors().toString().contains("diversity.pause_reject_rate"), invalid.errors().toString());
    }
}
