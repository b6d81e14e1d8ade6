package dev.seedforge.exporter.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.PlanCell;
import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.ReviewSample;

/**
 * What reviewers' actions do to a job's outcomes, and the sample they review. A rejected example becomes a rejected
 * outcome whose reason names the reviewer, when and why (so {@code rejected.jsonl} and the report's reasons show it),
 * and the export's usual choice (each cell's quota, first by candidate id) then takes the next accepted example of
 * the cell's surplus in its place; a cell without surplus is generated for again while the export is held
 * ({@link #replacement}). An edited example keeps its place with the edited record. Pure: the service stores the
 * actions and writes the files.
 */
public final class Reviews {

    /** The reason code of an example a reviewer rejected. */
    public static final String REVIEWER_REJECTED = "reviewer_rejected";
    public static final String REJECTED = "rejected";
    public static final String EDITED = "edited";
    public static final String APPROVED = "approved";

    /** One stored review. {@code editedExampleJson} only for {@code edited}; no candidate for {@code approved}. */
    public record Action(String candidateId, String action, String reason, String reviewer, Instant at,
            String editedExampleJson) {

        public ReviewSample.Review view() {
            return new ReviewSample.Review(candidateId, action, reason, reviewer, at);
        }
    }

    /** How a rejected example is replaced. */
    public enum Replacement {
        /** By the next accepted example of its cell's surplus: the files are written again at once. */
        SURPLUS,
        /** By generating more for its cell: the export was held, the job generates again for the cell. */
        GENERATE,
        /** Not at all: the dataset was released, its cell is left one short. */
        NONE
    }

    private Reviews() {
    }

    /**
     * How the examples of {@code cell} are made whole after a rejection, from the outcomes as the reviews (that one
     * included) leave them: from the surplus when the cell's accepted examples still fill its quota; otherwise by
     * generating more while the export is {@code held} (not yet released to users, so its files may still change),
     * and not at all once it is released.
     */
    public static Replacement replacement(ExportJob job, List<Outcome> reviewed, String cell, boolean held) {
        long quota = job.cells().stream().filter(c -> c.id().equals(cell)).mapToLong(PlanCell::quota).sum();
        long accepted = reviewed.stream()
                .filter(o -> o.status() == OutcomeStatus.ACCEPTED && cell.equals(job.cellOf(o))).count();
        if (accepted >= quota) {
            return Replacement.SURPLUS;
        }
        return held ? Replacement.GENERATE : Replacement.NONE;
    }

    /** The outcomes as the reviews leave them, in the same order; the latest edit of an example wins. */
    public static List<Outcome> apply(List<Outcome> outcomes, List<Action> actions) {
        Map<String, Action> rejected = new HashMap<>();
        Map<String, Action> edited = new HashMap<>();
        for (Action action : actions) {
            if (REJECTED.equals(action.action())) {
                rejected.putIfAbsent(action.candidateId(), action);
            } else if (EDITED.equals(action.action())) {
                edited.put(action.candidateId(), action);
            }
        }
        List<Outcome> reviewed = new ArrayList<>(outcomes.size());
        for (Outcome o : outcomes) {
            Action rejection = rejected.get(o.candidateId());
            Action edit = edited.get(o.candidateId());
            String example = edit == null ? o.exampleJson() : edit.editedExampleJson();
            if (rejection != null) {
                List<Reason> reasons = new ArrayList<>(o.reasons());
                reasons.add(new Reason(REVIEWER_REJECTED, "rejected by " + rejection.reviewer() + " at "
                        + rejection.at() + ": " + rejection.reason()));
                reviewed.add(new Outcome(o.candidateId(), o.jobId(), o.cell(), OutcomeStatus.REJECTED, example,
                        reasons, o.duplicateOf(), o.dedupMethod(), o.similarity(), o.generationCostUsd(),
                        o.judgeCostUsd(), o.related(), o.nearestSimilarity(), o.judgeScores()));
            } else if (edit != null) {
                reviewed.add(new Outcome(o.candidateId(), o.jobId(), o.cell(), o.status(), example, o.reasons(),
                        o.duplicateOf(), o.dedupMethod(), o.similarity(), o.generationCostUsd(), o.judgeCostUsd(),
                        o.related(), o.nearestSimilarity(), o.judgeScores()));
            } else {
                reviewed.add(o);
            }
        }
        return reviewed;
    }

    /** Whether the candidate is among the examples the export currently holds. */
    public static boolean exported(ExportJob job, List<Outcome> reviewed, String candidateId) {
        return DatasetExporter.selectExported(job, reviewed).stream()
                .anyMatch(o -> o.candidateId().equals(candidateId));
    }

    /**
     * Per plan cell: the first {@code perCell} exported examples, and up to {@code perCell} rejected (reviewers'
     * rejections first) and duplicate candidates, each duplicate with the example it duplicates when that is a
     * candidate of the job (null for a seed or an earlier job's example).
     */
    public static ReviewSample sample(ExportJob job, List<Outcome> reviewed, List<Action> actions, int perCell,
            boolean held) {
        return sample(job, reviewed, actions, perCell, held, false);
    }

    /** As above; {@code replacing} when the job is generating replacements for examples reviewers rejected. */
    public static ReviewSample sample(ExportJob job, List<Outcome> reviewed, List<Action> actions, int perCell,
            boolean held, boolean replacing) {
        List<Outcome> exported = DatasetExporter.selectExported(job, reviewed);
        Map<String, Outcome> byId = reviewed.stream().collect(Collectors.toMap(Outcome::candidateId,
                Function.identity(), (a, b) -> a));
        Set<String> editedIds = actions.stream().filter(a -> EDITED.equals(a.action())).map(Action::candidateId)
                .collect(Collectors.toSet());
        Map<String, Long> quotas = new LinkedHashMap<>();
        for (PlanCell cell : job.cells()) {
            quotas.merge(cell.id(), (long) cell.quota(), Long::sum);
        }
        Map<String, List<Outcome>> exportedByCell = exported.stream()
                .collect(Collectors.groupingBy(job::cellOf, LinkedHashMap::new, Collectors.toList()));
        Map<String, List<Outcome>> othersByCell = reviewed.stream()
                .sorted(Comparator.comparing(Outcome::candidateId))
                .collect(Collectors.groupingBy(job::cellOf, LinkedHashMap::new, Collectors.toList()));
        List<ReviewSample.CellSample> cells = new ArrayList<>();
        for (Map.Entry<String, Long> entry : quotas.entrySet()) {
            String cell = entry.getKey();
            List<Outcome> cellExported = exportedByCell.getOrDefault(cell, List.of());
            List<Outcome> all = othersByCell.getOrDefault(cell, List.of());
            long accepted = all.stream().filter(o -> o.status() == OutcomeStatus.ACCEPTED).count();
            List<ReviewSample.Item> rejected = all.stream().filter(o -> o.status() == OutcomeStatus.REJECTED)
                    .sorted(Comparator.comparing((Outcome o) -> !reviewerRejected(o))
                            .thenComparing(Outcome::candidateId))
                    .limit(perCell).map(o -> item(o, null, false)).toList();
            List<ReviewSample.Item> duplicates = all.stream().filter(o -> o.status() == OutcomeStatus.DUPLICATE)
                    .limit(perCell).map(o -> item(o, byId.get(o.duplicateOf()), false)).toList();
            cells.add(new ReviewSample.CellSample(cell, entry.getValue(), cellExported.size(),
                    accepted - cellExported.size(), cellExported.stream().limit(perCell)
                            .map(o -> item(o, null, editedIds.contains(o.candidateId()))).toList(),
                    rejected, duplicates));
        }
        String approvedBy = null;
        Instant approvedAt = null;
        for (Action action : actions) {
            if (APPROVED.equals(action.action())) {
                approvedBy = action.reviewer();
                approvedAt = action.at();
            }
        }
        return new ReviewSample(job.jobId(), held, approvedBy, approvedAt, cells,
                actions.stream().map(Action::view).toList(), replacing);
    }

    private static boolean reviewerRejected(Outcome outcome) {
        return outcome.reasons().stream().anyMatch(r -> REVIEWER_REJECTED.equals(r.code()));
    }

    private static ReviewSample.Item item(Outcome outcome, Outcome duplicated, boolean edited) {
        return new ReviewSample.Item(outcome.candidateId(), tree(outcome.exampleJson()), outcome.judgeScores(),
                outcome.reasons(), outcome.duplicateOf(), duplicated == null ? null : tree(duplicated.exampleJson()),
                outcome.dedupMethod(), outcome.similarity(), edited);
    }

    private static JsonNode tree(String json) {
        try {
            return json == null ? null : Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return Json.MAPPER.getNodeFactory().textNode(json);
        }
    }
}
