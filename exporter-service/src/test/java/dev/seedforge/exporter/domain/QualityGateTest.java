package dev.seedforge.exporter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.ExampleFormat;

class QualityGateTest {

    private final QualityGate gate = QualityGate.defaults();
    private final FormatChecker checker = new FormatChecker();

    @Test
    void passesWithEnoughExamplesFewDuplicatesAndReadableLines() {
        List<String> errors = checker.check("train.jsonl", List.of(TestOutcomes.example(1), TestOutcomes.example(2)),
                ExampleFormat.OPENAI);
        GateResult result = gate.evaluate(2, 2, 0.10, errors);
        assertTrue(result.passed(), result.failures().toString());
        assertEquals(2, result.minCount());
        assertEquals(0.10, result.maxDuplicateRatio());
    }

    @Test
    void failsOnTooFewExamples() {
        GateResult result = gate.evaluate(10, 9, 0, List.of());
        assertFalse(result.passed());
        assertEquals(1, result.failures().size());
        assertTrue(result.failures().get(0).startsWith("min_count"), result.failures().toString());
    }

    @Test
    void anExplicitMinimumReplacesTheTarget() {
        QualityGate lenient = new QualityGate(OptionalInt.of(5), 0.10);
        assertTrue(lenient.evaluate(10, 5, 0, List.of()).passed());
        assertFalse(lenient.evaluate(10, 4, 0, List.of()).passed());
    }

    @Test
    void failsOnTooManyDuplicates() {
        GateResult result = gate.evaluate(10, 10, 0.11, List.of());
        assertFalse(result.passed());
        assertTrue(result.failures().get(0).startsWith("max_duplicate_ratio"), result.failures().toString());
    }

    @Test
    void failsOnAMalformedLine() {
        List<String> errors = checker.check("train.jsonl",
                List.of(TestOutcomes.example(1), "{\"messages\": [", "{\"prompt\": \"no messages\"}", "[1]"),
                ExampleFormat.OPENAI);
        assertEquals(3, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("train.jsonl line 2: not valid JSON"), errors.get(0));
        assertTrue(errors.get(1).startsWith("train.jsonl line 3: not readable as openai"), errors.get(1));
        assertTrue(errors.get(2).startsWith("train.jsonl line 4: not a JSON object"), errors.get(2));
        GateResult result = gate.evaluate(4, 4, 0, errors);
        assertFalse(result.passed());
        assertTrue(result.failures().get(0).startsWith("format_errors: 3"), result.failures().toString());
    }

    @Test
    void reportsEveryFailureAtOnce() {
        assertEquals(3, gate.evaluate(10, 1, 0.5, List.of("x line 1: bad")).failures().size());
    }
}
