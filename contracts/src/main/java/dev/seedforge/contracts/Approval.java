package dev.seedforge.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a planned job waits for {@code POST /jobs/{id}/approve} (manual) or starts at once (auto). */
public enum Approval {
    MANUAL,
    AUTO;

    @JsonValue
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    public static Approval fromId(String value) {
        for (Approval approval : values()) {
            if (approval.name().equalsIgnoreCase(value)) {
                return approval;
            }
        }
        throw new IllegalArgumentException("unknown approval '" + value + "'; expected manual or auto");
    }
}
