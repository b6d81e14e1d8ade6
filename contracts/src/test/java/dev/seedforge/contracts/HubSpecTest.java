package dev.seedforge.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code export.hub} in a job spec: parsed, private by default, its repository id checked naming the field. */
class HubSpecTest {

    private static final String BASE = """
            task: Manage tasks
            format: openai
            target: 20
            seeds:
              - messages:
                  - {role: user, content: "Delete task #3."}
                  - {role: assistant, content: "Deleted task #3: 'Water plants'"}
            """;

    @Test
    void parsesRepoAndPrivacy() throws Exception {
        JobSpec spec = JobSpecs.parse(BASE + "export: {hub: {repo: my-org/task-api, private: false}}\n", null);
        assertEquals("my-org/task-api", spec.export().hub().repo());
        assertFalse(spec.export().hub().privateRepo());
        JobSpec back = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(spec), JobSpec.class);
        assertEquals(spec.export().hub(), back.export().hub(), "survives the topics' JSON");
        assertTrue(Json.MAPPER.writeValueAsString(spec).contains("\"hub\":{\"repo\":\"my-org/task-api\",\"private\":false}"));
    }

    @Test
    void privateUnlessSaidOtherwise() {
        JobSpec spec = JobSpecs.parse(BASE + "export: {hub: {repo: my-org/task-api}}\n", null);
        assertTrue(spec.export().hub().privateRepo());
    }

    @Test
    void aBadRepoIsRefusedNamingTheField() {
        for (String repo : List.of("task-api", "my-org/", "/task-api", "my org/task-api", "my-org/task--api",
                "my-org/../etc", "a/b/c", "my-org/" + "x".repeat(97))) {
            InvalidJobSpecException e = assertThrows(InvalidJobSpecException.class,
                    () -> JobSpecs.parse(BASE + "export: {hub: {repo: \"" + repo + "\"}}\n", null), repo);
            assertEquals(List.of("export.hub.repo"), e.errors().stream().map(FieldError::field).toList(), repo);
        }
        InvalidJobSpecException missing = assertThrows(InvalidJobSpecException.class,
                () -> JobSpecs.parse(BASE + "export: {hub: {private: true}}\n", null));
        assertEquals("export.hub.repo", missing.errors().get(0).field());
    }

    @Test
    void goodRepoIds() {
        for (String repo : List.of("my-org/task-api", "user_1/data.v2", "A/b")) {
            assertNull(ExportSpec.HubSpec.problemWithRepo(repo), repo);
        }
    }
}
