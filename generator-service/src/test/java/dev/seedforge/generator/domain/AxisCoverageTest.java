package dev.seedforge.generator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.FieldError;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobSpecs;

class AxisCoverageTest {

    private static JobSpec spec(int target, String extra) {
        String countries = IntStream.range(0, 100).mapToObj(i -> String.format("c%03d", i))
                .collect(Collectors.joining(", "));
        return JobSpecs.parse("task: Travel tips\nformat: alpaca\ntarget: " + target + "\naxes:\n  country: ["
                + countries + "]\n" + extra + "seeds:\n  - {instruction: \"A tip for Portugal\", output: \"Buy a Lisboa"
                + " Card.\"}\n", null);
    }

    @Test
    void valuesTheTargetCannotReachAreNamed() {
        JobSpec spec = spec(50, "");
        List<FieldError> warnings = AxisCoverage.check(spec, PlanBuilder.cells(spec));
        assertEquals(1, warnings.size(), warnings.toString());
        assertEquals("axes.country", warnings.get(0).field());
        assertEquals("50 of its 100 values get no example at a target of 50 (c050, c051, c052, c053, c054, ...): the"
                + " plan splits the target over the combinations of axis values and complexity levels in whole"
                + " examples; raise target, list fewer values, or weigh them", warnings.get(0).message());
    }

    @Test
    void aComplexityLevelTooLightForTheTargetIsNamedAndAReachableSpecIsNot() {
        JobSpec light = JobSpecs.parse("task: t\nformat: alpaca\ntarget: 20\ncomplexity: {simple: 0.98, edge_case: 0.02}"
                + "\nseeds:\n  - {instruction: a, output: b}\n", null);
        List<FieldError> warnings = AxisCoverage.check(light, PlanBuilder.cells(light));
        assertEquals(1, warnings.size(), warnings.toString());
        assertEquals("complexity", warnings.get(0).field());
        assertEquals(true, warnings.get(0).message().startsWith("1 of its 2 values get no example at a target of 20"
                + " (edge_case)"), warnings.get(0).message());
        JobSpec reachable = spec(200, "");
        assertEquals(List.of(), AxisCoverage.check(reachable, PlanBuilder.cells(reachable)));
    }

    @Test
    void everyGalleryJobGivesEveryValueItListsAnExample() throws Exception {
        try (var jobs = java.nio.file.Files.list(java.nio.file.Path.of("../examples"))) {
            for (java.nio.file.Path job : jobs.map(dir -> dir.resolve("job.yaml")).filter(java.nio.file.Files::exists)
                    .toList()) {
                JobSpec spec = JobSpecs.load(job);
                assertEquals(List.of(), AxisCoverage.check(spec, PlanBuilder.cells(spec)), job.toString());
            }
        }
    }
}
