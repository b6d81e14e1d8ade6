package dev.seedforge.contracts;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Examples a job's output must not repeat: an earlier dataset of the user ({@code previous}) or an evaluation set
 * kept out of the training data ({@code decontaminate}). Read from {@code file} (beside the spec) into
 * {@code examples} before the job is submitted.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReferenceSet(String name, String purpose, String file, List<Conversation> examples) {

    public static final String PREVIOUS = "previous";
    public static final String DECONTAMINATE = "decontaminate";

    public ReferenceSet {
        examples = examples == null ? List.of() : List.copyOf(examples);
    }
}
