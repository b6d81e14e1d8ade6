package dev.seedforge.contracts;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What the exporter writes besides the job's own format, when two examples count as related for a leak-free split,
 * and the quality gate's thresholds. Unset fields take the exporter's configured defaults.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExportSpec(List<ExampleFormat> formats, Double relatedThreshold, GateSpec gate) {

    public static final ExportSpec DEFAULT = new ExportSpec(List.of(), null, null);

    public ExportSpec {
        formats = formats == null ? List.of() : List.copyOf(formats);
    }

    /** Quality gate thresholds: the minimum number of examples, and the largest tolerated duplicate ratio. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GateSpec(Integer minCount, Double maxDuplicateRatio) {
    }
}
