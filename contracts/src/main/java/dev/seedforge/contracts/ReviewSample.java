package dev.seedforge.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a reviewer reads of a finished job on {@code GET /datasets/{jobId}/review}: per plan cell a sample of the
 * exported examples with their judge scores, beside the cell's rejected and duplicate candidates with their reasons
 * and the example each duplicates; whether the export is held for approval, whether examples reviewers rejected are
 * being generated again ({@code replacing}: the job is generating for cells their rejections left short; the files
 * are written again when the replacements arrive), and every review so far (who, when).
 */
public record ReviewSample(String jobId, boolean held, String approvedBy, Instant approvedAt, List<CellSample> cells,
        List<Review> reviews, boolean replacing) {

    public ReviewSample {
        cells = cells == null ? List.of() : List.copyOf(cells);
        reviews = reviews == null ? List.of() : List.copyOf(reviews);
    }

    /** Nothing being generated again. */
    public ReviewSample(String jobId, boolean held, String approvedBy, Instant approvedAt, List<CellSample> cells,
            List<Review> reviews) {
        this(jobId, held, approvedBy, approvedAt, cells, reviews, false);
    }

    /** One cell: its quota, how many it exports, its surplus of accepted examples left out, and the samples. */
    public record CellSample(String cell, long quota, long exported, long surplus, List<Item> exportedSample,
            List<Item> rejected, List<Item> duplicates) {
    }

    /** One candidate as a reviewer sees it. {@code duplicateOfExample} is null when the duplicated one is a seed. */
    public record Item(String candidateId, JsonNode example, Map<String, Integer> judgeScores, List<Reason> reasons,
            String duplicateOf, JsonNode duplicateOfExample, String method, Double similarity, boolean edited) {
    }

    /** A reviewer's action: {@code rejected}, {@code edited} or {@code approved} (the sample; no candidate id). */
    public record Review(String candidateId, String action, String reason, String reviewer, Instant at) {
    }

    /** A reviewer rejects an exported example, saying why. */
    public record Rejection(String reason, String reviewer) {
    }

    /** A reviewer replaces an exported example with an edited one, in the job's format. */
    public record Edit(JsonNode example, String reviewer) {
    }

    /** A reviewer approves the sample, releasing a held export. */
    public record Approval(String reviewer) {
    }
}
