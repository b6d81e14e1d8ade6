package dev.seedforge.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.JobView;
import dev.seedforge.contracts.Json;

/**
 * The books of a finished job, checked from three sides that do not share code: the exporter's report and files, the
 * generator's job and call log ({@code /jobs/{id}/usage}), and both services' tables read directly.
 */
public final class Books {

    /** What the check found, for the test's summary line. */
    record Figures(long emitted, long accepted, long rejected, long duplicates, long exported, long lost,
            double generationUsd, long teacherCalls) {

        String line() {
            return String.format(Locale.ROOT, "emitted %d = accepted %d + rejected %d + duplicates %d; exported %d;"
                    + " records lost %d; generation cost $%.6f over %d teacher calls, counted once", emitted,
                    accepted, rejected, duplicates, exported, lost, generationUsd, teacherCalls);
        }
    }

    private Books() {
    }

    static Figures check(FaultPipeline pipeline, String jobId) throws Exception {
        JobView job = pipeline.job(jobId);
        assertEquals(JobStatus.COMPLETED, job.status(), "job " + jobId + ": " + job.reason());
        int target = job.spec().target();

        JsonNode dataset = pipeline.getJson(pipeline.exporter(), "/datasets/" + jobId);
        Path dir = Path.of(dataset.path("manifest").path("directory").asText());
        List<JsonNode> train = jsonl(dir.resolve("train.jsonl"));
        List<JsonNode> validation = jsonl(dir.resolve("validation.jsonl"));
        List<JsonNode> rejected = jsonl(dir.resolve("rejected.jsonl"));
        JsonNode report = Json.MAPPER.readTree(dir.resolve("quality_report.json").toFile());
        JsonNode counts = report.get("counts");

        long emitted = counts.get("candidatesEmitted").asLong();
        long accepted = counts.get("accepted").asLong();
        long rejectedCount = counts.get("rejected").asLong();
        long duplicates = counts.get("duplicates").asLong();
        assertEquals(job.candidatesEmitted(), emitted, "the exporter expected what the generator emitted");
        assertEquals(emitted, counts.get("outcomes").asLong(), "an outcome for every emitted candidate: " + counts);
        assertEquals(emitted, accepted + rejectedCount + duplicates, "exactly one outcome each: " + counts);
        assertEquals(rejectedCount + duplicates, rejected.size(), "rejected.jsonl holds every other outcome");
        Set<String> rejectedIds = new HashSet<>();
        rejected.forEach(line -> assertTrue(rejectedIds.add(line.get("candidateId").asText()),
                "rejected.jsonl lists a candidate twice: " + line));

        assertEquals(target, train.size() + validation.size(), "exactly the target is exported");
        assertEquals(target, counts.get("exported").asLong(), counts.toString());
        Set<String> examples = new HashSet<>();
        for (JsonNode example : concat(train, validation)) {
            assertTrue(examples.add(example.toString()), "an example is exported twice: " + example);
        }
        for (JsonNode cell : report.path("plan").path("cells")) {
            assertEquals(cell.get("quota").asLong(), cell.get("exported").asLong(),
                    "cell " + cell.get("id").asText() + " exports its quota exactly");
        }

        long lost;
        double paidForExamples;
        long calls;
        try (Connection db = pipeline.database()) {
            Set<String> generated = ids(db, "select candidate_id from generator.generated_candidate where job_id = ?",
                    jobId);
            Set<String> outcomes = ids(db, "select candidate_id from exporter.outcome where job_id = ?", jobId);
            assertEquals(emitted, generated.size(), "the generator stored every candidate it counted, once");
            Set<String> missing = new TreeSet<>(generated);
            missing.removeAll(outcomes);
            Set<String> unknown = new TreeSet<>(outcomes);
            unknown.removeAll(generated);
            lost = missing.size();
            assertEquals(Set.of(), missing, "candidates emitted without an outcome (lost)");
            assertEquals(Set.of(), unknown, "outcomes of candidates the generator never emitted");
            Set<String> exportedRejected = new HashSet<>(rejectedIds);
            exportedRejected.removeAll(generated);
            assertEquals(Set.of(), exportedRejected, "rejected.jsonl names only emitted candidates");

            paidForExamples = number(db, "select coalesce(sum(cost_usd), 0) from generator.teacher_call"
                    + " where job_id = ? and status = 'DONE' and examples_kept > 0", jobId);
            calls = (long) number(db, "select count(*) from generator.teacher_call where job_id = ?"
                    + " and status = 'DONE'", jobId);
            long callNumbers = (long) number(db, "select count(distinct call_sequence) from generator.teacher_call"
                    + " where job_id = ?", jobId);
            long callRows = (long) number(db, "select count(*) from generator.teacher_call where job_id = ?", jobId);
            assertEquals(callNumbers, callRows, "each teacher call is logged once");
            assertEquals(0, (long) number(db, "select count(*) from generator.teacher_call where job_id = ?"
                    + " and status <> 'DONE'", jobId), "no teacher call left pending");
        }

        JsonNode usage = pipeline.getJson(pipeline.generator(), "/jobs/" + jobId + "/usage");
        double generationUsd = report.path("cost").path("generationUsd").asDouble();
        assertEquals(calls, usage.get("calls").asLong(), "the usage endpoint counts the call log");
        assertEquals(paidForExamples, generationUsd, 1e-9,
                "the report's generation cost is the cost of the calls whose examples were emitted, once each");
        assertTrue(generationUsd <= usage.get("costUsd").asDouble() + 1e-9,
                "the report never counts more than the teacher was paid: " + usage);
        if (usage.get("failedCalls").asLong() == 0) {
            assertEquals(usage.get("costUsd").asDouble(), generationUsd, 1e-9, "every paid call gave examples");
        }
        return new Figures(emitted, accepted, rejectedCount, duplicates, train.size() + validation.size(), lost,
                generationUsd, calls);
    }

    private static Set<String> ids(Connection db, String sql, String jobId) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, jobId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    assertTrue(ids.add(rows.getString(1)), "a candidate id appears twice: " + rows.getString(1));
                }
            }
        }
        return ids;
    }

    private static double number(Connection db, String sql, String jobId) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, jobId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getDouble(1);
            }
        }
    }

    /** The records of a JSONL file, blank lines skipped. */
    public static List<JsonNode> jsonl(Path file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                lines.add(Json.MAPPER.readTree(line));
            }
        }
        return lines;
    }

    public static List<JsonNode> concat(List<JsonNode> a, List<JsonNode> b) {
        List<JsonNode> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
