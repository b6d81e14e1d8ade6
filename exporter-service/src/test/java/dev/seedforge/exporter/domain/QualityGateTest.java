package dev.seedforge.exporter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.DedupDecision;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.ExportSpec;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.format.FormatChecker;
import dev.seedforge.contracts.tokens.TokenCounter;

class QualityGateTest {

    private final QualityGate gate = QualityGate.defaults();
    private final FormatChecker checker = new FormatChecker();

    private static ExportedDuplicates duplicates(long found, long of) {
        return new ExportedDuplicates(of, found, 0, found, 0, of == 0 ? 0 : (double) found / of,
                found == 0 ? List.of() : List.of("job-1-0002 repeats job-1-0001 (same user text)"));
    }

    private static ExportedDuplicates check(List<Outcome> exported, List<Conversation> seeds) {
        return ExportedDuplicates.of(exported, ExampleFormat.OPENAI, seeds, "user", 0.8, 0.85);
    }

    private static Outcome acceptedWithUserText(int n, String user) {
        String example = "{\"messages\":[{\"role\":\"user\",\"content\":" + Json.MAPPER.valueToTree(user)
                + "},{\"role\":\"assistant\",\"content\":\"Created task " + n + "\"}]}";
        return new Outcome(TestOutcomes.id(n), "job-1", "all", OutcomeStatus.ACCEPTED, example, List.of(), null,
                null, null, 0, 0);
    }

    @Test
    void passesWithEnoughExamplesNoDuplicatesAndReadableLines() {
        List<String> errors = checker.checkLines("train.jsonl", List.of(TestOutcomes.example(1), TestOutcomes.example(2)),
                ExampleFormat.OPENAI);
        GateResult result = gate.evaluate(2, 2, duplicates(0, 2), 0, errors);
        assertTrue(result.passed(), result.failures().toString());
        assertEquals(List.of(), result.warnings());
        assertEquals(2, result.minCount());
        assertEquals(QualityGate.DEFAULT_MAX_DUPLICATE_RATIO, result.maxDuplicateRatio());
    }

    @Test
    void failsOnTooFewExamples() {
        GateResult result = gate.evaluate(10, 9, duplicates(0, 9), 0, List.of());
        assertFalse(result.passed());
        assertEquals(1, result.failures().size());
        assertTrue(result.failures().get(0).startsWith("min_count"), result.failures().toString());
    }

    @Test
    void anExplicitMinimumReplacesTheTarget() {
        QualityGate lenient = new QualityGate(OptionalInt.of(5), 0.10);
        assertTrue(lenient.evaluate(10, 5, duplicates(0, 5), 0, List.of()).passed());
        assertFalse(lenient.evaluate(10, 4, duplicates(0, 4), 0, List.of()).passed());
    }

    @Test
    void failsWhenTheExportedSetHoldsTooManyDuplicates() {
        GateResult atTheLimit = gate.evaluate(20, 20, duplicates(1, 20), 0, List.of());
        assertFalse(atTheLimit.passed(), "1 of 20 is 0.05: the ratio must stay strictly below the maximum");
        assertEquals("max_duplicate_ratio: 1 of 20 exported examples are duplicates (ratio 0.0500, not below"
                + " 0.0500), first: job-1-0002 repeats job-1-0001 (same user text)", atTheLimit.failures().get(0));
        assertEquals(0.05, atTheLimit.duplicateRatio(), 1e-12);
        assertTrue(gate.evaluate(21, 21, duplicates(1, 21), 0, List.of()).passed(), "1 of 21 is below 0.05");
    }

    @Test
    void generationWasteIsAWarningNotAFailure() {
        GateResult result = gate.evaluate(10, 10, duplicates(0, 10), 0.549, List.of());
        assertTrue(result.passed(), result.failures().toString());
        assertEquals(1, result.warnings().size());
        assertTrue(result.warnings().get(0).startsWith("generation_duplicates: 54.9% of the unique-or-duplicate"
                + " candidates were duplicates (at or above 5.0%)"), result.warnings().get(0));
        assertEquals(List.of(), gate.evaluate(10, 10, duplicates(0, 10), 0.049, List.of()).warnings());
    }

    @Test
    void theCheckFindsRepeatsOfSeedsAndOfEachOtherAfterNormalisation() throws Exception {
        JsonNode seed = Json.MAPPER.readTree("{\"messages\":[{\"role\":\"user\",\"content\":\"Create a task:"
                + " Review budget\"},{\"role\":\"assistant\",\"content\":\"Created task: 'Review budget'\"}]}");
        List<Outcome> exported = new ArrayList<>();
        for (int n = 1; n <= 10; n++) {
            exported.add(acceptedWithUserText(n, "Create task number " + n));
        }
        exported.add(acceptedWithUserText(11, "  CREATE a task:\u00a0 review budget "));
        exported.add(acceptedWithUserText(12, "create TASK number 3"));
        ExportedDuplicates found = check(exported, List.of(Conversation.fromJson(seed)));
        assertEquals(12, found.checked());
        assertEquals(1, found.ofSeeds(), found.examples().toString());
        assertEquals(1, found.exact(), found.examples().toString());
        assertEquals(2, found.duplicates());
        assertEquals(2.0 / 12, found.ratio(), 1e-12);
        assertEquals(List.of("job-1-0011 repeats seed:0 (same user text)",
                "job-1-0012 repeats job-1-0003 (same user text)"), found.examples());
        GateResult result = gate.evaluate(12, 12, found, 0, List.of());
        assertFalse(result.passed());
        assertTrue(result.failures().get(0).startsWith("max_duplicate_ratio: 2 of 12"), result.failures().get(0));
    }

    @Test
    void theCheckCountsANeighbourAtTheDuplicateThresholdButNotARelatedOne() {
        List<Outcome> exported = new ArrayList<>();
        for (int n = 1; n <= 4; n++) {
            exported.add(acceptedWithUserText(n, "Create task number " + n));
        }
        exported.set(1, exported.get(1).withNeighbours(List.of(
                new DedupDecision.Neighbour(TestOutcomes.id(1), DedupDecision.METHOD_SEMANTIC, 0.86)), 0.86));
        exported.set(2, exported.get(2).withNeighbours(List.of(
                new DedupDecision.Neighbour(TestOutcomes.id(1), DedupDecision.METHOD_SEMANTIC, 0.84),
                new DedupDecision.Neighbour("job-1-9999", DedupDecision.METHOD_SEMANTIC, 0.99)), 0.99));
        exported.set(3, exported.get(3).withNeighbours(List.of(
                new DedupDecision.Neighbour(TestOutcomes.id(2), DedupDecision.METHOD_LEXICAL, 0.80)), 0.80));
        ExportedDuplicates found = check(exported, List.of());
        assertEquals(2, found.near(), found.examples().toString());
        assertEquals(List.of("job-1-0002 is a near-duplicate of job-1-0001 (embedding 0.860 >= 0.85)",
                "job-1-0004 is a near-duplicate of job-1-0002 (minhash 0.800 >= 0.80)"), found.examples(),
                "0.84 is only related, and a neighbour outside the exported set does not count");
    }

    @Test
    void aReportOfADatasetWithALeakedDuplicateFailsItsGate() {
        QualityReportBuilder builder = new QualityReportBuilder(TokenCounter.o200k(), gate);
        ExportJob job = new ExportJob("job-1", "tasks", ExampleFormat.OPENAI, 3, 0, 7, 3);
        List<Outcome> leaked = List.of(TestOutcomes.accepted(1), TestOutcomes.accepted(2),
                new Outcome(TestOutcomes.id(3), "job-1", "all", OutcomeStatus.ACCEPTED, TestOutcomes.example(1),
                        List.of(), null, null, null, 0, 0));
        QualityReport report = builder.build(job, leaked, leaked, List.of(), List.of(), Instant.EPOCH);
        assertEquals(0, report.candidateDuplicateRatio(), "dedup reported no duplicate");
        assertEquals(1, report.exportedDuplicates().exact());
        assertFalse(report.gate().passed());
        assertTrue(report.gate().failures().get(0).startsWith("max_duplicate_ratio: 1 of 3"),
                report.gate().failures().toString());
    }

    @Test
    void failsOnAMalformedLine() {
        List<String> errors = checker.checkLines("train.jsonl",
                List.of(TestOutcomes.example(1), "{\"messages\": [", "{\"prompt\": \"no messages\"}", "[1]"),
                ExampleFormat.OPENAI);
        assertEquals(3, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("train.jsonl line 2: not valid JSON"), errors.get(0));
        assertTrue(errors.get(1).startsWith("train.jsonl line 3: missing_field: the example has no 'messages'"),
                errors.get(1));
        assertTrue(errors.get(2).startsWith("train.jsonl line 4: not_an_object"), errors.get(2));
        GateResult result = gate.evaluate(4, 4, duplicates(0, 4), 0, errors);
        assertFalse(result.passed());
        assertTrue(result.failures().get(0).startsWith("format_errors: 3"), result.failures().toString());
    }

    @Test
    void aJobsOwnThresholdsReplaceTheServiceDefaults() {
        QualityGate job = new QualityGate(OptionalInt.empty(), 0.05).forJob(new ExportSpec.GateSpec(8, 0.2));
        GateResult result = job.evaluate(10, 8, duplicates(1, 8), 0.15, List.of());
        assertTrue(result.passed(), result.failures().toString());
        assertEquals(8, result.minCount());
        assertEquals(List.of(), result.warnings(), "0.15 is below the job's 0.2");
        assertFalse(job.evaluate(10, 7, duplicates(0, 7), 0, List.of()).passed());
        QualityGate partly = new QualityGate(OptionalInt.empty(), 0.05).forJob(new ExportSpec.GateSpec(null, 0.3));
        assertEquals(10, partly.evaluate(10, 10, duplicates(2, 10), 0, List.of()).minCount(),
                "an unset minimum stays the target");
        assertTrue(partly.evaluate(10, 10, duplicates(2, 10), 0, List.of()).passed());
        assertFalse(partly.evaluate(10, 10, duplicates(3, 10), 0, List.of()).passed());
    }

    @Test
    void reportsEveryFailureAtOnce() {
        assertEquals(3, gate.evaluate(10, 1, duplicates(1, 1), 0.5, List.of("x line 1: bad")).failures().size());
    }
}
