package dev.seedforge.exporter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.ReviewSample;

class ReviewsTest {

    private static final Instant AT = Instant.parse("2026-12-02T12:00:00Z");

    /** One cell "all" with quota 3: candidates 1..3 are exported, 4 and 5 are its surplus. */
    private final ExportJob job = new ExportJob("job-1", "tasks", ExampleFormat.OPENAI, 3, 0.0, 7, 7);

    private final List<Outcome> outcomes = List.of(TestOutcomes.accepted(1), TestOutcomes.accepted(2),
            TestOutcomes.accepted(3), TestOutcomes.accepted(4), TestOutcomes.accepted(5),
            TestOutcomes.rejected(6, "judge_score"), TestOutcomes.duplicate(7, 2, "minhash"));

    private static Reviews.Action reject(int n, String why) {
        return new Reviews.Action(TestOutcomes.id(n), Reviews.REJECTED, why, "alice", AT, null);
    }

    private static List<String> exportedIds(ExportJob job, List<Outcome> outcomes) {
        return DatasetExporter.selectExported(job, outcomes).stream().map(Outcome::candidateId).toList();
    }

    @Test
    void aRejectedExampleIsReplacedByTheFirstOfItsCellsSurplus() {
        List<Outcome> reviewed = Reviews.apply(outcomes, List.of(reject(2, "wrong priority")));

        assertEquals(List.of(TestOutcomes.id(1), TestOutcomes.id(3), TestOutcomes.id(4)), exportedIds(job, reviewed));
        Outcome rejected = reviewed.get(1);
        assertEquals(OutcomeStatus.REJECTED, rejected.status());
        assertEquals(Reviews.REVIEWER_REJECTED, rejected.reasons().getLast().code());
        assertEquals("rejected by alice at 2026-12-02T12:00:00Z: wrong priority", rejected.reasons().getLast().message());
    }

    @Test
    void aRejectionIsReplacedFromSurplusWhileThereIsSomeThenByGeneratingWhileHeldAndOtherwiseNotAtAll() {
        List<Outcome> one = Reviews.apply(outcomes, List.of(reject(2, "x")));
        assertEquals(Reviews.Replacement.SURPLUS, Reviews.replacement(job, one, "all", true));
        assertEquals(Reviews.Replacement.SURPLUS, Reviews.replacement(job, one, "all", false),
                "a surplus replaces it, held or not");
        List<Outcome> three = Reviews.apply(outcomes, List.of(reject(2, "x"), reject(1, "y"), reject(3, "z")));
        assertEquals(List.of(TestOutcomes.id(4), TestOutcomes.id(5)), exportedIds(job, three), "surplus used up");
        assertEquals(Reviews.Replacement.GENERATE, Reviews.replacement(job, three, "all", true));
        assertEquals(Reviews.Replacement.NONE, Reviews.replacement(job, three, "all", false),
                "a released dataset is left one short");
        List<Outcome> generated = new ArrayList<>(three);
        generated.add(TestOutcomes.accepted(8));
        assertEquals(List.of(TestOutcomes.id(4), TestOutcomes.id(5), TestOutcomes.id(8)),
                exportedIds(job, Reviews.apply(generated, List.of(reject(2, "x"), reject(1, "y"), reject(3, "z")))),
                "a generated replacement accepted later takes the free place");
    }

    @Test
    void anEditReplacesTheRecordAndKeepsItsPlace() {
        String edited = TestOutcomes.example(99);
        List<Outcome> reviewed = Reviews.apply(outcomes,
                List.of(new Reviews.Action(TestOutcomes.id(1), Reviews.EDITED, "edited", "bob", AT, edited)));

        assertEquals(exportedIds(job, outcomes), exportedIds(job, reviewed));
        assertEquals(edited, reviewed.get(0).exampleJson());
        assertEquals(OutcomeStatus.ACCEPTED, reviewed.get(0).status());
    }

    @Test
    void theSampleShowsExportedRejectedAndDuplicatesWithWhatTheyDuplicate() {
        List<Reviews.Action> actions = List.of(reject(1, "too short"));
        ReviewSample sample = Reviews.sample(job, Reviews.apply(outcomes, actions), actions, 2, true);

        ReviewSample.CellSample cell = sample.cells().getFirst();
        assertEquals(3, cell.quota());
        assertEquals(3, cell.exported());
        assertEquals(1, cell.surplus(), "5 is left over once 4 replaced 1");
        assertEquals(List.of(TestOutcomes.id(2), TestOutcomes.id(3)),
                cell.exportedSample().stream().map(ReviewSample.Item::candidateId).toList());
        assertEquals(TestOutcomes.id(1), cell.rejected().getFirst().candidateId(), "reviewers' rejections first");
        ReviewSample.Item duplicate = cell.duplicates().getFirst();
        assertEquals(TestOutcomes.id(2), duplicate.duplicateOf());
        assertTrue(duplicate.duplicateOfExample().toString().contains("Create task number 2"));
        assertTrue(sample.held());
        assertNull(sample.approvedBy());
        assertEquals(1, sample.reviews().size());
    }

    @Test
    void onlyExportedExamplesCountAsExported() {
        assertTrue(Reviews.exported(job, outcomes, TestOutcomes.id(3)));
        assertFalse(Reviews.exported(job, outcomes, TestOutcomes.id(4)), "surplus");
        assertFalse(Reviews.exported(job, outcomes, TestOutcomes.id(6)), "rejected");
    }

    @Test
    void theFilesChangeAndRejectedJsonlNamesTheReviewer(@TempDir Path out) throws Exception {
        DatasetExporter exporter = DatasetExporter.create(out, new QualityGate(java.util.OptionalInt.empty(), 0.05));
        exporter.export(job, outcomes);
        String before = Files.readString(out.resolve("job-1/train.jsonl"));

        List<Outcome> reviewed = Reviews.apply(outcomes, new ArrayList<>(List.of(reject(2, "wrong priority"))));
        exporter.export(job, reviewed);
        String after = Files.readString(out.resolve("job-1/train.jsonl"));

        assertTrue(before.contains("Create task number 2") && !after.contains("Create task number 2"));
        assertTrue(after.contains("Create task number 4"));
        String rejected = Files.readString(out.resolve("job-1/rejected.jsonl"));
        assertTrue(rejected.contains("rejected by alice at 2026-12-02T12:00:00Z: wrong priority"), rejected);
        String report = Files.readString(out.resolve("job-1/quality_report.json"));
        assertTrue(report.contains(Reviews.REVIEWER_REJECTED), report);
        com.fasterxml.jackson.databind.JsonNode byReviewers = dev.seedforge.contracts.Json.MAPPER.readTree(report)
                .path("reviewerRejections");
        assertEquals(1, byReviewers.size(), report);
        assertEquals(TestOutcomes.id(2), byReviewers.get(0).path("candidateId").asText());
        assertEquals("rejected by alice at 2026-12-02T12:00:00Z: wrong priority",
                byReviewers.get(0).path("reason").asText());
        assertTrue(Files.readString(out.resolve("job-1/report.html")).contains(
                "rejected by alice at 2026-12-02T12:00:00Z: wrong priority"), "report.html names the reviewer");
    }
}
