package dev.seedforge.generator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.FieldError;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobSpecs;

/** Parameters the validator could not apply are refused at submission, named where they are in the spec. */
class ToolSchemasTest {

    private static final String CALLING_SEED = """
              - conversations:
                  - {from: human, value: "Where is order 7?"}
                  - {from: function_call, value: '{"name": "lookup_order", "arguments": {"id": "7"}}'}
                  - {from: observation, value: '{"status": "shipped"}'}
                  - {from: gpt, value: "It has shipped."}
                tools: '[{"name": "lookup_order", "parameters": {"type": "object", "properties": {"id": {"type": "string"}}}}]'
            """;

    private static JobSpec perExample(String secondSeedsParameters) {
        return JobSpecs.parse("""
                task: Answer with the functions the conversation offers.
                format: sharegpt
                target: 4
                tools_per_example: true
                seeds:
                %s  - conversations:
                      - {from: human, value: "Is it raining in Oslo?"}
                      - {from: gpt, value: "I cannot see the weather from here."}
                    tools: '[{"name": "get_weather", "parameters": %s}]'
                """.formatted(CALLING_SEED, secondSeedsParameters), Path.of("."));
    }

    @Test
    void aSeedsOwnToolWithParametersNoValidatorCouldApplyIsNamedByItsPlace() {
        List<FieldError> problems = ToolSchemas.problems(perExample(
                "{\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"town\"}}}"));

        assertEquals(1, problems.size(), problems.toString());
        assertEquals("seeds[1].tools[0].parameters", problems.get(0).field());
        assertTrue(problems.get(0).message().startsWith("is not a valid JSON Schema: "), problems.toString());
        assertEquals(List.of(), ToolSchemas.problems(perExample(
                "{\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\"}}}")));
    }

    @Test
    void theJobsOwnListIsCheckedInItsOpenAiForm() {
        JobSpec spec = JobSpecs.parse("""
                task: Look orders up.
                format: openai
                target: 4
                tools:
                  - {type: function, function: {name: lookup_order, parameters: {type: object, properties: {id: {type: 7}}}}}
                seeds:
                  - messages:
                      - {role: user, content: "Where is order 7?"}
                      - {role: assistant, content: "Let me look."}
                """, Path.of("."));

        List<FieldError> problems = ToolSchemas.problems(spec);

        assertEquals(List.of("tools[0].function.parameters"), problems.stream().map(FieldError::field).toList());
    }
}
