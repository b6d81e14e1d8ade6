package dev.seedforge.contracts;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * How a job's duplicates are found: which text is compared ({@code user}, {@code assistant} or {@code whole}), the
 * lexical (MinHash Jaccard) and semantic (embedding cosine) thresholds, and reference sets to keep out. Unset fields
 * take the dedup service's configured defaults.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DedupSpec(String compare, Double lexicalThreshold, Double semanticThreshold,
        List<ReferenceSet> references) {

    public static final DedupSpec DEFAULT = new DedupSpec(null, null, null, List.of());

    public DedupSpec {
        references = references == null ? List.of() : List.copyOf(references);
    }
}
