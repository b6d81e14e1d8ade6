package dev.seedforge.contracts;

import java.util.List;
import java.util.stream.Collectors;

/** A job spec that cannot be run, with every problem found in it. */
public class InvalidJobSpecException extends IllegalArgumentException {

    private final List<FieldError> errors;

    public InvalidJobSpecException(List<FieldError> errors) {
        super("invalid job spec: " + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public InvalidJobSpecException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
