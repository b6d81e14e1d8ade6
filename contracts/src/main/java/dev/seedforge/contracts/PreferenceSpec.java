package dev.seedforge.contracts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Preference pairs ({@code task_type: preference}): the teacher writes each example as today and, for its final
 * assistant turn, a deliberately worse answer along one named failure mode; the validator requires that the chosen
 * side passes every check and the rejected side fails the check its mode names. {@code failure_modes} lists the modes
 * to use; unset, every mode the job can check ({@link #modesOf}).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PreferenceSpec(List<String> failureModes) {

    public static final String TASK_TYPE = "preference";
    public static final String SFT = "sft";

    /** How a rejected answer is worse, each with the check that shows it. */
    public enum FailureMode {
        /** breaks the reply format the job states (rules.reply_json_schema or rules.reply_must_match) */
        WRONG_FORMAT,
        /** cut short, required parts missing: at most {@link #INCOMPLETE_SHARE} of the chosen answer's tokens */
        INCOMPLETE,
        /** a tool call whose arguments violate the tool's JSON Schema (jobs with tools only) */
        WRONG_TOOL_ARGUMENTS,
        /** a confident claim the prompt does not support: a figure or name found in neither prompt nor chosen answer */
        HALLUCINATED_FACT;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The mode of {@code id}, or {@code null} for none. */
        public static FailureMode fromId(String id) {
            for (FailureMode mode : values()) {
                if (mode.id().equals(id)) {
                    return mode;
                }
            }
            return null;
        }

        public static List<String> ids() {
            return java.util.Arrays.stream(values()).map(FailureMode::id).toList();
        }
    }

    /** An incomplete answer has at most this share of the chosen answer's tokens. */
    public static final double INCOMPLETE_SHARE = 0.6;

    /** Whether the job asks for preference pairs. */
    public static boolean on(JobSpec spec) {
        return TASK_TYPE.equals(spec.taskType());
    }

    /**
     * The modes a preference job uses: those listed, else every mode its checks can show (incomplete and
     * hallucinated_fact always, wrong_format when the job states a reply format, wrong_tool_arguments when it has
     * tools).
     */
    public static List<FailureMode> modesOf(JobSpec spec) {
        if (!on(spec)) {
            return List.of();
        }
        if (spec.preference() != null && spec.preference().failureModes() != null) {
            return spec.preference().failureModes().stream().map(FailureMode::fromId)
                    .filter(java.util.Objects::nonNull).distinct().toList();
        }
        List<FailureMode> modes = new ArrayList<>();
        if (statesReplyFormat(spec)) {
            modes.add(FailureMode.WRONG_FORMAT);
        }
        modes.add(FailureMode.INCOMPLETE);
        if (spec.withTools()) {
            modes.add(FailureMode.WRONG_TOOL_ARGUMENTS);
        }
        modes.add(FailureMode.HALLUCINATED_FACT);
        return List.copyOf(modes);
    }

    static boolean statesReplyFormat(JobSpec spec) {
        ValidationRules rules = spec.rules();
        return rules != null && (rules.replyJsonSchema() != null
                || rules.replyMustMatch() != null && !rules.replyMustMatch().isEmpty());
    }

    /** Checks {@code task_type} and {@code preference}, naming the field at fault. */
    static void validate(JobSpec spec, List<FieldError> errors) {
        String type = spec.taskType();
        if (type != null && !SFT.equals(type) && !TASK_TYPE.equals(type)) {
            boolean pairs = java.util.Set.of("dpo", "orpo", "kto", "ipo", "simpo", "rlhf", "reward", "pairs", "pairwise")
                    .contains(type.strip().toLowerCase(java.util.Locale.ROOT));
            errors.add(new FieldError("task_type", "unknown task type '" + type + "'; one of sft, preference"
                    + (pairs ? " (preference: pairs of a chosen and a rejected answer, what " + type + " trains on)"
                            : "")));
            return;
        }
        if (!on(spec)) {
            if (spec.preference() != null) {
                errors.add(new FieldError("preference", "needs task_type: preference"));
            }
            return;
        }
        if (spec.reasoning() != null && spec.reasoning().on()) {
            errors.add(new FieldError("reasoning", "preference pairs with reasoning traces are not built"));
        }
        if (spec.export() != null && !spec.export().formats().isEmpty()) {
            errors.add(new FieldError("export.formats", "a preference job writes TRL, LLaMA-Factory and OpenAI"
                    + " preference files; leave export.formats out"));
        }
        List<String> listed = spec.preference() == null ? null : spec.preference().failureModes();
        if (listed == null) {
            return;
        }
        if (listed.isEmpty()) {
            errors.add(new FieldError("preference.failure_modes", "needs at least one of " + FailureMode.ids()));
        }
        Set<FailureMode> seen = new HashSet<>();
        for (int i = 0; i < listed.size(); i++) {
            String field = "preference.failure_modes[" + i + "]";
            FailureMode mode = FailureMode.fromId(listed.get(i));
            if (mode == null) {
                errors.add(new FieldError(field, "unknown failure mode '" + listed.get(i) + "'; one of "
                        + FailureMode.ids()));
            } else if (!seen.add(mode)) {
                errors.add(new FieldError(field, "'" + mode.id() + "' is listed twice"));
            } else if (mode == FailureMode.WRONG_TOOL_ARGUMENTS && !spec.withTools()) {
                errors.add(new FieldError(field, "wrong_tool_arguments needs tools: the job declares none"));
            } else if (mode == FailureMode.WRONG_FORMAT && !statesReplyFormat(spec)) {
                errors.add(new FieldError(field, "wrong_format needs a reply format to break:"
                        + " rules.reply_json_schema or rules.reply_must_match"));
            }
        }
    }
}
