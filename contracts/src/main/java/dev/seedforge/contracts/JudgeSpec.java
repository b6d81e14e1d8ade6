package dev.seedforge.contracts;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The LLM judge: a rubric of criteria (name to what it means), each scored 1 to 10; a candidate is kept when every
 * score is at least {@code minScore}. Several candidates are judged per call. {@code provider}, {@code model} and
 * {@code base_url} choose the judge's model as {@code teacher:} does the teacher's (an {@link LlmSpec}, written flat
 * here beside the rubric).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JudgeSpec(Boolean enabled, Map<String, String> rubric, Integer minScore, Integer batchSize,
        @JsonPropertyDescription("openai (default), anthropic, gemini or openai-compatible") String provider,
        @JsonPropertyDescription("the judge's model; judge_model says the same for provider openai") String model,
        @JsonPropertyDescription("the judge API's base URL; default: the provider's own") String baseUrl,
        @JsonPropertyDescription("realtime or batch (default: the spec's mode): batch judges in rounds through the provider's batch API (openai, openai-compatible: OpenAI's Batch API; anthropic: Message Batches), half the price, verdicts hours later") String mode) {

    /** A judge on the default provider and model (the job's {@code judge_model}). */
    public JudgeSpec(Boolean enabled, Map<String, String> rubric, Integer minScore, Integer batchSize) {
        this(enabled, rubric, minScore, batchSize, null, null, null, null);
    }

    /** A judge in the spec's mode. */
    public JudgeSpec(Boolean enabled, Map<String, String> rubric, Integer minScore, Integer batchSize,
            String provider, String model, String baseUrl) {
        this(enabled, rubric, minScore, batchSize, provider, model, baseUrl, null);
    }

    public static final Map<String, String> DEFAULT_RUBRIC = defaultRubric();

    public static final JudgeSpec DEFAULT = new JudgeSpec(true, DEFAULT_RUBRIC, 6, 10);

    public JudgeSpec withDefaults() {
        return new JudgeSpec(enabled == null ? DEFAULT.enabled() : enabled,
                rubric == null || rubric.isEmpty() ? DEFAULT_RUBRIC : rubric,
                minScore == null ? DEFAULT.minScore() : minScore, batchSize == null ? DEFAULT.batchSize() : batchSize,
                provider, model, baseUrl, mode);
    }

    /** The provider fields as one {@link LlmSpec}; null when none is set. */
    public LlmSpec llm() {
        return provider == null && model == null && baseUrl == null ? null : new LlmSpec(provider, model, baseUrl);
    }

    private static Map<String, String> defaultRubric() {
        Map<String, String> rubric = new LinkedHashMap<>();
        rubric.put("clarity", "the request is clear and the reply answers it unambiguously");
        rubric.put("quality", "the reply is correct, complete and follows the task's conventions exactly");
        rubric.put("realism", "a real user could have sent this request");
        return java.util.Collections.unmodifiableMap(rubric);
    }
}
