package dev.seedforge.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The generator's diversity levers, each switchable so its effect can be measured off against on, and when a job
 * pauses instead of paying for repeats: a cell with at least {@code pauseAfterOutcomes} outcomes whose duplicate or
 * reject rate reaches its threshold despite the levers.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DiversitySpec(
        @JsonPropertyDescription("show the teacher one persona per call, from the generator's persona library") Boolean personas,
        @JsonPropertyDescription("show the teacher short digests of examples the cell already has") Boolean alreadyHave,
        @JsonPropertyDescription("raise temperature and rotate to other seeds as a cell's duplicate rate climbs") Boolean adaptive,
        @JsonPropertyDescription("pause when a cell's duplicate rate reaches this share of its outcomes; 1 never pauses") Double pauseDuplicateRate,
        @JsonPropertyDescription("pause when a cell's reject rate reaches this share of its outcomes; 1 never pauses") Double pauseRejectRate,
        @JsonPropertyDescription("outcomes a cell needs before its rates can pause the job") Integer pauseAfterOutcomes) {

    public static final DiversitySpec DEFAULT = new DiversitySpec(true, true, true, 0.8, 0.9, 30);

    public DiversitySpec withDefaults() {
        return new DiversitySpec(personas == null ? DEFAULT.personas() : personas,
                alreadyHave == null ? DEFAULT.alreadyHave() : alreadyHave,
                adaptive == null ? DEFAULT.adaptive() : adaptive,
                pauseDuplicateRate == null ? DEFAULT.pauseDuplicateRate() : pauseDuplicateRate,
                pauseRejectRate == null ? DEFAULT.pauseRejectRate() : pauseRejectRate,
                pauseAfterOutcomes == null ? DEFAULT.pauseAfterOutcomes() : pauseAfterOutcomes);
    }
}
