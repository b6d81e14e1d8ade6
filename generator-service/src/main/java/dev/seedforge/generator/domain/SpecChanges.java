package dev.seedforge.generator.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.contracts.DedupSpec;
import dev.seedforge.contracts.FieldError;
import dev.seedforge.contracts.InvalidJobSpecException;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobSpecs;
import dev.seedforge.contracts.Json;

/**
 * Applies the changes sent with {@code POST /jobs/{id}/resume} to a paused job's spec: a mapping of spec fields, in
 * the spec's own names, each replacing the stored value (mappings such as {@code dedup} are merged field by field).
 * Only what leaves the plan as approved may change: fields that would change cells or quotas are refused by name, and
 * so are dedup's {@code references} and {@code compare}: the candidates decided so far were checked against the reference
 * sets and with the text the job started with, so a change could only apply to the rest of the job.
 */
public final class SpecChanges {

    /** Fields a resume may change: seeds, checks, thresholds, levers and limits, not the plan's cells. */
    public static final Set<String> CHANGEABLE = Set.of("seeds", "dedup", "judge", "rules", "diversity",
            "max_candidates", "budget_usd", "temperature", "temperature_range", "examples_per_call");

    private SpecChanges() {
    }

    public static JobSpec apply(JobSpec stored, JsonNode changes) {
        if (changes == null || changes.isNull() || changes.isMissingNode()) {
            return stored;
        }
        if (!changes.isObject()) {
            throw new InvalidJobSpecException("changes", "must be a mapping of spec fields, e.g. {\"seeds\": [...]}");
        }
        List<FieldError> refused = new ArrayList<>();
        changes.fieldNames().forEachRemaining(field -> {
            if (!CHANGEABLE.contains(field)) {
                refused.add(new FieldError(field, "cannot change on resume (the approved plan depends on it or it"
                        + " is not a spec field); changeable: " + CHANGEABLE.stream().sorted().toList()));
            }
        });
        if (!refused.isEmpty()) {
            throw new InvalidJobSpecException(refused);
        }
        ObjectNode merged = Json.MAPPER.valueToTree(stored);
        changes.properties().forEach(change -> {
            JsonNode current = merged.get(change.getKey());
            if (current instanceof ObjectNode object && change.getValue().isObject()) {
                object.setAll((ObjectNode) change.getValue());
            } else {
                merged.set(change.getKey(), change.getValue());
            }
        });
        JobSpec changed = JobSpecs.fromTree(merged, null);
        refuseDecidedDedup(stored, changed);
        return changed;
    }

    /** Dedup's reference sets and compared text may be sent again as they are, not changed. */
    private static void refuseDecidedDedup(JobSpec stored, JobSpec changed) {
        DedupSpec before = stored.dedupOrDefault();
        DedupSpec after = changed.dedupOrDefault();
        List<FieldError> refused = new ArrayList<>();
        if (!before.references().equals(after.references())) {
            refused.add(new FieldError("dedup.references", "cannot change on resume: the candidates decided so far"
                    + " were checked against the reference sets the job started with, so a new set would leave them"
                    + " unchecked; submit a new job with the sets it needs"));
        }
        if (!Objects.equals(before.compare(), after.compare())) {
            refused.add(new FieldError("dedup.compare", "cannot change on resume: the candidates decided so far were"
                    + " compared on their '" + (before.compare() == null ? "default" : before.compare())
                    + "' text, and the job's index holds that text; submit a new job to compare another"));
        }
        if (!refused.isEmpty()) {
            throw new InvalidJobSpecException(refused);
        }
    }
}
