package dev.seedforge.contracts;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The user's own checks of every example: the assistant's final reply must match one of {@code replyMustMatch} (when
 * given) and none of {@code replyMustNotMatch}, and be JSON valid against {@code replyJsonSchema} (when given; a
 * self-contained JSON Schema); turns, assistant replies and examples stay within token limits; no turn contains a
 * banned phrase.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ValidationRules(List<String> replyMustMatch, List<String> replyMustNotMatch, Integer maxTokensPerTurn,
        Integer maxTokensPerExample, List<String> bannedPhrases, JsonNode replyJsonSchema, Integer maxTokensPerReply) {

    public static final ValidationRules NONE = new ValidationRules(List.of(), List.of(), null, null, List.of());

    public ValidationRules(List<String> replyMustMatch, List<String> replyMustNotMatch, Integer maxTokensPerTurn,
            Integer maxTokensPerExample, List<String> bannedPhrases) {
        this(replyMustMatch, replyMustNotMatch, maxTokensPerTurn, maxTokensPerExample, bannedPhrases, null);
    }

    public ValidationRules(List<String> replyMustMatch, List<String> replyMustNotMatch, Integer maxTokensPerTurn,
            Integer maxTokensPerExample, List<String> bannedPhrases, JsonNode replyJsonSchema) {
        this(replyMustMatch, replyMustNotMatch, maxTokensPerTurn, maxTokensPerExample, bannedPhrases, replyJsonSchema,
                null);
    }

    public ValidationRules {
        replyMustMatch = replyMustMatch == null ? List.of() : List.copyOf(replyMustMatch);
        replyMustNotMatch = replyMustNotMatch == null ? List.of() : List.copyOf(replyMustNotMatch);
        bannedPhrases = bannedPhrases == null ? List.of() : List.copyOf(bannedPhrases);
    }
}
