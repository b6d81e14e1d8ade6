package dev.seedforge.localstack;

import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Which servers the Quarkus tests run on: the in-process local stack, or Kafka and PostgreSQL containers through
 * Testcontainers. One switch, {@code -Dseedforge.stack=local|testcontainers|auto} (or env {@code SEEDFORGE_STACK});
 * {@code auto}, the default, takes containers when a Docker engine answers and the local stack otherwise.
 */
public enum StackChoice {
    LOCAL,
    TESTCONTAINERS;

    public static final String PROPERTY = "seedforge.stack";
    public static final String VARIABLE = "SEEDFORGE_STACK";

    /** The choice {@code setting} asks for, with {@code dockerAnswers} consulted only for {@code auto}. */
    public static StackChoice resolve(String setting, BooleanSupplier dockerAnswers) {
        String value = setting == null || setting.isBlank() ? "auto" : setting.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "local" -> LOCAL;
            case "testcontainers" -> TESTCONTAINERS;
            case "auto" -> dockerAnswers.getAsBoolean() ? TESTCONTAINERS : LOCAL;
            default -> throw new LocalStackException(PROPERTY + " must be local, testcontainers or auto, got '"
                    + setting + "'");
        };
    }

    /** This JVM's choice, from the system property, else the environment. */
    public static StackChoice current() {
        String setting = System.getProperty(PROPERTY, System.getenv(VARIABLE));
        return resolve(setting, ContainerStack::dockerAnswers);
    }
}
