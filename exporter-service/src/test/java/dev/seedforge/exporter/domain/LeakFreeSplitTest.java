package dev.seedforge.exporter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.seedforge.contracts.DedupDecision.Neighbour;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.PlanCell;

/**
 * The split on data with planted near-duplicates: clusters of examples related above the threshold must land on one
 * side, the split stays stratified by cell and seeded, and the report names the closest validation-train pair.
 */
class LeakFreeSplitTest {

    @TempDir
    Path output;

    private static final List<PlanCell> CELLS = List.of(new PlanCell("a", Map.of("op", "create"), "simple", false, 60),
            new PlanCell("b", Map.of("op", "list"), "simple", false, 40));

    private ExportJob job(long seed) {
        return new ExportJob("job-s", "tasks", ExampleFormat.OPENAI, 100, 0.2, seed, 100, CELLS, true, null);
    }

    private static String id(int n) {
        return String.format("job-s-%04d", n);
    }

    /**
     * 100 examples (60 in a, 40 in b). Planted: 8 clusters of 3 near-twins (0.92 to each earlier member), a chain
     * 50-51-52-53 at 0.85, and 10 loosely related pairs at 0.62 (below the 0.80 threshold) that may cross.
     */
    private static List<Outcome> planted() {
        List<Outcome> all = new ArrayList<>();
        for (int n = 1; n <= 100; n++) {
            List<Neighbour> related = new ArrayList<>();
            if (n <= 24 && (n - 1) % 3 != 0) {
                int first = n - (n - 1) % 3;
                for (int m = first; m < n; m++) {
                    related.add(new Neighbour(id(m), "embedding", 0.92));
                }
            }
            if (n >= 51 && n <= 53) {
                related.add(new Neighbour(id(n - 1), "minhash", 0.85));
            }
            if (n >= 71 && n <= 80) {
                related.add(new Neighbour(id(n - 40), "embedding", 0.62));
            }
            all.add(new Outcome(id(n), "job-s", n <= 60 ? "a" : "b", OutcomeStatus.ACCEPTED, TestOutcomes.example(n),
                    List.of(), null, null, null, 0.001, 0).withNeighbours(related, related.isEmpty() ? 0.3 : 0.7));
        }
        return all;
    }

    private static Set<String> ids(List<Outcome> outcomes) {
        Set<String> ids = new HashSet<>();
        outcomes.forEach(o -> ids.add(o.candidateId()));
        return ids;
    }

    @Test
    void relatedExamplesNeverStraddleTheSplit() {
        for (long seed = 1; seed <= 25; seed++) {
            ExportResult result = DatasetExporter.create(output, QualityGate.defaults()).export(job(seed), planted());
            Set<String> validation = ids(result.report().counts().validation() == 0 ? List.of()
                    : validationOf(result));
            for (Outcome outcome : planted()) {
                for (Neighbour n : outcome.related()) {
                    if (n.similarity() >= 0.80) {
                        assertEquals(validation.contains(outcome.candidateId()), validation.contains(n.candidateId()),
                                "seed " + seed + ": " + outcome.candidateId() + " and " + n.candidateId()
                                        + " are split");
                    }
                }
            }
            QualityReport.SplitReport split = result.report().split();
            assertEquals(100 - 16 - 3, split.groups(), "8 clusters of 3 and a chain of 4 make 9 groups");
            assertEquals(4, split.largestGroup());
            assertTrue(split.largestCrossSplitSimilarity() == null || split.largestCrossSplitSimilarity() < 0.80,
                    String.valueOf(split.largestCrossSplitSimilarity()));
        }
    }

    @Test
    void theSplitIsStratifiedByCellAndSeeded() {
        DatasetSplitter splitter = new DatasetSplitter();
        List<Outcome> all = planted();
        List<DatasetSplitter.Link> links = new ArrayList<>();
        all.forEach(o -> o.related().stream().filter(n -> n.similarity() >= 0.8)
                .forEach(n -> links.add(new DatasetSplitter.Link(o.candidateId(), n.candidateId(), n.similarity()))));
        DatasetSplitter.Split<Outcome> split = splitter.split(all, Outcome::candidateId, Outcome::cell, links, 0.2, 9);
        Map<String, Integer> perCell = new TreeMap<>();
        split.validation().forEach(o -> perCell.merge(o.cell(), 1, Integer::sum));
        assertTrue(perCell.get("a") <= 12 && perCell.get("a") >= 10, perCell.toString());
        assertTrue(perCell.get("b") <= 8 && perCell.get("b") >= 7, perCell.toString());
        assertEquals(split, splitter.split(all, Outcome::candidateId, Outcome::cell, links, 0.2, 9));
        assertFalse(split.validation().equals(
                splitter.split(all, Outcome::candidateId, Outcome::cell, links, 0.2, 10).validation()));

        DatasetSplitter.Split<Outcome> unlinked = splitter.split(all, Outcome::candidateId, Outcome::cell, List.of(),
                0.2, 9);
        Map<String, Integer> exact = new TreeMap<>();
        unlinked.validation().forEach(o -> exact.merge(o.cell(), 1, Integer::sum));
        assertEquals(Map.of("a", 12, "b", 8), exact, "without links each cell gives exactly its share");
    }

    @Test
    void theReportNamesTheClosestCrossSplitPairOrSaysItIsUnknown() {
        boolean sawCrossing = false;
        for (long seed = 1; seed <= 25 && !sawCrossing; seed++) {
            QualityReport.SplitReport split = DatasetExporter.create(output, QualityGate.defaults())
                    .export(job(seed), planted()).report().split();
            if (split.largestCrossSplitSimilarity() != null) {
                sawCrossing = true;
                assertEquals(0.62, split.largestCrossSplitSimilarity(), 1e-9);
                assertTrue(split.crossSplitPairs() > 0);
            }
            assertEquals(8 * 3 + 3 + 10, split.relatedPairs(), "3 pairs per cluster, 3 in the chain, 10 loose");
        }
        assertTrue(sawCrossing, "the loosely related pairs cross the split for some seed");

        List<Outcome> plain = new ArrayList<>();
        for (int n = 1; n <= 20; n++) {
            plain.add(new Outcome(id(n), "job-s", "a", OutcomeStatus.ACCEPTED, TestOutcomes.example(n), List.of(),
                    null, null, null, 0, 0));
        }
        QualityReport report = DatasetExporter.create(output, QualityGate.defaults())
                .export(new ExportJob("job-p", "tasks", ExampleFormat.OPENAI, 20, 0.2, 1, 20), plain).report();
        assertNull(report.split().largestCrossSplitSimilarity());
        assertTrue(report.split().note().contains("unknown"), report.split().note());
        assertNull(report.diversity().score());
        assertEquals(4, report.counts().validation());
    }

    @Test
    void theReportMeasuresTheLargestLexicalSimilarityOverEveryValidationTrainPair() throws Exception {
        List<Outcome> plain = new ArrayList<>();
        for (int n = 1; n <= 20; n++) {
            plain.add(new Outcome(id(n), "job-p", "a", OutcomeStatus.ACCEPTED, TestOutcomes.example(n), List.of(),
                    null, null, null, 0, 0));
        }
        ExportJob job = new ExportJob("job-p", "tasks", ExampleFormat.OPENAI, 20, 0.2, 1, 20);
        QualityReport.SplitReport split = DatasetExporter.create(output, QualityGate.defaults()).export(job, plain)
                .report().split();
        // "create task number N high priority": 4 word 3-shingles each, "create task number" shared: 1 / 7
        assertEquals(1.0 / 7, split.largestCrossSplitLexicalSimilarity(), 1e-12);
        assertEquals(4 * 16, split.pairsCompared());

        // a planted textual near-twin that dedup did not report stays where the seeded split puts it; whenever it
        // lands across from its original, the report names that pair at its true similarity (1.0: the user texts
        // differ only in punctuation)
        Outcome original = plain.get(6);
        String twin = original.exampleJson().replace("high priority.", "high priority!");
        List<Outcome> withTwin = new ArrayList<>(plain);
        withTwin.add(new Outcome("job-p-0000", "job-p", "a", OutcomeStatus.ACCEPTED, twin, List.of(), null, null,
                null, 0, 0));
        boolean sawCrossing = false;
        for (long seed = 1; seed <= 40; seed++) {
            ExportJob bigger = new ExportJob("job-p", "tasks", ExampleFormat.OPENAI, 21, 0.2, seed, 21);
            ExportResult result = DatasetExporter.create(output, QualityGate.defaults()).export(bigger, withTwin);
            QualityReport.SplitReport twinSplit = result.report().split();
            Set<String> validation = new HashSet<>(java.nio.file.Files.readAllLines(result.directory()
                    .resolve(DatasetFile.VALIDATION)));
            boolean twinInValidation = validation.contains(twin);
            if (twinInValidation != validation.contains(original.exampleJson())) {
                sawCrossing = true;
                assertEquals(1.0, twinSplit.largestCrossSplitLexicalSimilarity(), 1e-12);
                assertEquals(twinInValidation ? "job-p-0000 ~ " + original.candidateId()
                        : original.candidateId() + " ~ job-p-0000", twinSplit.closestLexicalPair());
                assertTrue(twinSplit.largestCrossSplitSimilarityText().contains("lexical 1.000"),
                        twinSplit.largestCrossSplitSimilarityText());
            } else {
                assertEquals(1.0 / 7, twinSplit.largestCrossSplitLexicalSimilarity(), 1e-12, "seed " + seed);
            }
        }
        assertTrue(sawCrossing, "for some seed the twin and its original land on different sides");
    }

    @Test
    void diversityIsOneMinusTheMeanNearestSimilarity() {
        QualityReport report = DatasetExporter.create(output, QualityGate.defaults()).export(job(3), planted())
                .report();
        assertNotNull(report.diversity().score());
        // 16 + 3 + 10 examples at 0.7, 71 at 0.3
        double mean = (29 * 0.7 + 71 * 0.3) / 100;
        assertEquals(1 - mean, report.diversity().score(), 1e-9);
        assertEquals(100, report.diversity().examplesMeasured());
    }

    private List<Outcome> validationOf(ExportResult result) {
        try {
            Set<String> lines = new HashSet<>(java.nio.file.Files.readAllLines(result.directory()
                    .resolve(DatasetFile.VALIDATION)));
            return planted().stream().filter(o -> lines.contains(o.exampleJson())).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
