package dev.seedforge.contracts;

/** A problem with one field of a job spec, named the way the user wrote it (e.g. {@code seeds[2].messages}). */
public record FieldError(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
