package dev.seedforge.exporter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.PlanCell;
import dev.seedforge.contracts.Reason;

/** Exactly each plan cell's quota is exported, whatever the rejections, duplicates and surplus around it. */
class ExactQuotaTest {

    @TempDir
    Path output;

    private static final List<PlanCell> CELLS = List.of(
            new PlanCell("op=create|complexity=simple", Map.of("op", "create"), "simple", false, 5),
            new PlanCell("op=list|complexity=complex", Map.of("op", "list"), "complex", true, 3),
            new PlanCell("op=delete|complexity=simple", Map.of("op", "delete"), "simple", false, 2));

    private final ExportJob job = new ExportJob("job-q", "tasks", ExampleFormat.OPENAI, 10, 0.2, 11, 0, CELLS, true,
            null);

    private int next = 0;

    private Outcome outcome(String cell, OutcomeStatus status) {
        int n = ++next;
        List<Reason> reasons = status == OutcomeStatus.REJECTED ? List.of(new Reason("format", "bad")) : List.of();
        return new Outcome(String.format("job-q-%04d", n), "job-q", cell, status, TestOutcomes.example(n), reasons,
                status == OutcomeStatus.DUPLICATE ? "job-q-0001" : null,
                status == OutcomeStatus.DUPLICATE ? "minhash" : null, status == OutcomeStatus.DUPLICATE ? 0.93 : null,
                0.001, 0.0002);
    }

    private List<Outcome> outcomes() {
        List<Outcome> all = new ArrayList<>();
        // create: 8 accepted (3 surplus), rejections and duplicates in between
        for (int i = 0; i < 8; i++) {
            all.add(outcome(CELLS.get(0).id(), OutcomeStatus.ACCEPTED));
            all.add(outcome(CELLS.get(0).id(), i % 2 == 0 ? OutcomeStatus.REJECTED : OutcomeStatus.DUPLICATE));
        }
        // list: exactly 3 accepted after 4 rejected
        for (int i = 0; i < 4; i++) {
            all.add(outcome(CELLS.get(1).id(), OutcomeStatus.REJECTED));
        }
        for (int i = 0; i < 3; i++) {
            all.add(outcome(CELLS.get(1).id(), OutcomeStatus.ACCEPTED));
        }
        // delete: 4 accepted (2 surplus), 1 duplicate
        for (int i = 0; i < 4; i++) {
            all.add(outcome(CELLS.get(2).id(), OutcomeStatus.ACCEPTED));
        }
        all.add(outcome(CELLS.get(2).id(), OutcomeStatus.DUPLICATE));
        // a cell the plan does not know: never exported
        all.add(outcome("op=unknown", OutcomeStatus.ACCEPTED));
        java.util.Collections.shuffle(all, new java.util.Random(3));
        return all;
    }

    @Test
    void exportsExactlyEachCellsQuota() {
        List<Outcome> all = outcomes();
        List<Outcome> exported = DatasetExporter.selectExported(job, all);
        Map<String, Integer> perCell = new TreeMap<>();
        exported.forEach(o -> perCell.merge(o.cell(), 1, Integer::sum));
        assertEquals(Map.of(CELLS.get(0).id(), 5, CELLS.get(1).id(), 3, CELLS.get(2).id(), 2), perCell);
        assertTrue(exported.stream().allMatch(o -> o.status() == OutcomeStatus.ACCEPTED));
        assertEquals(exported, DatasetExporter.selectExported(job, all.reversed()),
                "the same examples whatever the arrival order");
    }

    @Test
    void theDatasetHoldsTheQuotasAndKeepsTheSurplusOut() throws Exception {
        List<Outcome> all = outcomes();
        ExportResult result = DatasetExporter.create(output, new QualityGate(java.util.OptionalInt.empty(), 0.5))
                .export(job, all);
        List<String> lines = new ArrayList<>(Files.readAllLines(result.directory().resolve(DatasetFile.TRAIN)));
        lines.addAll(Files.readAllLines(result.directory().resolve(DatasetFile.VALIDATION)));
        assertEquals(10, lines.size());
        assertEquals(10, new HashSet<>(lines).size());

        QualityReport.Counts counts = result.report().counts();
        assertEquals(16, counts.accepted());
        assertEquals(10, counts.exported());
        assertEquals(6, counts.surplus(), "3 create, 2 delete and 1 outside the plan are kept, not exported");
        for (QualityReport.CellRow row : result.report().plan().cells()) {
            assertEquals(row.quota(), row.exported(), row.id());
        }
        assertEquals(new QualityReport.Planned(7, 7), result.report().plan().complexity().get("simple"));
        assertEquals(new QualityReport.Planned(3, 3), result.report().plan().multiTurn());

        List<String> rejected = Files.readAllLines(result.directory().resolve(DatasetFile.REJECTED));
        assertEquals(counts.rejected() + counts.duplicates(), rejected.size());
        Set<String> statuses = new HashSet<>();
        for (String line : rejected) {
            JsonNode record = Json.MAPPER.readTree(line);
            statuses.add(record.get("status").asText());
            if ("DUPLICATE".equals(record.get("status").asText())) {
                assertEquals("minhash", record.get("method").asText());
            } else {
                assertEquals("format", record.at("/reasons/0/code").asText());
            }
        }
        assertEquals(Set.of("REJECTED", "DUPLICATE"), statuses);
        assertTrue(result.report().gate().passed(), result.report().gate().failures().toString());
    }

    @Test
    void aCellShortOfItsQuotaFailsTheGate() {
        List<Outcome> all = new ArrayList<>(outcomes());
        all.removeIf(o -> o.cell().equals(CELLS.get(1).id()) && o.status() == OutcomeStatus.ACCEPTED);
        QualityReport report = DatasetExporter.create(output, new QualityGate(java.util.OptionalInt.empty(), 0.5))
                .export(job, all).report();
        assertEquals(7, report.counts().exported(), "no other cell's surplus makes up for the missing cell");
        assertTrue(report.gate().failures().stream().anyMatch(f -> f.startsWith("min_count")),
                report.gate().failures().toString());
    }
}
