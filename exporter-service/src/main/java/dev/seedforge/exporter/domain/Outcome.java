package dev.seedforge.exporter.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.DedupDecision;
import dev.seedforge.contracts.DeduplicatedCandidate;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.Reason;

/**
 * One candidate's fate as stored by the exporter: what the export, the report and the progress counts are computed
 * from. {@code exampleJson} is the example exactly as it arrived, serialized on one line.
 */
public record Outcome(String candidateId, String jobId, String cell, OutcomeStatus status, String exampleJson,
        List<Reason> reasons, String duplicateOf, String dedupMethod, Double similarity, double generationCostUsd,
        double judgeCostUsd, List<DedupDecision.Neighbour> related, Double nearestSimilarity,
        Map<String, Integer> judgeScores) {

    /** Reason code given to a candidate the validator accepted but dedup passed on unchecked. */
    public static final String NOT_DEDUPLICATED = "not_deduplicated";

    public Outcome {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        cell = cell == null || cell.isBlank() ? Candidate.DEFAULT_CELL : cell;
        related = related == null ? List.of() : List.copyOf(related);
        judgeScores = judgeScores == null ? Map.of() : Map.copyOf(judgeScores);
    }

    /** An outcome without dedup neighbours or judge scores (what a dedup or validator without them gives). */
    public Outcome(String candidateId, String jobId, String cell, OutcomeStatus status, String exampleJson,
            List<Reason> reasons, String duplicateOf, String dedupMethod, Double similarity, double generationCostUsd,
            double judgeCostUsd) {
        this(candidateId, jobId, cell, status, exampleJson, reasons, duplicateOf, dedupMethod, similarity,
                generationCostUsd, judgeCostUsd, List.of(), null, Map.of());
    }

    /** The same outcome with dedup's neighbours and nearest similarity (test data and re-reads). */
    public Outcome withNeighbours(List<DedupDecision.Neighbour> neighbours, Double nearest) {
        return new Outcome(candidateId, jobId, cell, status, exampleJson, reasons, duplicateOf, dedupMethod,
                similarity, generationCostUsd, judgeCostUsd, neighbours, nearest, judgeScores);
    }

    public Outcome withJudgeScores(Map<String, Integer> scores) {
        return new Outcome(candidateId, jobId, cell, status, exampleJson, reasons, duplicateOf, dedupMethod,
                similarity, generationCostUsd, judgeCostUsd, related, nearestSimilarity, scores);
    }

    public static Outcome of(DeduplicatedCandidate received) {
        Candidate candidate = received.candidate();
        OutcomeStatus status = OutcomeStatus.of(received);
        List<Reason> reasons = new ArrayList<>(received.verdict() == null ? List.of() : received.verdict().reasons());
        if (status == OutcomeStatus.REJECTED && reasons.isEmpty()) {
            reasons.add(received.verdict() != null && received.verdict().accepted()
                    ? new Reason(NOT_DEDUPLICATED, "accepted by the validator but not checked for duplicates")
                    : new Reason("unspecified", "rejected without a reason"));
        }
        DedupDecision dedup = received.dedup();
        boolean duplicate = status == OutcomeStatus.DUPLICATE;
        return new Outcome(candidate.candidateId(), candidate.jobId(), candidate.cell(), status,
                exampleJson(candidate), reasons, duplicate ? dedup.duplicateOf() : null,
                duplicate ? dedup.method() : null, duplicate ? dedup.similarity() : null,
                candidate.lineage() == null ? 0 : candidate.lineage().costUsd(),
                received.verdict() == null ? 0 : received.verdict().judgeCostUsd(),
                status == OutcomeStatus.ACCEPTED && dedup != null ? dedup.related() : List.of(),
                status == OutcomeStatus.ACCEPTED && dedup != null ? dedup.nearestSimilarity() : null,
                received.verdict() == null ? Map.of() : received.verdict().judgeScores());
    }

    private static String exampleJson(Candidate candidate) {
        try {
            return Json.MAPPER.writeValueAsString(candidate.example());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("candidate " + candidate.candidateId() + ": unwritable example", e);
        }
    }

    public double costUsd() {
        return generationCostUsd + judgeCostUsd;
    }
}
