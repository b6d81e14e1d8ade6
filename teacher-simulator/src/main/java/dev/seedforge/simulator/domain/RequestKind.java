package dev.seedforge.simulator.domain;

import java.util.Locale;

/** How the simulator answers a request, decided from its response format. */
public enum RequestKind {
    /** {@code json_schema} named {@value TeacherSimulator#GENERATION_SCHEMA}: new examples modelled on the seeds. */
    GENERATION,
    /** Any other {@code json_schema} (a judge, say): JSON that fits the schema. */
    STRUCTURED,
    /** {@code json_object} without a schema: a small JSON object. */
    JSON_OBJECT,
    /** No response format: a short plain-text reply. */
    TEXT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
