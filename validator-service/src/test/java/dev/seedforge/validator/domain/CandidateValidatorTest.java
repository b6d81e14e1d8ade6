package dev.seedforge.validator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.Lineage;
import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.SchemaVersions;
import dev.seedforge.contracts.Verdict;

class CandidateValidatorTest {

    private static Candidate candidate(ExampleFormat format, JsonNode example) {
        return new Candidate(SchemaVersions.CURRENT, "c-1", "job-1", Candidate.DEFAULT_CELL, format, example,
                new Lineage("gpt-4o-mini", "hash", List.of(0), 0.9, 10, 20, 0.0001));
    }

    @Test
    void wellFormedCandidateIsAccepted() throws IOException {
        Verdict verdict = CandidateValidator.standard()
                .validate(candidate(ExampleFormat.SHAREGPT, RealRecords.glaive().get(0)));
        assertEquals(Verdict.accept(), verdict);
    }

    @Test
    void rejectionCarriesTheFormatReasons() throws IOException {
        Verdict verdict = CandidateValidator.standard()
                .validate(candidate(ExampleFormat.OPENAI, RealRecords.glaive().get(0)));
        assertFalse(verdict.accepted());
        assertEquals("format_mismatch", verdict.reasons().get(0).code());
    }

    @Test
    void candidateWithoutFormatIsRejected() throws IOException {
        Verdict verdict = CandidateValidator.standard().validate(candidate(null, RealRecords.glaive().get(0)));
        assertEquals(List.of(new Reason("missing_field", "the candidate names no format")), verdict.reasons());
    }

    @Test
    void firstFailingCheckEndsTheRun() throws IOException {
        List<String> ran = new ArrayList<>();
        CandidateCheck failing = c -> {
            ran.add("failing");
            return List.of(new Reason("custom", "no"));
        };
        CandidateCheck expensive = c -> {
            ran.add("expensive");
            return List.of();
        };
        Verdict verdict = new CandidateValidator(List.of(failing, expensive))
                .validate(candidate(ExampleFormat.SHAREGPT, RealRecords.glaive().get(0)));
        assertEquals(List.of(new Reason("custom", "no")), verdict.reasons());
        assertEquals(List.of("failing"), ran);
        assertTrue(new CandidateValidator(List.of(expensive))
                .validate(candidate(ExampleFormat.SHAREGPT, RealRecords.glaive().get(0))).accepted());
    }
}
