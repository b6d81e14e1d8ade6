package dev.seedforge.contracts;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Which model a stage (the teacher, the judge) calls and through which provider's API. The provider decides the wire
 * format, the API key's environment variable, the rate-limit headers read and the price list; no {@code base_url}
 * means the provider's public endpoint, or for {@code openai} the endpoint the service is configured with.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LlmSpec(
        @JsonPropertyDescription("openai (default), anthropic, gemini or openai-compatible (vLLM, Ollama, a simulator)") String provider,
        @JsonPropertyDescription("the provider's model name, e.g. gpt-4o-mini, claude-haiku-4-5, gemini-2.5-flash") String model,
        @JsonPropertyDescription("the API's base URL; default: the provider's own (openai: the service's configured one)") String baseUrl,
        @JsonPropertyDescription("realtime (default: the spec's mode) or batch: calls through the provider's batch API, half the price, hours of latency") String mode) {

    public LlmSpec(String provider, String model, String baseUrl) {
        this(provider, model, baseUrl, null);
    }

    public static final String OPENAI = "openai";
    public static final String ANTHROPIC = "anthropic";
    public static final String GEMINI = "gemini";
    public static final String OPENAI_COMPATIBLE = "openai-compatible";
    public static final List<String> PROVIDERS = List.of(OPENAI, ANTHROPIC, GEMINI, OPENAI_COMPATIBLE);
    public static final String REALTIME = "realtime";
    public static final String BATCH = "batch";
    public static final List<String> MODES = List.of(REALTIME, BATCH);

    /** The provider in lower case, {@code openai} when none is named. */
    public String providerOrDefault() {
        return provider == null || provider.isBlank() ? OPENAI : provider.strip().toLowerCase(Locale.ROOT);
    }

    /** Whether calls go to the service's configured OpenAI-style model rather than one this spec names. */
    public boolean usesConfiguredEndpoint() {
        String p = providerOrDefault();
        return (OPENAI.equals(p) || OPENAI_COMPATIBLE.equals(p)) && (baseUrl == null || baseUrl.isBlank());
    }

    /** Checks the fields under {@code prefix} ({@code teacher}, {@code judge}), each error naming its field. */
    void validate(String prefix, List<FieldError> errors) {
        if (provider != null && !PROVIDERS.contains(providerOrDefault())) {
            errors.add(new FieldError(prefix + ".provider",
                    "unknown provider '" + provider + "'; one of " + String.join(", ", PROVIDERS)
                            + "; a server with OpenAI's chat completions API (Azure OpenAI, vLLM, Ollama, LM Studio,"
                            + " OpenRouter, Together, Groq, ...) is openai-compatible with its base_url"));
        }
        if (model != null && model.isBlank()) {
            errors.add(new FieldError(prefix + ".model", "must not be blank"));
        }
        if (baseUrl != null && !baseUrl.matches("(?i)https?://\\S+")) {
            errors.add(new FieldError(prefix + ".base_url", "must be an http(s) URL, got '" + baseUrl + "'"));
        }
        validateMode(prefix + ".mode", mode, providerOrDefault(), errors);
    }

    /**
     * A stage's mode: realtime or batch; batch goes through OpenAI's Files and Batch APIs (provider openai and
     * openai-compatible servers) or Anthropic's Message Batches (anthropic), for the teacher and the judge alike;
     * Gemini's batch API is not built.
     */
    static void validateMode(String field, String mode, String provider, List<FieldError> errors) {
        if (mode == null) {
            return;
        }
        if (!MODES.contains(mode)) {
            errors.add(new FieldError(field, "unknown mode '" + mode + "'; one of " + String.join(", ", MODES)));
        } else if (BATCH.equals(mode) && !OPENAI.equals(provider) && !OPENAI_COMPATIBLE.equals(provider)
                && !ANTHROPIC.equals(provider)) {
            errors.add(new FieldError(field, "batch mode needs provider openai, openai-compatible (OpenAI's Batch"
                    + " API) or anthropic (Message Batches), not " + provider));
        }
    }
}
