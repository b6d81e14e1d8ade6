package dev.seedforge.contracts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What a user asks for: the task, the format, the seeds, the size of the dataset, how to vary it and how to check it.
 * Written by people in YAML or JSON (snake_case); {@link JobSpecs} parses, checks and completes it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobSpec(
        @JsonPropertyDescription("a short name, used in file and directory names") String name,
        @JsonPropertyDescription("what the fine-tuned model should do, in plain words") String task,
        ExampleFormat format,
        @JsonPropertyDescription("the system prompt every example carries, if any") String systemPrompt,
        @JsonPropertyDescription("system prompts to vary across examples, instead of one") List<String> systemPrompts,
        @JsonPropertyDescription("hand-written examples, in any supported format") List<Conversation> seeds,
        @JsonPropertyDescription("a JSON or JSONL file of further seeds, relative to the spec") String seedsFile,
        @JsonPropertyDescription("how many accepted, unique examples to export") Integer target,
        @JsonPropertyDescription("the share of examples that goes to validation.jsonl") Double validationRatio,
        @JsonPropertyDescription("the teacher's model at provider openai; teacher.model says the same") String teacherModel,
        @JsonPropertyDescription("the teacher: {provider, model, base_url}; default openai and teacher_model") LlmSpec teacher,
        @JsonPropertyDescription("the judge's model at provider openai; judge.model says the same") String judgeModel,
        @JsonPropertyDescription("seeds every random choice, so a job can be reproduced") Long randomSeed,
        @JsonPropertyDescription("examples asked of the teacher in one call") Integer examplesPerCall,
        @JsonPropertyDescription("a hard cap on candidates generated; default 4 x target") Integer maxCandidates,
        Double temperature,
        @JsonPropertyDescription("[min, max]: calls spread their temperature over it") List<Double> temperatureRange,
        @JsonPropertyDescription("diversity axes: name to values (a list, or value to weight)") Map<String, AxisValues> axes,
        @JsonPropertyDescription("complexity level (simple, moderate, complex, edge_case) to share; a list or one level: even shares") @JsonDeserialize(using = AxisValues.Weights.class) Map<String, Double> complexity,
        MultiTurnSpec multiTurn,
        @JsonPropertyDescription("tool definitions, OpenAI style, for tool-calling datasets") List<JsonNode> tools,
        @JsonPropertyDescription("true: each example declares its own tools (Glaive, xLAM), written by the teacher; the default when the seeds carry different tool lists and tools is not given") Boolean toolsPerExample,
        @JsonPropertyDescription("a hard cap on what the job may spend, in USD") Double budgetUsd,
        @JsonPropertyDescription("manual (default): wait in PLANNED for approval; auto: start at once") Approval approval,
        ValidationRules rules,
        JudgeSpec judge,
        DedupSpec dedup,
        ExportSpec export,
        @JsonPropertyDescription("the generator's diversity levers and early-stop thresholds") DiversitySpec diversity,
        @JsonPropertyDescription("{sample: N}: hold the export until a person approves a sample of N per cell") ReviewSpec review,
        @JsonPropertyDescription("true, or {max_tokens, field_name, export: {format: field|inline}}: a reasoning trace before each answer") ReasoningSpec reasoning,
        @JsonPropertyDescription("sft (default) or preference: pairs of a chosen and a rejected answer") String taskType,
        @JsonPropertyDescription("{failure_modes: [...]}: how a preference job's rejected answers are worse") PreferenceSpec preference,
        @JsonPropertyDescription("realtime (default) or batch: the teacher's and the judge's calls through the provider's batch API in rounds (half the price, hours of latency); teacher.mode and judge.mode choose for one stage alone") String mode) {

    public static final String DEFAULT_NAME = "dataset";
    public static final double DEFAULT_VALIDATION_RATIO = 0.1;
    public static final String DEFAULT_MODEL = "gpt-4o-mini";
    public static final long DEFAULT_RANDOM_SEED = 42L;
    public static final int DEFAULT_EXAMPLES_PER_CALL = 5;
    public static final int DEFAULT_CANDIDATE_FACTOR = 4;
    public static final double DEFAULT_TEMPERATURE = 0.9;
    public static final List<String> COMPLEXITY_LEVELS = List.of("simple", "moderate", "complex", "edge_case");

    public JobSpec {
        seeds = seeds == null ? List.of() : List.copyOf(seeds);
    }

    /** The same spec with every optional field filled in; the form the generator stores and serves. */
    public JobSpec withDefaults() {
        double t = temperature == null ? DEFAULT_TEMPERATURE : temperature;
        return toBuilder()
                .name(name == null || name.isBlank() ? DEFAULT_NAME : name)
                .systemPrompts(systemPrompts == null ? List.of() : systemPrompts)
                .validationRatio(validationRatio == null ? DEFAULT_VALIDATION_RATIO : validationRatio)
                .teacherModel(teacherLlm().model())
                .judgeModel(judgeLlm().model())
                .randomSeed(randomSeed == null ? DEFAULT_RANDOM_SEED : randomSeed)
                .examplesPerCall(examplesPerCall == null ? DEFAULT_EXAMPLES_PER_CALL : examplesPerCall)
                .maxCandidates(maxCandidates == null && target != null ? target * DEFAULT_CANDIDATE_FACTOR
                        : maxCandidates)
                .temperature(t)
                .temperatureRange(temperatureRange == null ? List.of(t, t) : temperatureRange)
                .axes(axes == null ? Map.of() : axes)
                .complexity(complexity == null || complexity.isEmpty() ? Map.of("simple", 1.0) : complexity)
                .multiTurn(multiTurn == null ? MultiTurnSpec.NONE
                        : new MultiTurnSpec(multiTurn.share() == null ? 0.0 : multiTurn.share(),
                                multiTurn.maxTurns() == null ? 3 : multiTurn.maxTurns()))
                .tools(tools == null ? List.of() : tools)
                .approval(approval == null ? Approval.MANUAL : approval)
                .rules(rules == null ? ValidationRules.NONE : rules)
                .judge(judge == null ? JudgeSpec.DEFAULT : judge.withDefaults())
                .dedup(dedup == null ? DedupSpec.DEFAULT : dedup)
                .export(export == null ? ExportSpec.DEFAULT : export)
                .diversity(diversity == null ? DiversitySpec.DEFAULT : diversity.withDefaults())
                .build();
    }

    /** The teacher's provider, model and endpoint: {@code teacher}, else provider openai with {@code teacher_model}. */
    public LlmSpec teacherLlm() {
        return resolve(teacher, teacherModel);
    }

    /** The judge's provider, model and endpoint: those under {@code judge}, else provider openai with {@code judge_model}. */
    public LlmSpec judgeLlm() {
        return resolve(judge == null ? null : judge.llm(), judgeModel);
    }

    private static LlmSpec resolve(LlmSpec named, String legacyModel) {
        String model = named != null && named.model() != null ? named.model()
                : legacyModel == null ? DEFAULT_MODEL : legacyModel;
        return named == null ? new LlmSpec(LlmSpec.OPENAI, model, null)
                : new LlmSpec(named.providerOrDefault(), model, named.baseUrl());
    }

    /** Whether the teacher's calls go through the provider's batch API: {@code teacher.mode}, else {@code mode}. */
    public boolean teacherBatch() {
        return LlmSpec.BATCH.equals(teacher != null && teacher.mode() != null ? teacher.mode() : mode);
    }

    /**
     * Whether the judge's calls go through the provider's batch API: {@code judge.mode}, else {@code mode}; false when
     * the judge is off.
     */
    public boolean judgeBatch() {
        if (judge != null && Boolean.FALSE.equals(judge.enabled())) {
            return false;
        }
        return LlmSpec.BATCH.equals(judge != null && judge.mode() != null ? judge.mode() : mode);
    }

    /** How duplicates are found, never null: the service's defaults ({@link DedupSpec#DEFAULT}) when unset. */
    public DedupSpec dedupOrDefault() {
        return dedup == null ? DedupSpec.DEFAULT : dedup;
    }

    /**
     * Whether each example declares its own tools (the teacher writes them with it) rather than calling the job's
     * {@code tools}: set by {@code tools_per_example}, or by the seeds ({@link JobSpecs#toolsFromSeeds}).
     */
    public boolean perExampleTools() {
        return Boolean.TRUE.equals(toolsPerExample);
    }

    /** Whether the job's examples may call tools at all: its own list, or each example's. */
    public boolean withTools() {
        return perExampleTools() || (tools != null && !tools.isEmpty());
    }

    /** The axes in the order written, never null. */
    public Map<String, AxisValues> axesOrEmpty() {
        return axes == null ? Map.of() : new LinkedHashMap<>(axes);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .name(name)
                .task(task)
                .format(format)
                .systemPrompt(systemPrompt)
                .systemPrompts(systemPrompts)
                .seeds(seeds)
                .seedsFile(seedsFile)
                .target(target)
                .validationRatio(validationRatio)
                .teacherModel(teacherModel)
                .teacher(teacher)
                .judgeModel(judgeModel)
                .randomSeed(randomSeed)
                .examplesPerCall(examplesPerCall)
                .maxCandidates(maxCandidates)
                .temperature(temperature)
                .temperatureRange(temperatureRange)
                .axes(axes)
                .complexity(complexity)
                .multiTurn(multiTurn)
                .tools(tools)
                .toolsPerExample(toolsPerExample)
                .budgetUsd(budgetUsd)
                .approval(approval)
                .rules(rules)
                .judge(judge)
                .dedup(dedup)
                .export(export)
                .diversity(diversity)
                .review(review)
                .reasoning(reasoning)
                .taskType(taskType)
                .preference(preference)
                .mode(mode);
    }

    /** Builds specs in code (tests, importers) without a constructor of two dozen arguments. */
    public static final class Builder {
        private String name;
        private String task;
        private ExampleFormat format;
        private String systemPrompt;
        private List<String> systemPrompts;
        private List<Conversation> seeds;
        private String seedsFile;
        private Integer target;
        private Double validationRatio;
        private String teacherModel;
        private LlmSpec teacher;
        private String judgeModel;
        private Long randomSeed;
        private Integer examplesPerCall;
        private Integer maxCandidates;
        private Double temperature;
        private List<Double> temperatureRange;
        private Map<String, AxisValues> axes;
        private Map<String, Double> complexity;
        private MultiTurnSpec multiTurn;
        private List<JsonNode> tools;
        private Boolean toolsPerExample;
        private Double budgetUsd;
        private Approval approval;
        private ValidationRules rules;
        private JudgeSpec judge;
        private DedupSpec dedup;
        private ExportSpec export;
        private DiversitySpec diversity;
        private ReviewSpec review;
        private ReasoningSpec reasoning;
        private String taskType;
        private PreferenceSpec preference;
        private String mode;

        private Builder() {
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder task(String task) {
            this.task = task;
            return this;
        }

        public Builder format(ExampleFormat format) {
            this.format = format;
            return this;
        }

        public Builder systemPrompt(String systemPrompt) {
            this.systemPrompt = systemPrompt;
            return this;
        }

        public Builder systemPrompts(List<String> systemPrompts) {
            this.systemPrompts = systemPrompts;
            return this;
        }

        public Builder seeds(List<Conversation> seeds) {
            this.seeds = seeds;
            return this;
        }

        public Builder seedsFile(String seedsFile) {
            this.seedsFile = seedsFile;
            return this;
        }

        public Builder target(Integer target) {
            this.target = target;
            return this;
        }

        public Builder validationRatio(Double validationRatio) {
            this.validationRatio = validationRatio;
            return this;
        }

        public Builder teacherModel(String teacherModel) {
            this.teacherModel = teacherModel;
            return this;
        }

        public Builder teacher(LlmSpec teacher) {
            this.teacher = teacher;
            return this;
        }

        public Builder judgeModel(String judgeModel) {
            this.judgeModel = judgeModel;
            return this;
        }

        public Builder randomSeed(Long randomSeed) {
            this.randomSeed = randomSeed;
            return this;
        }

        public Builder examplesPerCall(Integer examplesPerCall) {
            this.examplesPerCall = examplesPerCall;
            return this;
        }

        public Builder maxCandidates(Integer maxCandidates) {
            this.maxCandidates = maxCandidates;
            return this;
        }

        public Builder temperature(Double temperature) {
            this.temperature = temperature;
            return this;
        }

        public Builder temperatureRange(List<Double> temperatureRange) {
            this.temperatureRange = temperatureRange;
            return this;
        }

        public Builder axes(Map<String, AxisValues> axes) {
            this.axes = axes;
            return this;
        }

        public Builder complexity(Map<String, Double> complexity) {
            this.complexity = complexity;
            return this;
        }

        public Builder multiTurn(MultiTurnSpec multiTurn) {
            this.multiTurn = multiTurn;
            return this;
        }

        public Builder tools(List<JsonNode> tools) {
            this.tools = tools;
            return this;
        }

        public Builder toolsPerExample(Boolean toolsPerExample) {
            this.toolsPerExample = toolsPerExample;
            return this;
        }

        public Builder budgetUsd(Double budgetUsd) {
            this.budgetUsd = budgetUsd;
            return this;
        }

        public Builder approval(Approval approval) {
            this.approval = approval;
            return this;
        }

        public Builder rules(ValidationRules rules) {
            this.rules = rules;
            return this;
        }

        public Builder judge(JudgeSpec judge) {
            this.judge = judge;
            return this;
        }

        public Builder dedup(DedupSpec dedup) {
            this.dedup = dedup;
            return this;
        }

        public Builder review(ReviewSpec review) {
            this.review = review;
            return this;
        }

        public Builder reasoning(ReasoningSpec reasoning) {
            this.reasoning = reasoning;
            return this;
        }

        public Builder taskType(String taskType) {
            this.taskType = taskType;
            return this;
        }

        public Builder preference(PreferenceSpec preference) {
            this.preference = preference;
            return this;
        }

        public Builder mode(String mode) {
            this.mode = mode;
            return this;
        }

        public Builder export(ExportSpec export) {
            this.export = export;
            return this;
        }

        public Builder diversity(DiversitySpec diversity) {
            this.diversity = diversity;
            return this;
        }

        public JobSpec build() {
            return new JobSpec(name, task, format, systemPrompt, systemPrompts, seeds, seedsFile, target, validationRatio,
                    teacherModel, teacher, judgeModel, randomSeed, examplesPerCall, maxCandidates, temperature,
                    temperatureRange, axes,
                    complexity, multiTurn, tools, toolsPerExample, budgetUsd, approval, rules, judge, dedup, export, diversity,
                    review, reasoning, taskType, preference, mode);
        }
    }
}
