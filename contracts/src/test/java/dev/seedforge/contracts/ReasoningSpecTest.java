package dev.seedforge.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code reasoning} in a job spec: the short and the long form, the defaults per format, errors naming the field. */
class ReasoningSpecTest {

    private static final String BASE = """
            task: Answer math word problems
            format: openai
            target: 20
            seeds:
              - messages:
                  - {role: user, content: "What is 2 + 3?"}
                  - {role: assistant, content: "Answer: 5"}
            """;

    @Test
    void shortFormTakesEveryDefault() throws Exception {
        JobSpec spec = JobSpecs.parse(BASE + "reasoning: true\n", null);
        ReasoningSpec reasoning = ReasoningSpec.of(spec);
        assertTrue(reasoning.on());
        assertEquals(ReasoningSpec.DEFAULT_MAX_TOKENS, reasoning.maxTokensOrDefault());
        assertEquals("reasoning_content", reasoning.fieldNameOrDefault());
        assertEquals(ReasoningSpec.Mode.FIELD, reasoning.modeFor(ExampleFormat.OPENAI));
        assertEquals(ReasoningSpec.Mode.INLINE, reasoning.modeFor(ExampleFormat.SHAREGPT));
        assertEquals(ReasoningSpec.Mode.INLINE, reasoning.modeFor(ExampleFormat.ALPACA));
        JobSpec back = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(spec), JobSpec.class);
        assertTrue(ReasoningSpec.of(back).on(), "survives the topics' JSON");
    }

    @Test
    void offWhenFalseOrAbsent() {
        assertFalse(ReasoningSpec.of(JobSpecs.parse(BASE + "reasoning: false\n", null)).on());
        assertFalse(ReasoningSpec.of(JobSpecs.parse(BASE, null)).on());
        assertFalse(ReasoningSpec.of(JobSpecs.parse(BASE + "reasoning: {enabled: false}\n", null)).on());
    }

    @Test
    void longFormChoosesPerFormat() throws Exception {
        JobSpec spec = JobSpecs.parse(BASE + """
                reasoning: {max_tokens: 200, field_name: thinking, export: {openai: inline, sharegpt: field}}
                """, null);
        ReasoningSpec reasoning = ReasoningSpec.of(spec);
        assertEquals(200, reasoning.maxTokensOrDefault());
        assertEquals("thinking", reasoning.fieldNameOrDefault());
        assertEquals(ReasoningSpec.Mode.INLINE, reasoning.modeFor(ExampleFormat.OPENAI));
        assertEquals(ReasoningSpec.Mode.FIELD, reasoning.modeFor(ExampleFormat.SHAREGPT));
        JobSpec back = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(spec), JobSpec.class);
        assertEquals(spec.reasoning(), back.reasoning());
    }

    @Test
    void badValuesAreRefusedNamingTheField() {
        assertEquals(List.of("reasoning.max_tokens"), fields("reasoning: {max_tokens: 0}"));
        assertEquals(List.of("reasoning.max_tokens"), fields("reasoning: {max_tokens: 40000}"));
        assertEquals(List.of("reasoning.field_name"), fields("reasoning: {field_name: thoughts}"));
        assertEquals(List.of("reasoning.export.jsonl"), fields("reasoning: {export: {jsonl: inline}}"));
        assertEquals(List.of("reasoning.export.alpaca"), fields("reasoning: {export: {alpaca: field}}"));
        InvalidJobSpecException mode = assertThrows(InvalidJobSpecException.class,
                () -> JobSpecs.parse(BASE + "reasoning: {export: {openai: sideways}}\n", null));
        assertTrue(mode.errors().get(0).field().startsWith("reasoning.export"), mode.errors().toString());
        assertTrue(mode.errors().get(0).message().contains("field or inline"), mode.errors().toString());
    }

    @Test
    void aSpecWithoutReasoningWritesNoField() throws Exception {
        JobSpec spec = JobSpecs.parse(BASE, null);
        assertNull(spec.reasoning());
        assertFalse(Json.MAPPER.writeValueAsString(spec).contains("reasoning"));
    }

    private static List<String> fields(String line) {
        InvalidJobSpecException e = assertThrows(InvalidJobSpecException.class,
                () -> JobSpecs.parse(BASE + line + "\n", null), line);
        return e.errors().stream().map(FieldError::field).toList();
    }
}
