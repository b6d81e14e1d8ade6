package dev.seedforge.generator.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.FieldError;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.ValidationRules;
import dev.seedforge.contracts.format.FormatChecker;
import dev.seedforge.support.rules.JobRules;
import dev.seedforge.support.rules.ReplyJsonSchema;
import dev.seedforge.support.rules.ToolCatalog;

/**
 * Seeds held to the letter of their format, to the job's own {@code rules} and their calls to their tools' schemas, the
 * checks the validator holds every candidate to: the teacher imitates what it is shown, so a seed that breaks them teaches it
 * candidates the validator
 * rejects. Such a seed is named
 * in the plan's warnings and set aside from the prompts, as is a seed that is an example of the job's reference sets
 * ({@link SeedsInReferences}); when every seed is, none is set aside (the teacher still gets the rules in words) and the
 * warning says so.
 */
public final class SeedRules {

    /** The plan's warnings about the seeds, and the indexes of the seeds the teacher is not shown. */
    public record Outcome(List<FieldError> warnings, List<Integer> setAside) {

        public static final Outcome NONE = new Outcome(List.of(), List.of());
    }

    private SeedRules() {
    }

    public static Outcome check(JobSpec spec) {
        if (spec.seeds().isEmpty()) {
            return Outcome.NONE;
        }
        ValidationRules rules = spec.rules() == null ? ValidationRules.NONE : spec.rules();
        JobRules jobRules = new JobRules(rules);
        ReplyJsonSchema schema = rules.replyJsonSchema() == null ? null : new ReplyJsonSchema(rules.replyJsonSchema());
        FormatChecker format = new FormatChecker();
        ToolCatalog jobTools = ToolCatalog.of(spec.tools());
        List<FieldError> broken = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < spec.seeds().size(); i++) {
            Conversation seed = spec.seeds().get(i);
            // the letter of the seed's own format (a seed of another format is converted for the prompt)
            List<Reason> malformed = format.check(seed.format() == null ? ExampleFormat.OPENAI : seed.format(),
                    seed.toJson());
            List<Reason> offRules = new ArrayList<>(jobRules.check(seed.messages()));
            if (malformed.isEmpty()) {
                // a call off its tool's schema: the teacher copies the mistake into every imitation
                offRules.addAll(jobTools.forExample(seed.format() == null ? ExampleFormat.OPENAI : seed.format(),
                        seed.toJson()).check(seed.messages()));
            }
            if (schema != null) {
                offRules.addAll(schema.check(seed.messages()));
            }
            if (!malformed.isEmpty() || !offRules.isEmpty()) {
                String what = !malformed.isEmpty() && !offRules.isEmpty() ? "its format and the job's rules"
                        : !malformed.isEmpty() ? "the letter of its format" : "the job's rules";
                indexes.add(i);
                broken.add(new FieldError("seeds[" + i + "]", "breaks " + what + ", so its imitations would be "
                        + "rejected: " + Stream.concat(malformed.stream(), offRules.stream())
                                .map(r -> r.message() + " (" + r.code() + ")").collect(Collectors.joining("; "))));
            }
        }
        int offRules = indexes.size();
        SeedsInReferences.find(spec).forEach((i, where) -> {
            broken.add(new FieldError("seeds[" + i + "]", where));
            if (!indexes.contains(i)) {
                indexes.add(i);
            }
        });
        if (indexes.isEmpty()) {
            return Outcome.NONE;
        }
        indexes.sort(null);
        List<FieldError> warnings = new ArrayList<>(broken);
        String why = offRules == indexes.size() ? "break their format or the job's rules"
                : offRules == 0 ? "are examples of the job's reference sets"
                        : "break their format or the job's rules, or are examples of its reference sets";
        if (indexes.size() == spec.seeds().size()) {
            warnings.add(new FieldError("seeds", offRules == indexes.size()
                    ? "every seed breaks its format or the job's rules: all are still shown to the teacher, which is"
                            + " also given the rules; fix the seeds or the rules, or expect many rejections"
                    : "every seed " + (offRules == 0 ? "is an example of the job's reference sets"
                            : "breaks its format or the job's rules, or is an example of its reference sets")
                            + ": all are still shown to the teacher; write seeds of your own"));
            return new Outcome(warnings, List.of());
        }
        warnings.add(new FieldError("seeds", indexes.size() + " of " + spec.seeds().size() + " seeds " + why
                + " and are not shown to the teacher (they still count as seeds for dedup)"));
        return new Outcome(warnings, indexes);
    }
}
