package dev.seedforge.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class ContractsJsonRoundTripTest {

    private static final Candidate CANDIDATE = new Candidate(SchemaVersions.CURRENT, "job-1-c000001", "job-1",
            Candidate.DEFAULT_CELL, ExampleFormat.OPENAI,
            ExampleFormat.OPENAI.render(List.of(ChatTurn.of("user", "Delete task #3."),
                    ChatTurn.of("assistant", "Deleted task #3: 'Water plants'"))),
            new Lineage("gpt-4o-mini", "ab12", List.of(0, 3), 0.9, 410, 52, 0.0000925));

    private static <T> void assertRoundTrip(T value, Class<T> type) throws Exception {
        String json = Json.MAPPER.writeValueAsString(value);
        assertEquals(value, Json.MAPPER.readValue(json, type), json);
    }

    @Test
    void everyRecordSurvivesJson() throws Exception {
        Verdict verdict = new Verdict(false, List.of(new Reason("role_order", "turn 2 should be gpt, got human")),
                Map.of("clarity", 8), 0.00002);
        ValidatedCandidate validated = ValidatedCandidate.of(CANDIDATE, verdict);
        assertRoundTrip(CANDIDATE, Candidate.class);
        assertRoundTrip(validated, ValidatedCandidate.class);
        assertRoundTrip(DeduplicatedCandidate.of(validated, DedupDecision.duplicateOf("seed:2", "exact", 1.0)),
                DeduplicatedCandidate.class);
        assertRoundTrip(new JobProgress(1, "job-1", Map.of("all", new CellProgress(60, 12, 3, 1)), 16, 12, 3, 1,
                0.0012, Instant.parse("2026-01-01T00:00:00Z")), JobProgress.class);
        assertRoundTrip(JobProgress.of("job-1", Map.of("all", new CellProgress(60, 12, 3, 1)), 12, 3, 1, 0.0009,
                0.0003, Instant.parse("2026-01-01T00:00:00Z")), JobProgress.class);
        assertRoundTrip(JobProgress.of("job-1", Map.of("all", new CellProgress(60, 11, 4, 1)), 11, 4, 1, 0.0009,
                0.0003, Instant.parse("2026-01-01T00:00:00Z"), 1), JobProgress.class);
        assertRoundTrip(new JobEvent(1, "job-1", JobStatus.FINALIZING, null, 75L, "generator",
                Instant.parse("2026-01-01T00:00:00Z")), JobEvent.class);
        assertRoundTrip(new DatasetCompleted(1, "job-1", "task-api", JobStatus.COMPLETED, null, 75, 60, 10, 5, 54, 6,
                true, List.of(), "/data/job-1", List.of("train.jsonl"), 0.004), DatasetCompleted.class);
        JobSpec spec = JobSpecs.load(java.nio.file.Path.of("../examples/task-api/job.yaml"));
        assertRoundTrip(new JobView("job-1", JobStatus.GENERATING, null, spec,
                new Plan(List.of(new PlanCell("complexity=simple", Map.of(), "simple", false, 60)),
                        List.of(ChatTurn.of("user", "hi")), new CostEstimate(12, 9000, 3000, 12, 0.003, 0.001,
                                0.004, "gpt-4o-mini")),
                10, null,
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:01Z")), JobView.class);
        JobRequest request = JobRequest.of("key-1", Json.MAPPER.valueToTree(spec));
        String json = Json.MAPPER.writeValueAsString(request);
        // JsonNode equality tells IntNode from LongNode, so the request is compared by its JSON
        assertEquals(json, Json.MAPPER.writeValueAsString(Json.MAPPER.readValue(json, JobRequest.class)));
        assertEquals(spec, JobSpecs.fromTree(Json.MAPPER.readValue(json, JobRequest.class).spec(), null));
    }

    /** The first version's progress, as a reader that predates the costs by stage has it. */
    record JobProgressV1(int schemaVersion, String jobId, Map<String, CellProgress> cells, long outcomes,
            long accepted, long rejected, long duplicates, double costUsd, Instant at) {
    }

    @Test
    void costsByStageAreAddedWithoutBreakingReadersOrRecordsOfTheFirstVersion() throws Exception {
        JobProgress progress = JobProgress.of("job-1", Map.of("a", new CellProgress(10, 4, 4, 0)), 4, 4, 0, 0.0009,
                0.0003, Instant.parse("2026-01-01T00:00:00Z"));
        assertEquals(new StageCosts(0.0009, 0.0003, 0.0012, 0.0003), progress.cost());
        assertEquals(0.0012, progress.costUsd(), 1e-15, "the first version's total is still there");
        assertEquals(8, progress.outcomes());
        JobProgressV1 old = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(progress), JobProgressV1.class);
        assertEquals(0.0012, old.costUsd(), 1e-15);
        JobProgress fromOld = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(new JobProgressV1(1, "job-1",
                Map.of(), 3, 1, 2, 0, 0.0005, Instant.parse("2026-01-01T00:00:00Z"))), JobProgress.class);
        assertEquals(null, fromOld.cost(), "a first-version record has no split");
        assertEquals(0.0005, fromOld.costUsd(), 1e-15);
        assertEquals(0, fromOld.reviewerRejected(), "a record written before reviews holds no reviewer's rejection");
        assertEquals(null, StageCosts.of(0.001, 0, 0).perAcceptedExampleUsd(), "nothing accepted, no cost per example");
    }

    @Test
    void aReviewersRejectionSupersedesTheAccountOfAsManyOutcomesBeforeIt() {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        JobProgress before = JobProgress.of("job-1", Map.of("a", new CellProgress(2, 2, 1, 0)), 2, 1, 0, 0, 0, at);
        JobProgress rejected = JobProgress.of("job-1", Map.of("a", new CellProgress(2, 1, 2, 0)), 1, 2, 0, 0, 0, at,
                1);
        assertEquals(before.outcomes(), rejected.outcomes(), "a rejection adds no outcome");
        org.junit.jupiter.api.Assertions.assertTrue(rejected.supersedes(before));
        org.junit.jupiter.api.Assertions.assertFalse(before.supersedes(rejected), "a late account before it is stale");
        JobProgress later = JobProgress.of("job-1", Map.of("a", new CellProgress(2, 2, 2, 0)), 2, 2, 0, 0, 0, at, 1);
        org.junit.jupiter.api.Assertions.assertTrue(later.supersedes(rejected), "one more outcome is newer");
        org.junit.jupiter.api.Assertions.assertTrue(before.supersedes(null));
    }

    @Test
    void specIsWrittenInSnakeCaseAndFormatsByTheirIds() throws Exception {
        JobSpec spec = JobSpecs.load(java.nio.file.Path.of("../examples/task-api/job.yaml"));
        JsonNode tree = Json.MAPPER.valueToTree(spec);
        assertEquals("openai", tree.get("format").asText());
        assertEquals(0.1, tree.get("validation_ratio").asDouble());
        assertEquals(16, tree.get("seeds").size());
        assertEquals("user", tree.get("seeds").get(0).get("messages").get(0).get("role").asText());
    }

    @Test
    void unsupportedSchemaVersionIsNamed() {
        var e = assertThrows(SchemaVersions.UnsupportedSchemaVersionException.class,
                () -> SchemaVersions.requireSupported(7, "candidate job-1-c1"));
        assertEquals("candidate job-1-c1: unsupported schemaVersion 7 (this service reads 1)", e.getMessage());
    }
}
