package dev.seedforge.generator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.FieldError;
import dev.seedforge.contracts.JobSpecs;

class ToolCallCoverageTest {

    private static final String SEEDS = "seeds:\n  - messages:\n      - {role: user, content: 'Rain in Oslo on Saturday'}\n"
            + "      - {role: assistant, content: Let me check the forecast.}\n";

    @Test
    void aJobWithToolsWhoseSeedsCallNoneIsWarnedThatItsExamplesWillNot() {
        List<FieldError> perExample = ToolCallCoverage.check(JobSpecs.parse(
                "task: t\nformat: openai\ntarget: 5\ntools_per_example: true\n" + SEEDS, null));
        assertEquals(1, perExample.size());
        assertEquals("seeds", perExample.get(0).field());
        assertTrue(perExample.get(0).message().startsWith("no seed calls a tool, so no example will"),
                perExample.get(0).message());
        assertTrue(perExample.get(0).message().contains("they will offer none either"), perExample.get(0).message());

        String jobTools = "task: t\nformat: openai\ntarget: 5\ntools: [{type: function, function: {name: forecast,"
                + " parameters: {type: object, properties: {city: {type: string}}}}}]\n";
        List<FieldError> declared = ToolCallCoverage.check(JobSpecs.parse(jobTools + SEEDS, null));
        assertTrue(declared.get(0).message().endsWith("add seeds that call the job's tools"), declared.toString());

        String calling = SEEDS.replace("      - {role: assistant, content: Let me check the forecast.}\n",
                "      - {role: assistant, content: null, tool_calls: [{id: c1, type: function, function: {name:"
                        + " forecast, arguments: '{\"city\": \"Oslo\"}'}}]}\n"
                        + "      - {role: tool, tool_call_id: c1, content: rain}\n"
                        + "      - {role: assistant, content: Rain is likely.}\n");
        assertEquals(List.of(), ToolCallCoverage.check(JobSpecs.parse(jobTools + calling, null)));
        assertEquals(List.of(), ToolCallCoverage.check(JobSpecs.parse("task: t\nformat: openai\ntarget: 5\n" + SEEDS,
                null)), "a job without tools");
    }
}
