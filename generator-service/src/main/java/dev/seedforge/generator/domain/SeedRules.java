package dev.seedforge.generator.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.FieldError;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.ValidationRules;
import dev.seedforge.support.rules.JobRules;
import dev.seedforge.support.rules.ReplyJsonSchema;

/**
 * Seeds held to the job's own {@code rules}, the checks the validator holds every candidate to: the teacher imitates
 * what it is shown, so a seed that breaks the rules teaches it candidates the validator rejects. Such a seed is named
 * in the plan's warnings and set aside from the prompts; when every seed breaks them none is set aside (the teacher
 * still gets the rules in words) and the warning says so.
 */
public final class SeedRules {

    /** The plan's warnings about the seeds, and the indexes of the seeds the teacher is not shown. */
    public record Outcome(List<FieldError> warnings, List<Integer> setAside) {

        public static final Outcome NONE = new Outcome(List.of(), List.of());
    }

    private SeedRules() {
    }

    public static Outcome check(JobSpec spec) {
        ValidationRules rules = spec.rules();
        if (rules == null || spec.seeds().isEmpty()) {
            return Outcome.NONE;
        }
        JobRules jobRules = new JobRules(rules);
        ReplyJsonSchema schema = rules.replyJsonSchema() == null ? null : new ReplyJsonSchema(rules.replyJsonSchema());
        if (jobRules.isEmpty() && schema == null) {
            return Outcome.NONE;
        }
        List<FieldError> broken = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < spec.seeds().size(); i++) {
            List<ChatTurn> turns = spec.seeds().get(i).messages();
            List<Reason> reasons = new ArrayList<>(jobRules.check(turns));
            if (schema != null) {
                reasons.addAll(schema.check(turns));
            }
            if (!reasons.isEmpty()) {
                indexes.add(i);
                broken.add(new FieldError("seeds[" + i + "]", "breaks the job's rules, so its imitations would be "
                        + "rejected: " + reasons.stream().map(r -> r.message() + " (" + r.code() + ")")
                                .collect(Collectors.joining("; "))));
            }
        }
        if (indexes.isEmpty()) {
            return Outcome.NONE;
        }
        List<FieldError> warnings = new ArrayList<>(broken);
        if (indexes.size() == spec.seeds().size()) {
            warnings.add(new FieldError("seeds", "every seed breaks the job's rules: all are still shown to the "
                    + "teacher, which is also given the rules; fix the seeds or the rules, or expect many rejections"));
            return new Outcome(warnings, List.of());
        }
        warnings.add(new FieldError("seeds", indexes.size() + " of " + spec.seeds().size()
                + " seeds break the job's rules and are not shown to the teacher (they still count as seeds for dedup)"));
        return new Outcome(warnings, indexes);
    }
}
