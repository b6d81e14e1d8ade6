package dev.seedforge.contracts;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What a user asks for: the task, the format, the seeds and the size of the dataset. Written by people in YAML or JSON
 * (snake_case); {@link JobSpecs} parses, checks and completes it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobSpec(
        @JsonPropertyDescription("a short name, used in file and directory names") String name,
        @JsonPropertyDescription("what the fine-tuned model should do, in plain words") String task,
        ExampleFormat format,
        @JsonPropertyDescription("the system prompt every example carries, if any") String systemPrompt,
        @JsonPropertyDescription("hand-written examples, in any supported format") List<Conversation> seeds,
        @JsonPropertyDescription("a JSON or JSONL file of further seeds, relative to the spec") String seedsFile,
        @JsonPropertyDescription("how many accepted, unique examples to export") Integer target,
        @JsonPropertyDescription("the share of examples that goes to validation.jsonl") Double validationRatio,
        String teacherModel,
        String judgeModel,
        @JsonPropertyDescription("seeds every random choice, so a job can be reproduced") Long randomSeed,
        @JsonPropertyDescription("examples asked of the teacher in one call") Integer examplesPerCall,
        @JsonPropertyDescription("a hard cap on candidates generated; default 4 x target") Integer maxCandidates,
        Double temperature) {

    public static final String DEFAULT_NAME = "dataset";
    public static final double DEFAULT_VALIDATION_RATIO = 0.1;
    public static final String DEFAULT_MODEL = "gpt-4o-mini";
    public static final long DEFAULT_RANDOM_SEED = 42L;
    public static final int DEFAULT_EXAMPLES_PER_CALL = 5;
    public static final int DEFAULT_CANDIDATE_FACTOR = 4;
    public static final double DEFAULT_TEMPERATURE = 0.9;

    public JobSpec {
        seeds = seeds == null ? List.of() : List.copyOf(seeds);
    }

    /** The same spec with every optional field filled in; the form the generator stores and serves. */
    public JobSpec withDefaults() {
        return new JobSpec(name == null || name.isBlank() ? DEFAULT_NAME : name, task, format, systemPrompt, seeds,
                seedsFile, target, validationRatio == null ? DEFAULT_VALIDATION_RATIO : validationRatio,
                teacherModel == null ? DEFAULT_MODEL : teacherModel, judgeModel == null ? DEFAULT_MODEL : judgeModel,
                randomSeed == null ? DEFAULT_RANDOM_SEED : randomSeed,
                examplesPerCall == null ? DEFAULT_EXAMPLES_PER_CALL : examplesPerCall,
                maxCandidates == null && target != null ? target * DEFAULT_CANDIDATE_FACTOR : maxCandidates,
                temperature == null ? DEFAULT_TEMPERATURE : temperature);
    }

    public JobSpec withSeeds(List<Conversation> allSeeds, String remainingSeedsFile) {
        return new JobSpec(name, task, format, systemPrompt, allSeeds, remainingSeedsFile, target, validationRatio,
                teacherModel, judgeModel, randomSeed, examplesPerCall, maxCandidates, temperature);
    }
}
