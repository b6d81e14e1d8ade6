package dev.seedforge.generator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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

    private static final JobSpec WITH_REFERENCE = JobSpecs.parse("""
            task: Answer questions about the Task API
            format: openai
            target: 300
            seeds:
              - messages: [{role: user, content: "Create a task"}, {role: assistant, content: "Created task"}]
            dedup:
              compare: user
              references:
                - name: eval
                  purpose: decontaminate
                  examples:
                    - messages: [{role: user, content: "Rename task 9"}, {role: assistant, content: "Renamed"}]
            """, null);

    @Test
    void dedupsReferenceSetsAndComparedTextAreRefusedByNameWhenChangedButMaySeeTheirThresholdsChange()
            throws Exception {
        InvalidJobSpecException added = assertThrows(InvalidJobSpecException.class,
                () -> SpecChanges.apply(STORED, Json.MAPPER.readTree("""
                        {"dedup": {"references": [{"name": "eval", "purpose": "decontaminate", "examples": [
                          {"messages": [{"role": "user", "content": "Rename task 9"},
                                        {"role": "assistant", "content": "Renamed"}]}]}]}}""")));
        assertEquals(List.of("dedup.references"), added.errors().stream().map(e -> e.field()).toList());
        assertTrue(added.errors().get(0).message().contains("decided so far"), added.errors().toString());

        InvalidJobSpecException dropped = assertThrows(InvalidJobSpecException.class,
                () -> SpecChanges.apply(WITH_REFERENCE, Json.MAPPER.readTree(
                        "{\"dedup\": {\"references\": [], \"compare\": \"whole\"}}")));
        assertEquals(List.of("dedup.references", "dedup.compare"),
                dropped.errors().stream().map(e -> e.field()).toList());

        JsonNode same = Json.MAPPER.valueToTree(WITH_REFERENCE.dedup());
        ((ObjectNode) same).put("semantic_threshold", 0.97);
        JobSpec changed = SpecChanges.apply(WITH_REFERENCE, Json.MAPPER.createObjectNode().set("dedup", same));
        assertEquals(0.97, changed.dedup().semanticThreshold());
        assertEquals(WITH_REFERENCE.dedup().references(), changed.dedup().references(),
                "the sets sent again as they were are kept");
    }
}
