package dev.seedforge.generator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.DiversitySpec;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobSpecs;
import dev.seedforge.contracts.PlanCell;

/** Each lever's effect on the prompt the teacher gets, on and off (the wire format of protocol v2). */
class DiversityLeversTest {

    private static final JobSpec SPEC = load();
    private static final PlanCell CELL = new PlanCell("operation=create|complexity=simple",
            Map.of("operation", "create"), "simple", false, 10);
    private static final List<String> DIGESTS = List.of("Add a task to renew the parking permit by Friday",
            "Create a task called <script> with high priority");
    private static final DiversitySpec ALL_ON = DiversitySpec.DEFAULT;
    private static final DiversitySpec ALL_OFF = new DiversitySpec(false, false, false, null, null, null);

    private static JobSpec load() {
        try {
            return JobSpecs.load(Path.of("../examples/task-api/job.yaml"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static GenerationPrompt prompt(DiversitySpec levers, long duplicates, long outcomes) {
        Diversity chosen = DiversityLevers.choose(levers, SPEC.randomSeed(), 7, duplicates, outcomes,
                Personas.library(), DIGESTS);
        return PromptBuilder.build(SPEC, CELL, 7, 5, null, chosen);
    }

    @Test
    void aPersonaLineGoesIntoTheDirectivesOnlyWhenSwitchedOn() {
        String on = prompt(ALL_ON, 0, 0).user();
        String directives = on.substring(on.indexOf("<directives>"), on.indexOf("</directives>"));
        assertTrue(directives.lines().anyMatch(l -> l.startsWith("persona: ")
                && Personas.library().contains(l.substring("persona: ".length()))), directives);
        assertFalse(prompt(ALL_OFF, 0, 0).user().contains("persona:"));
        Set<String> personas = new HashSet<>();
        for (long call = 1; call <= 40; call++) {
            personas.add(DiversityLevers.choose(ALL_ON, 42, call, 0, 0, Personas.library(), List.of()).persona());
        }
        assertTrue(personas.size() >= 20, "a persona per call, sampled from the library: " + personas.size());
    }

    @Test
    void alreadyHaveListsTheDigestsAfterTheDirectivesWithTheInstructionToDiffer() {
        String on = prompt(ALL_ON, 0, 0).user();
        String block = on.substring(on.indexOf("<already_have>"), on.indexOf("<count>"));
        assertEquals("""
                <already_have>
                - Add a task to renew the parking permit by Friday
                - Create a task called \\u003cscript\\u003e with high priority
                </already_have>
                Write examples that differ from those listed in <already_have>.

                """, block);
        assertTrue(on.indexOf("</directives>") < on.indexOf("<already_have>"));
        assertFalse(prompt(ALL_OFF, 0, 0).user().contains("<already_have>"));
    }

    @Test
    void temperatureAndSeedsMoveOnlyWhenTheCellsDuplicateRateClimbs() {
        GenerationPrompt calm = prompt(ALL_ON, 1, 20);
        GenerationPrompt repeating = prompt(ALL_ON, 12, 20);
        assertEquals(PromptBuilder.temperature(SPEC, 7), calm.temperature(), 1e-9);
        assertEquals(Math.min(PromptBuilder.temperature(SPEC, 7) + 3 * 0.15, 1.5), repeating.temperature(), 1e-9,
                "60% duplicates: three steps up");
        assertNotEquals(calm.seedsUsed(), repeating.seedsUsed(), "another rotation of the seeds");
        GenerationPrompt adaptiveOff = prompt(new DiversitySpec(true, true, false, null, null, null), 12, 20);
        assertEquals(calm.temperature(), adaptiveOff.temperature(), 1e-9);
        assertEquals(calm.seedsUsed(), adaptiveOff.seedsUsed());
        assertEquals(0, DiversityLevers.pressure(4, 4), "too few outcomes to tell");
    }

    @Test
    void aDigestIsTheFirstFifteenWordsOfTheFirstRequestOnOneLine() {
        String digest = DiversityLevers.digest(SPEC.seeds().get(0));
        assertTrue(digest.split(" ").length <= 16, digest);
        assertFalse(digest.contains("\n"));
        assertTrue(SPEC.seeds().get(0).textOf("user").startsWith(digest.replace(" ...", "").split(" ")[0]));
    }

    @Test
    void withEveryLeverOffThePromptIsTheOneWithoutLevers() {
        assertEquals(PromptBuilder.build(SPEC, CELL, 7, 5, null).user(), prompt(ALL_OFF, 12, 20).user());
        Diversity none = DiversityLevers.choose(ALL_OFF, 42, 7, 12, 20, Personas.library(), DIGESTS);
        assertNull(none.persona());
        assertEquals(Diversity.NONE, none);
    }
}
