package dev.seedforge.contracts.format;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.ReasonCode;

/**
 * Collects the reasons one check finds. Capped, so that a long broken conversation yields a readable verdict rather
 * than hundreds of reasons.
 */
public final class Problems {

    public static final int MAX_REASONS = 10;

    private final List<Reason> reasons = new ArrayList<>();
    private int count;

    public void add(ReasonCode code, String message) {
        count++;
        if (reasons.size() < MAX_REASONS) {
            reasons.add(code.reason(message));
        }
    }

    /** Problems found so far, including those past the cap. */
    public int count() {
        return count;
    }

    public List<Reason> reasons() {
        return List.copyOf(reasons);
    }

    /** A JSON node's type as a user reads it in a message: "a number", "an array". */
    public static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** A field counts as absent when it is missing or JSON null. */
    public static boolean absent(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull();
    }
}
