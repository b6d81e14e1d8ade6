package dev.seedforge.exporter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.ExportSpec;

class QualityGateTest {

    private final QualityGate gate = QualityGate.defaults();
    private final FormatChecker checker = new FormatChecker();

    @Test
    void passesWithEnoughExamplesFewDuplicatesAndReadableLines() {
        List<String> errors = checker.check("train.jsonl", List.of(TestOutcomes.example(1), TestOutcomes.example(2)),
                ExampleFormat.OPENAI);
        GateResult result = gate.evaluate(2, 2, QualityGate.DEFAULT_MAX_DUPLICATE_RATIO - 0.001, errors);
        assertTrue(result.passed(), result.failures().toString());
        assertEquals(2, result.minCount());
        assertEquals(QualityGate.DEFAULT_MAX_DUPLICATE_RATIO, result.maxDuplicateRatio());
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
        GateResult result = gate.evaluate(10, 10, QualityGate.DEFAULT_MAX_DUPLICATE_RATIO, List.of());
        assertFalse(result.passed(), "the ratio must stay strictly below the maximum");
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
    void aJobsOwnThresholdsReplaceTheServiceDefaults() {
        QualityGate job = new QualityGate(OptionalInt.empty(), 0.05).forJob(new ExportSpec.GateSpec(8, 0.2));
        GateResult result = job.evaluate(10, 8, 0.15, List.of());
        assertTrue(result.passed(), result.failures().toString());
        assertEquals(8, result.minCount());
        assertFalse(job.evaluate(10, 7, 0.15, List.of()).passed());
        QualityGate partly = new QualityGate(OptionalInt.empty(), 0.05).forJob(new ExportSpec.GateSpec(null, 0.3));
        assertEquals(10, partly.evaluate(10, 10, 0.29, List.of()).minCount(), "an unset minimum stays the target");
        assertTrue(partly.evaluate(10, 10, 0.29, List.of()).passed());
    }

    @Test
    void reportsEveryFailureAtOnce() {
        assertEquals(3, gate.evaluate(10, 1, 0.5, List.of("x line 1: bad")).failures().size());
    }
}
