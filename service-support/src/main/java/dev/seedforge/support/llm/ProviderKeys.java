package dev.seedforge.support.llm;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.seedforge.contracts.LlmSpec;

/**
 * Where each provider's API key comes from: an environment variable per provider ({@code OPENAI_API_KEY},
 * {@code ANTHROPIC_API_KEY}, {@code GEMINI_API_KEY}, {@code OPENAI_COMPATIBLE_API_KEY}), read through the service's
 * configuration so a system property or {@code application.properties} entry of the same name works too. A missing
 * key names the variable, never a value.
 */
public final class ProviderKeys {

    /** The variables, by provider, in the order tried. */
    public static List<String> variables(String provider) {
        return switch (provider) {
            case LlmSpec.ANTHROPIC -> List.of("ANTHROPIC_API_KEY");
            case LlmSpec.GEMINI -> List.of("GEMINI_API_KEY", "GOOGLE_API_KEY");
            case LlmSpec.OPENAI_COMPATIBLE -> List.of("OPENAI_COMPATIBLE_API_KEY", "OPENAI_API_KEY");
            default -> List.of("OPENAI_API_KEY");
        };
    }

    private final Function<String, Optional<String>> lookup;

    /** {@code lookup} answers a variable's value, e.g. from MicroProfile Config (environment included). */
    public ProviderKeys(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    /** Keys from the service's MicroProfile configuration: environment variables, system properties, properties files. */
    public static ProviderKeys fromConfig() {
        return new ProviderKeys(name -> org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue(name, String.class));
    }

    /** The provider's key; an OpenAI-compatible server (vLLM, Ollama) may need none. */
    public String keyFor(String provider) {
        for (String variable : variables(provider)) {
            Optional<String> value = lookup.apply(variable).filter(v -> !v.isBlank());
            if (value.isPresent()) {
                return value.get().strip();
            }
        }
        if (LlmSpec.OPENAI_COMPATIBLE.equals(provider)) {
            return "none";
        }
        throw new MissingProviderKeyException("no API key for provider " + provider + ": set "
                + String.join(" or ", variables(provider)));
    }

    /** A provider is named but its key is not configured: a setup error, not worth a retry. */
    public static class MissingProviderKeyException extends IllegalArgumentException {
        public MissingProviderKeyException(String message) {
            super(message);
        }
    }
}
