package dev.seedforge.console.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.ReviewSample;

/**
 * The review page's content: the exporter's sample per cell, each candidate rendered as a conversation, with its
 * judge scores, reasons, and for a duplicate the example it duplicates; {@code replacing} while the job generates
 * replacements for examples reviewers rejected.
 */
public record ReviewView(String jobId, boolean held, String approvedBy, Instant approvedAt, List<Cell> cells,
        List<ReviewSample.Review> reviews, boolean replacing) {

    public record Cell(String cell, long quota, long exported, long surplus, List<Item> sample, List<Item> rejected,
            List<Item> duplicates) {
    }

    /** {@code editJson} is the example as the edit box starts with it. */
    public record Item(String candidateId, ConversationView conversation, String scores, String reasons,
            String duplicateOf, ConversationView duplicated, String method, String similarity, boolean edited,
            String editJson) {
    }

    public static ReviewView of(ReviewSample sample) {
        return new ReviewView(sample.jobId(), sample.held(), sample.approvedBy(), sample.approvedAt(),
                sample.cells().stream().map(ReviewView::cell).toList(), sample.reviews(), sample.replacing());
    }

    private static Cell cell(ReviewSample.CellSample cell) {
        return new Cell(cell.cell(), cell.quota(), cell.exported(), cell.surplus(),
                cell.exportedSample().stream().map(ReviewView::item).toList(),
                cell.rejected().stream().map(ReviewView::item).toList(),
                cell.duplicates().stream().map(ReviewView::item).toList());
    }

    static Item item(ReviewSample.Item item) {
        String scores = item.judgeScores() == null ? ""
                : item.judgeScores().entrySet().stream()
                        .sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", "));
        String reasons = item.reasons() == null ? ""
                : item.reasons().stream()
                        .map(r -> r.code() + (r.message() == null || r.message().isBlank() ? "" : ": " + r.message()))
                        .collect(Collectors.joining("; "));
        return new Item(item.candidateId(), ConversationView.of(item.example()), scores, reasons, item.duplicateOf(),
                item.duplicateOfExample() == null ? null : ConversationView.of(item.duplicateOfExample()),
                item.method(), item.similarity() == null ? ""
                        : String.format(java.util.Locale.ROOT, "%.3f",
                                item.similarity()),
                item.edited(), pretty(item));
    }

    private static String pretty(ReviewSample.Item item) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(item.example());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return String.valueOf(item.example());
        }
    }
}
