package dev.seedforge.support.secrets;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The secret values this process holds (provider keys, API tokens), read from configuration, and a redaction that
 * replaces each of them in any text. It is the last line of defence for logs, events and error bodies: code should
 * not put secrets into messages in the first place, but a provider may echo a key back in its error.
 */
public final class Secrets {

    public static final String MASK = "[REDACTED]";
    /** Shorter values (placeholders, short test passwords) would mask ordinary words. */
    static final int MIN_LENGTH = 8;

    /** Properties whose values are secrets, besides the {@code seedforge.secrets.properties} a service adds. */
    static final List<String> PROPERTIES = List.of("quarkus.langchain4j.openai.api-key",
            "quarkus.langchain4j.openai.teacher.api-key", "quarkus.langchain4j.openai.judge.api-key",
            "seedforge.api.token");
    static final List<String> ENVIRONMENT = List.of("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY",
            "GOOGLE_API_KEY", "OPENAI_COMPATIBLE_API_KEY", "SEEDFORGE_API_TOKEN");

    private static volatile Secrets current;

    private final List<String> values;

    Secrets(Set<String> values) {
        this.values = values.stream().filter(v -> v != null && v.strip().length() >= MIN_LENGTH).map(String::strip)
                .distinct().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** The secrets of this process, read once from its configuration and environment. */
    public static Secrets current() {
        Secrets secrets = current;
        if (secrets == null) {
            secrets = fromConfig(ConfigProvider.getConfig());
            current = secrets;
        }
        return secrets;
    }

    /** {@code text} with every secret replaced by {@value #MASK}. */
    public static String redact(String text) {
        return current().apply(text);
    }

    static Secrets fromConfig(Config config) {
        Set<String> found = new LinkedHashSet<>();
        List<String> names = new ArrayList<>(PROPERTIES);
        config.getOptionalValues("seedforge.secrets.properties", String.class).ifPresent(names::addAll);
        for (String name : names) {
            optional(config, name).ifPresent(found::add);
        }
        optional(config, "seedforge.api.tokens").ifPresent(list -> {
            for (String pair : list.split(",")) {
                int colon = pair.indexOf(':');
                found.add(colon < 0 ? pair : pair.substring(colon + 1));
            }
        });
        for (String variable : ENVIRONMENT) {
            Optional.ofNullable(System.getenv(variable)).ifPresent(found::add);
        }
        return new Secrets(found);
    }

    private static Optional<String> optional(Config config, String name) {
        try {
            return config.getOptionalValue(name, String.class);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public String apply(String text) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        String redacted = text;
        for (String value : values) {
            if (redacted.contains(value)) {
                redacted = redacted.replace(value, MASK);
            }
        }
        return redacted;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }
}
