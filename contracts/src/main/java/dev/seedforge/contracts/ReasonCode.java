package dev.seedforge.contracts;

import java.util.Locale;

/**
 * The stable codes of rejection reasons. Dashboards and the exporter's report count by them, so a code never changes
 * its meaning; the message beside it says what to fix.
 */
public enum ReasonCode {

    /** The example is not a JSON object at all. */
    NOT_AN_OBJECT,
    /** A field the format requires is absent or null. */
    MISSING_FIELD,
    /** A field has the wrong JSON type (a number where a string belongs, say). */
    WRONG_TYPE,
    /** A turn's role is not one the format knows. */
    UNKNOWN_ROLE,
    /** Turns are out of order: two user turns in a row, a system turn after the first, an unanswered tool call. */
    ROLE_ORDER,
    /** A turn whose text is empty or blank. */
    EMPTY_TURN,
    /** The conversation does not end with the assistant's answer. */
    ENDS_WITHOUT_ASSISTANT,
    /** A tool call whose arguments (or ShareGPT function_call value) are not a JSON object. */
    INVALID_TOOL_ARGUMENTS,
    /** A tool result that answers no pending tool call. */
    ORPHAN_TOOL_RESULT,
    /** The example is a record of another format than the job's. */
    FORMAT_MISMATCH,
    /** A tool call names a tool the job (or, when the job declares none, the record) does not declare. */
    UNKNOWN_TOOL,
    /** A tool call's arguments do not conform to the declared tool's JSON Schema. */
    TOOL_ARGUMENTS_SCHEMA,
    /** An example that declares its own tools declares one without a name, a name twice, or unusable parameters. */
    INVALID_TOOL_DEFINITION,
    /** The final assistant reply is not JSON valid against the job's {@code rules.reply_json_schema}. */
    REPLY_SCHEMA_MISMATCH,
    /** The final assistant reply matches none of the job's {@code reply_must_match} patterns. */
    REPLY_PATTERN,
    /** An assistant reply matches one of the job's {@code reply_must_not_match} patterns. */
    FORBIDDEN_PATTERN,
    /** One turn has more tokens than {@code max_tokens_per_turn}, or an assistant turn than {@code max_tokens_per_reply}. */
    TURN_TOO_LONG,
    /** The whole example has more tokens than {@code max_tokens_per_example}. */
    EXAMPLE_TOO_LONG,
    /** An assistant turn contains one of the job's {@code banned_phrases}. */
    BANNED_PHRASE,
    /** The LLM judge scored a rubric criterion below the job's minimum. */
    JUDGE_LOW_SCORE,
    /** The LLM judge gave no usable answer after retries. */
    JUDGE_UNAVAILABLE,
    /** A job with {@code reasoning} on, and the final assistant answer has no reasoning trace before it. */
    REASONING_MISSING,
    /** A reasoning trace has more tokens than the job's {@code reasoning.max_tokens}. */
    REASONING_TOO_LONG,
    /** A preference job's example without a usable rejected answer (or with a failure mode the job did not ask for). */
    PREFERENCE_MISSING,
    /** A preference pair whose rejected answer does not fail the way its failure mode names: it is not worse. */
    PREFERENCE_NOT_WORSE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Reason reason(String message) {
        return new Reason(code(), message);
    }
}
