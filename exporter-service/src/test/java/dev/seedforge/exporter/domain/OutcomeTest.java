package dev.seedforge.exporter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.DedupDecision;
import dev.seedforge.contracts.DeduplicatedCandidate;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.Lineage;
import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.SchemaVersions;
import dev.seedforge.contracts.Verdict;

class OutcomeTest {

    private static DeduplicatedCandidate received(Verdict verdict, DedupDecision dedup) throws Exception {
        Candidate candidate = new Candidate(SchemaVersions.CURRENT, "c-1", "job-1", null, ExampleFormat.OPENAI,
                Json.MAPPER.readTree(TestOutcomes.example(1)),
                new Lineage("gpt-4o-mini", "hash", List.of(0), 0.9, 10, 20, 0.002));
        return new DeduplicatedCandidate(SchemaVersions.CURRENT, candidate, verdict, dedup);
    }

    @Test
    void acceptedAndUniqueIsExportable() throws Exception {
        Outcome outcome = Outcome.of(received(new Verdict(true, List.of(), Map.of("overall", 5), 0.0004),
                DedupDecision.unique()));
        assertEquals(OutcomeStatus.ACCEPTED, outcome.status());
        assertEquals(Candidate.DEFAULT_CELL, outcome.cell());
        assertEquals(0.002, outcome.generationCostUsd());
        assertEquals(0.0004, outcome.judgeCostUsd());
        assertEquals(Json.MAPPER.readTree(TestOutcomes.example(1)), Json.MAPPER.readTree(outcome.exampleJson()));
        assertEquals(-1, outcome.exampleJson().indexOf('\n'));
    }

    @Test
    void rejectedKeepsItsReasons() throws Exception {
        Outcome outcome = Outcome.of(received(Verdict.reject(List.of(new Reason("format", "bad"))),
                DedupDecision.notChecked()));
        assertEquals(OutcomeStatus.REJECTED, outcome.status());
        assertEquals(List.of(new Reason("format", "bad")), outcome.reasons());
        assertNull(outcome.duplicateOf());
    }

    @Test
    void duplicateNamesWhatItDuplicates() throws Exception {
        Outcome outcome = Outcome.of(received(Verdict.accept(), DedupDecision.duplicateOf("seed:3", "minhash", 0.93)));
        assertEquals(OutcomeStatus.DUPLICATE, outcome.status());
        assertEquals("seed:3", outcome.duplicateOf());
        assertEquals("minhash", outcome.dedupMethod());
        assertEquals(0.93, outcome.similarity());
    }

    @Test
    void acceptedButUncheckedIsNotExported() throws Exception {
        Outcome outcome = Outcome.of(received(Verdict.accept(), DedupDecision.notChecked()));
        assertEquals(OutcomeStatus.REJECTED, outcome.status());
        assertEquals(Outcome.NOT_DEDUPLICATED, outcome.reasons().get(0).code());
    }

    @Test
    void keepsDedupNeighboursAndJudgeScoresOfAnAcceptedCandidate() throws Exception {
        DedupDecision dedup = new DedupDecision(DedupDecision.Status.UNIQUE, null, null, null,
                List.of(new DedupDecision.Neighbour("c-0", "embedding", 0.87)), 0.87);
        Outcome outcome = Outcome.of(received(new Verdict(true, List.of(), Map.of("clarity", 8), 0.001), dedup));
        assertEquals(List.of(new DedupDecision.Neighbour("c-0", "embedding", 0.87)), outcome.related());
        assertEquals(0.87, outcome.nearestSimilarity());
        assertEquals(Map.of("clarity", 8), outcome.judgeScores());
    }
}
