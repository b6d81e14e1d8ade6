package dev.seedforge.contracts;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The LLM judge: a rubric of criteria (name to what it means), each scored 1 to 10; a candidate is kept when every
 * score is at least {@code minScore}. Several candidates are judged per call. {@code provider}, {@code model} and
 * {@code base_url} choose the judge's model as {@code teacher:} does the teacher's (an {@link LlmSpec}, written flat
 * here beside the rubric).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JudgeSpec(Boolean enabled, @JsonDeserialize(using = Rubric.class) Map<String, String> rubric,
        Integer minScore, Integer batchSize,
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

    /**
     * A rubric as people write it: criteria by name ({@code clarity: the reply answers the request}), a list of them
     * ({@code [polite, "accurate: names the opening hours right"]}: a name, or a name and what it means), or one
     * sentence (one criterion, {@code rubric}).
     */
    public static final class Rubric extends JsonDeserializer<Map<String, String>> {

        @Override
        public Map<String, String> deserialize(JsonParser parser, DeserializationContext context)
                throws java.io.IOException {
            JsonNode node = parser.readValueAsTree();
            if (node == null || node.isNull() || node.isTextual() && node.asText().isBlank()) {
                return null;
            }
            Map<String, String> rubric = new LinkedHashMap<>();
            if (node.isTextual()) {
                rubric.put("rubric", node.asText().strip());
            } else if (node.isArray()) {
                for (JsonNode item : node) {
                    if (item.isObject() && criterion(item, rubric)) {
                        continue;
                    }
                    if (!item.isTextual() || item.asText().isBlank()) {
                        throw com.fasterxml.jackson.databind.JsonMappingException.from(parser,
                                "each criterion of a rubric list is text (\"name: what it means\"), a name and what"
                                        + " it means ({name: ..., description: ...}) or one of them by name"
                                        + " ({polite: greets the customer}), got " + item);
                    }
                    String text = item.asText().strip();
                    int colon = text.indexOf(':');
                    if (colon > 0 && colon < text.length() - 1) {
                        rubric.put(text.substring(0, colon).strip(), text.substring(colon + 1).strip());
                    } else {
                        rubric.put(text, text);
                    }
                }
            } else if (node.isObject()) {
                node.properties().forEach(entry -> rubric.put(entry.getKey(), entry.getValue().isTextual()
                        ? entry.getValue().asText()
                        : entry.getValue().toString()));
            } else {
                throw com.fasterxml.jackson.databind.JsonMappingException.from(parser,
                        "a rubric is criteria by name, a list of them or one sentence, got " + node);
            }
            return rubric;
        }

        /**
         * A list's criterion written as an object: {@code {name: accurate, description: ...}}, as rubric tools write
         * them, or one criterion by name ({@code - polite: greets the customer} in YAML); false for any other object.
         */
        private static boolean criterion(JsonNode item, Map<String, String> rubric) {
            JsonNode name = item.get("name");
            if (name != null && name.isTextual() && !name.asText().isBlank()) {
                java.util.Set<String> fields = new java.util.HashSet<>();
                item.fieldNames().forEachRemaining(fields::add);
                JsonNode description = item.get("description");
                if (fields.size() == 1 || fields.size() == 2 && description != null && description.isTextual()
                        && !description.asText().isBlank()) {
                    String key = name.asText().strip();
                    rubric.put(key, description == null ? key : description.asText().strip());
                    return true;
                }
                return false;
            }
            if (item.size() == 1) {
                Map.Entry<String, JsonNode> only = item.properties().iterator().next();
                if (only.getValue().isTextual() && !only.getValue().asText().isBlank()) {
                    rubric.put(only.getKey().strip(), only.getValue().asText().strip());
                    return true;
                }
            }
            return false;
        }
    }
}
