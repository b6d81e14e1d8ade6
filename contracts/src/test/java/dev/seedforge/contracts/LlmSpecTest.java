package dev.seedforge.contracts;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.tokens.PriceTable;

class LlmSpecTest {

    private static final String BASE = """
            task: Manage tasks
            format: openai
            target: 20
            seeds:
              - messages:
                  - {role: user, content: "Delete task #3."}
                  - {role: assistant, content: "Deleted task #3: 'Water plants'"}
            """;

    private static List<FieldError> errors(String yaml) {
        return assertThrows(InvalidJobSpecException.class, () -> JobSpecs.parse(yaml, null)).errors();
    }

    @Test
    void teacherAndJudgeNameTheirProviderModelAndEndpoint() {
        JobSpec spec = JobSpecs.parse(BASE + """
                teacher: {provider: anthropic, model: claude-haiku-4-5, base_url: "http://localhost:9/v1/"}
                judge: {provider: gemini, model: gemini-2.5-flash, min_score: 7}
                """, null).withDefaults();
        assertEquals(new LlmSpec("anthropic", "claude-haiku-4-5", "http://localhost:9/v1/"), spec.teacherLlm());
        assertEquals("claude-haiku-4-5", spec.teacherModel(), "teacher_model follows teacher.model");
        assertEquals(new LlmSpec("gemini", "gemini-2.5-flash", null), spec.judgeLlm());
        assertEquals("gemini-2.5-flash", spec.judgeModel());
        assertEquals(7, spec.judge().minScore());
        assertEquals("gemini", spec.judge().provider());
        assertEquals(spec.teacherLlm(), spec.withDefaults().teacherLlm());
    }

    @Test
    void theOldModelFieldsStillMeanProviderOpenAi() {
        JobSpec spec = JobSpecs.parse(BASE + "teacher_model: gpt-4.1-mini\njudge_model: gpt-4o\n", null).withDefaults();
        assertEquals(new LlmSpec("openai", "gpt-4.1-mini", null), spec.teacherLlm());
        assertEquals(new LlmSpec("openai", "gpt-4o", null), spec.judgeLlm());
        assertTrue(spec.teacherLlm().usesConfiguredEndpoint());
        JobSpec plain = JobSpecs.parse(BASE, null).withDefaults();
        assertEquals(new LlmSpec("openai", JobSpec.DEFAULT_MODEL, null), plain.teacherLlm());
        assertEquals(plain, plain.withDefaults(), "defaults are stable");
        assertEquals(plain,
                JobSpecs.parse(assertDoesNotThrow(() -> Json.MAPPER.writeValueAsString(plain)), null).withDefaults(),
                "the stored form parses back");
    }

    @Test
    void aProviderWithoutModelKeepsTheModelFieldAndAnEndpointLeavesTheConfiguredOne() {
        JobSpec spec = JobSpecs.parse(BASE + """
                teacher_model: qwen2.5-7b
                teacher: {provider: openai-compatible, base_url: "http://vllm:8000/v1"}
                """, null).withDefaults();
        assertEquals("qwen2.5-7b", spec.teacherLlm().model());
        assertEquals(false, spec.teacherLlm().usesConfiguredEndpoint());
        assertNull(JobSpecs.parse(BASE, null).judge().llm(), "a judge without provider fields stays as it was");
    }

    @Test
    void badProviderFieldsAreNamed() {
        List<FieldError> errors = errors(BASE + """
                teacher: {provider: mistral, model: " ", base_url: "ftp://x"}
                judge: {provider: Cohere}
                """);
        assertEquals(new FieldError("teacher.provider",
                "unknown provider 'mistral'; one of openai, anthropic, gemini, openai-compatible; a server with OpenAI's"
                        + " chat completions API (Azure OpenAI, vLLM, Ollama, LM Studio, OpenRouter, Together, Groq, ...)"
                        + " is openai-compatible with its base_url"),
                errors.get(0));
        assertEquals(List.of("teacher.provider", "teacher.model", "teacher.base_url", "judge.provider"),
                errors.stream().map(FieldError::field).toList());
        List<FieldError> twice = errors(BASE + "teacher_model: gpt-4o\nteacher: {model: gpt-4o-mini}\n");
        assertEquals("teacher.model", twice.get(0).field());
        assertTrue(twice.get(0).message().contains("teacher_model"), twice.get(0).message());
    }

    @Test
    void listPricesAreFoundByModelPrefix() {
        assertEquals(new PriceTable(1.00, 0.10, 5.00),
                PriceTable.lookup(PriceTable.LIST_PRICES, "claude-haiku-4-5-20251001").orElseThrow());
        assertEquals(new PriceTable(0.10, 0.01, 0.40),
                PriceTable.lookup(PriceTable.LIST_PRICES, "models/gemini-2.5-flash-lite").orElseThrow(),
                "the longest prefix wins over gemini-2.5-flash");
        assertTrue(PriceTable.lookup(PriceTable.LIST_PRICES, "gpt-4o-mini").isEmpty());
    }

    @Test
    void batchModeIsTheSpecsOrTheTeachersAndNamesTheFieldAtFault() {
        assertTrue(JobSpecs.parse(BASE + "mode: batch\n", null).withDefaults().teacherBatch());
        assertTrue(JobSpecs.parse(BASE + "teacher: {mode: batch}\n", null).withDefaults().teacherBatch());
        assertTrue(!JobSpecs.parse(BASE + "mode: batch\nteacher: {mode: realtime}\n", null).teacherBatch(),
                "the teacher's own mode wins");
        assertTrue(!JobSpecs.parse(BASE, null).withDefaults().teacherBatch(), "real time by default");
        assertEquals(List.of("mode"), fields(errors(BASE + "mode: overnight\n")));
        assertEquals(List.of("teacher.mode"), fields(errors(BASE + "teacher: {mode: later}\n")));
        assertTrue(JobSpecs.parse(BASE + "teacher: {provider: anthropic, model: claude-haiku-4-5, mode: batch}\n",
                null).withDefaults().teacherBatch(), "Anthropic's Message Batches");
        assertTrue(JobSpecs.parse(BASE + "mode: batch\nteacher: {provider: anthropic, model: claude-haiku-4-5}\n",
                null).withDefaults().teacherBatch());
        assertEquals(List.of("teacher.mode"),
                fields(errors(BASE + "teacher: {provider: gemini, model: gemini-2.5-flash, mode: batch}\n")));
        List<FieldError> gemini = errors(BASE + "mode: batch\nteacher: {provider: gemini}\n");
        assertEquals(List.of("mode"), fields(gemini));
        assertTrue(gemini.get(0).message().contains("not gemini"), gemini.get(0).message());
        JobSpecs.parse(BASE + "judge: {mode: batch}\n", null);
        JobSpecs.parse(BASE + "judge: {provider: openai-compatible, base_url: 'http://sim/v1', mode: batch}\n", null);
        assertTrue(JobSpecs.parse(BASE + "judge: {provider: anthropic, model: claude-haiku-4-5, mode: batch}\n",
                null).withDefaults().judgeBatch(), "the judge on Anthropic's Message Batches");
        assertTrue(JobSpecs.parse(BASE + "mode: batch\njudge: {provider: anthropic, model: claude-haiku-4-5}\n", null)
                .withDefaults().judgeBatch(), "mode: batch covers an Anthropic judge");
        List<FieldError> judge = errors(BASE + "judge: {provider: gemini, model: gemini-2.5-flash, mode: batch}\n");
        assertEquals(List.of("judge.mode"), fields(judge));
        assertTrue(judge.get(0).message().contains("not gemini"), judge.get(0).message());
        assertEquals(List.of("mode"), fields(errors(BASE + "mode: batch\njudge: {provider: gemini}\n")),
                "mode: batch covers the judge too");
        assertTrue(!JobSpecs.parse(BASE + "mode: batch\njudge: {provider: gemini, mode: realtime}\n", null)
                .judgeBatch(), "the judge's own mode wins");
        assertTrue(!JobSpecs.parse(BASE + "mode: batch\njudge: {enabled: false, provider: gemini}\n", null)
                .judgeBatch(), "no judge, no batch judge");
    }

    @Test
    void theJudgeIsBatchWhenTheSpecOrTheJudgeSaysSo() {
        assertTrue(JobSpecs.parse(BASE + "mode: batch\n", null).withDefaults().judgeBatch());
        assertTrue(JobSpecs.parse(BASE + "judge: {mode: batch}\n", null).withDefaults().judgeBatch());
        assertTrue(!JobSpecs.parse(BASE + "judge: {mode: batch}\n", null).withDefaults().teacherBatch(),
                "judge.mode leaves the teacher in real time");
        assertTrue(!JobSpecs.parse(BASE + "mode: batch\njudge: {mode: realtime}\n", null).withDefaults().judgeBatch(),
                "the judge's own mode wins");
        assertTrue(!JobSpecs.parse(BASE + "mode: batch\njudge: {enabled: false}\n", null).withDefaults().judgeBatch(),
                "no judge, no batch judge");
        assertTrue(!JobSpecs.parse(BASE, null).withDefaults().judgeBatch(), "real time by default");
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }
}
