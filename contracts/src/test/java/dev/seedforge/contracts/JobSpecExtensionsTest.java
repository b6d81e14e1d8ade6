package dev.seedforge.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobSpecExtensionsTest {

    private static final String BASE = """
            task: Manage tasks
            format: openai
            target: 20
            seeds:
              - messages:
                  - {role: user, content: "Delete task #3."}
                  - {role: assistant, content: "Deleted task #3: 'Water plants'"}
            """;

    private static List<String> fieldsAtFault(String yaml) {
        return assertThrows(InvalidJobSpecException.class, () -> JobSpecs.parse(yaml, null)).errors().stream()
                .map(FieldError::field).toList();
    }

    @Test
    void everySectionParsesAndDefaultsFillTheRest() {
        JobSpec spec = JobSpecs.parse(BASE + """
                axes:
                  operation: [create, update, delete]
                  style: {formal: 2, casual: 1}
                complexity: {simple: 0.6, edge_case: 0.4}
                multi_turn: {share: 0.25, max_turns: 4}
                temperature_range: [0.6, 1.1]
                budget_usd: 0.05
                approval: auto
                tools:
                  - type: function
                    function: {name: create_task, parameters: {type: object, properties: {title: {type: string}}}}
                rules:
                  reply_must_match: ["^Deleted task #\\\\d+"]
                  banned_phrases: ["As an AI language model"]
                  max_tokens_per_turn: 200
                judge: {min_score: 7}
                dedup: {compare: whole, semantic_threshold: 0.9}
                export: {formats: [sharegpt, alpaca], related_threshold: 0.7, gate: {max_duplicate_ratio: 0.05}}
                """, null);
        assertEquals(List.of("operation", "style"), List.copyOf(spec.axes().keySet()));
        assertEquals(Map.of("formal", 2.0, "casual", 1.0), spec.axes().get("style").weights());
        assertEquals(1.0, spec.axes().get("operation").weights().get("update"));
        assertEquals(0.25, spec.multiTurn().share());
        assertEquals(List.of(0.6, 1.1), spec.temperatureRange());
        assertEquals(Approval.AUTO, spec.approval());
        assertEquals("create_task", spec.tools().get(0).at("/function/name").asText());
        assertEquals(List.of("^Deleted task #\\d+"), spec.rules().replyMustMatch());
        assertEquals(7, spec.judge().minScore());
        assertEquals(JudgeSpec.DEFAULT_RUBRIC, spec.judge().rubric());
        assertEquals("whole", spec.dedup().compare());
        assertEquals(List.of(ExampleFormat.SHAREGPT, ExampleFormat.ALPACA), spec.export().formats());
        assertEquals(0.05, spec.export().gate().maxDuplicateRatio());
    }

    @Test
    void aPlainSpecGetsSafeDefaults() {
        JobSpec spec = JobSpecs.parse(BASE, null);
        assertEquals(Approval.MANUAL, spec.approval());
        assertEquals(Map.of("simple", 1.0), spec.complexity());
        assertEquals(MultiTurnSpec.NONE, spec.multiTurn());
        assertEquals(List.of(0.9, 0.9), spec.temperatureRange());
        assertEquals(JudgeSpec.DEFAULT, spec.judge());
        assertTrue(spec.axes().isEmpty());
    }

    @Test
    void eachBadSectionIsNamed() {
        assertEquals(List.of("complexity.hard"), fieldsAtFault(BASE + "complexity: {hard: 1}\n"));
        assertEquals(List.of("axes.style.formal"), fieldsAtFault(BASE + "axes: {style: {formal: 0}}\n"));
        assertEquals(List.of("rules.reply_must_match[1]"),
                fieldsAtFault(BASE + "rules: {reply_must_match: [ok, \"(unclosed\"]}\n"));
        assertEquals(List.of("tools[0]"), fieldsAtFault(BASE + "tools: [{type: function, function: {}}]\n"));
        assertEquals(List.of("temperature_range"), fieldsAtFault(BASE + "temperature_range: [1.2, 0.4]\n"));
        assertEquals(List.of("budget_usd"), fieldsAtFault(BASE + "budget_usd: 0\n"));
        assertEquals(List.of("dedup.compare"), fieldsAtFault(BASE + "dedup: {compare: titles}\n"));
        assertEquals(List.of("judge.min_score"), fieldsAtFault(BASE + "judge: {min_score: 11}\n"));
        assertEquals(List.of("approval"), fieldsAtFault(BASE + "approval: sometimes\n"));
        assertEquals(List.of("multi_turn.share"), fieldsAtFault(BASE + "multi_turn: {share: 2}\n"));
    }

    @Test
    void referenceFilesAreReadBesideTheSpec(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("eval.jsonl"), """
                {"instruction": "Delete task #8.", "output": "Deleted task #8: 'Walk dog'"}
                {"instruction": "Delete task #9.", "output": "Deleted task #9: 'Feed cat'"}
                """);
        JobSpec spec = JobSpecs.parse(BASE + """
                dedup:
                  references:
                    - {name: eval, purpose: decontaminate, file: eval.jsonl}
                """, dir);
        ReferenceSet eval = spec.dedup().references().get(0);
        assertEquals(null, eval.file());
        assertEquals(2, eval.examples().size());
        assertEquals("Delete task #9.", eval.examples().get(1).textOf(ChatTurn.USER));
    }
}
