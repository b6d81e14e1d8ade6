package dev.seedforge.contracts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Reasoning traces: the teacher writes its reasoning before each answer, the validator requires the trace of the final
 * answer and keeps every trace within {@code max_tokens}, and the exporter writes it per format as a field of the
 * assistant message ({@code field}, named {@code field_name}: axolotl's {@code reasoning_content} or the
 * {@code thinking} key of gpt-oss style templates used through TRL) or inline as {@code <think>...</think>} before the
 * answer ({@code inline}). {@code reasoning: true} is the short form with every default.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReasoningSpec(Boolean enabled, Integer maxTokens, String fieldName, Map<String, Mode> export) {

    public static final int DEFAULT_MAX_TOKENS = 512;
    public static final int MAX_MAX_TOKENS = 32_768;
    public static final String REASONING_CONTENT = "reasoning_content";
    public static final String THINKING = "thinking";
    public static final List<String> FIELD_NAMES = List.of(REASONING_CONTENT, THINKING);
    public static final ReasoningSpec OFF = new ReasoningSpec(false, null, null, null);

    /** How a format's files carry the trace. */
    public enum Mode {
        /** a field of the assistant message beside its content */
        FIELD,
        /** {@code <think>trace</think>} opening the assistant's text */
        INLINE;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Mode fromId(String value) {
            for (Mode mode : values()) {
                if (mode.id().equalsIgnoreCase(value)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("unknown reasoning export '" + value + "'; expected field or inline");
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public ReasoningSpec {
        export = export == null ? Map.of() : new LinkedHashMap<>(export);
    }

    /** {@code reasoning: true} (or {@code false}). */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ReasoningSpec of(boolean enabled) {
        return new ReasoningSpec(enabled, null, null, null);
    }

    /** Whether traces are asked for: an object without {@code enabled} counts as enabled. */
    public boolean on() {
        return enabled == null || enabled;
    }

    public int maxTokensOrDefault() {
        return maxTokens == null ? DEFAULT_MAX_TOKENS : maxTokens;
    }

    public String fieldNameOrDefault() {
        return fieldName == null ? REASONING_CONTENT : fieldName;
    }

    /**
     * How {@code format}'s files carry traces: as the spec says, else a field for OpenAI's messages (axolotl's
     * chat_template and TRL read message fields) and inline for ShareGPT and Alpaca (LLaMA-Factory reads the
     * {@code <think>} block of the text; Alpaca has no message to hold a field).
     */
    public Mode modeFor(ExampleFormat format) {
        for (var entry : export.entrySet()) {
            if (format.id().equalsIgnoreCase(entry.getKey())) {
                return entry.getValue();
            }
        }
        return format == ExampleFormat.OPENAI ? Mode.FIELD : Mode.INLINE;
    }

    /** The job's reasoning, never null: {@link #OFF} when unset. */
    public static ReasoningSpec of(JobSpec spec) {
        return spec.reasoning() == null || !spec.reasoning().on() ? OFF : spec.reasoning();
    }
}
