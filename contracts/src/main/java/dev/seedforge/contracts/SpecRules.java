package dev.seedforge.contracts;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/** Checks of the spec's diversity, rule, judge, dedup and export sections, each naming the field at fault. */
final class SpecRules {

    private static final List<String> COMPARED_TEXTS = List.of("user", "assistant", "whole");
    private static final int MAX_AXES = 8;
    private static final int MAX_VALUES_PER_AXIS = 100;

    private SpecRules() {
    }

    static void validateExtensions(JobSpec spec, List<FieldError> errors) {
        validateAxes(spec.axes(), errors);
        validateComplexity(spec.complexity(), errors);
        if (spec.multiTurn() != null) {
            Double share = spec.multiTurn().share();
            if (share != null && (share < 0 || share > 1)) {
                errors.add(new FieldError("multi_turn.share", "must be in [0, 1], got " + share));
            }
            Integer maxTurns = spec.multiTurn().maxTurns();
            if (maxTurns != null && (maxTurns < 1 || maxTurns > 20)) {
                errors.add(new FieldError("multi_turn.max_turns", "must be between 1 and 20, got " + maxTurns));
            }
        }
        List<Double> range = spec.temperatureRange();
        if (range != null && (range.size() != 2 || range.get(0) == null || range.get(1) == null
                || range.get(0) < 0 || range.get(1) > 2 || range.get(0) > range.get(1))) {
            errors.add(new FieldError("temperature_range", "must be [min, max] with 0 <= min <= max <= 2, got "
                    + range));
        }
        if (spec.budgetUsd() != null && spec.budgetUsd() <= 0) {
            errors.add(new FieldError("budget_usd", "must be more than 0, got " + spec.budgetUsd()));
        }
        validateTools(spec.tools(), errors);
        validateToolCalls(spec, errors);
        validateRules(spec.rules(), errors);
        validateJudge(spec.judge(), errors);
        validateModels(spec, errors);
        validateDedup(spec.dedup(), errors);
        validateExport(spec.export(), errors);
        validateDiversity(spec.diversity(), errors);
        validateReasoning(spec.reasoning(), errors);
        PreferenceSpec.validate(spec, errors);
    }

    private static void validateReasoning(ReasoningSpec reasoning, List<FieldError> errors) {
        if (reasoning == null) {
            return;
        }
        Integer max = reasoning.maxTokens();
        if (max != null && (max < 1 || max > ReasoningSpec.MAX_MAX_TOKENS)) {
            errors.add(new FieldError("reasoning.max_tokens", "must be between 1 and " + ReasoningSpec.MAX_MAX_TOKENS
                    + ", got " + max));
        }
        if (reasoning.fieldName() != null && !ReasoningSpec.FIELD_NAMES.contains(reasoning.fieldName())) {
            errors.add(new FieldError("reasoning.field_name", "must be one of " + ReasoningSpec.FIELD_NAMES
                    + " (axolotl's field_thinking default, or the key gpt-oss style chat templates read), got '"
                    + reasoning.fieldName() + "'"));
        }
        reasoning.export().forEach((format, mode) -> {
            String field = "reasoning.export." + format;
            ExampleFormat known;
            try {
                known = ExampleFormat.fromId(format);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(field, e.getMessage()));
                return;
            }
            if (mode == null) {
                errors.add(new FieldError(field, "must be field or inline"));
            } else if (known == ExampleFormat.ALPACA && mode == ReasoningSpec.Mode.FIELD) {
                errors.add(new FieldError(field, "Alpaca has no assistant message to hold a field; use inline"));
            }
        });
    }

    private static void validateDiversity(DiversitySpec diversity, List<FieldError> errors) {
        if (diversity == null) {
            return;
        }
        rate("diversity.pause_duplicate_rate", diversity.pauseDuplicateRate(), errors);
        rate("diversity.pause_reject_rate", diversity.pauseRejectRate(), errors);
        Integer after = diversity.pauseAfterOutcomes();
        if (after != null && (after < 1 || after > 1_000_000)) {
            errors.add(new FieldError("diversity.pause_after_outcomes", "must be between 1 and 1000000, got "
                    + after));
        }
    }

    private static void rate(String field, Double value, List<FieldError> errors) {
        if (value != null && (value <= 0 || value > 1)) {
            errors.add(new FieldError(field, "must be in (0, 1], got " + value));
        }
    }

    private static void validateAxes(Map<String, AxisValues> axes, List<FieldError> errors) {
        if (axes == null) {
            return;
        }
        if (axes.size() > MAX_AXES) {
            errors.add(new FieldError("axes", "at most " + MAX_AXES + " axes, got " + axes.size()));
        }
        axes.forEach((name, values) -> {
            String field = "axes." + name;
            if (values == null || values.weights().isEmpty()) {
                errors.add(new FieldError(field, "needs at least one value"));
                return;
            }
            if (values.weights().size() > MAX_VALUES_PER_AXIS) {
                errors.add(new FieldError(field, "at most " + MAX_VALUES_PER_AXIS + " values, got "
                        + values.weights().size()));
            }
            values.weights().forEach((value, weight) -> {
                if (value.isBlank() || value.contains("|") || value.contains("=")) {
                    errors.add(new FieldError(field, "value '" + value + "' must be non-empty, without '|' or '='"));
                }
                if (weight == null || weight <= 0) {
                    errors.add(new FieldError(SpecPath.field(field, value), "weight must be more than 0, got " + weight));
                }
            });
        });
    }

    private static void validateComplexity(Map<String, Double> complexity, List<FieldError> errors) {
        if (complexity == null) {
            return;
        }
        complexity.forEach((level, share) -> {
            if (!JobSpec.COMPLEXITY_LEVELS.contains(level)) {
                errors.add(new FieldError("complexity." + level, "unknown level; expected one of "
                        + String.join(", ", JobSpec.COMPLEXITY_LEVELS)));
            } else if (share == null || share < 0) {
                errors.add(new FieldError("complexity." + level, "share must be 0 or more, got " + share));
            }
        });
        if (!complexity.isEmpty() && complexity.values().stream().mapToDouble(v -> v == null ? 0 : v).sum() <= 0) {
            errors.add(new FieldError("complexity", "the shares must add up to more than 0"));
        }
    }

    private static void validateTools(List<JsonNode> tools, List<FieldError> errors) {
        if (tools != null) {
            errors.addAll(ToolDefinitions.problems(tools, "tools"));
        }
    }

    /**
     * Seeds that call tools the job does not declare: the teacher imitates those calls and the validator rejects every
     * one as {@code unknown_tool}, so a job of Glaive-style seeds, each with its own {@code tools} field, would end
     * with no tool call in its dataset. Refused up front, naming the tools and a seed that calls each.
     */
    private static void validateToolCalls(JobSpec spec, List<FieldError> errors) {
        if (spec.perExampleTools()) {
            validatePerExampleTools(spec, errors);
            return;
        }
        if (spec.format() == ExampleFormat.ALPACA && spec.tools() != null && !spec.tools().isEmpty()) {
            errors.add(new FieldError("tools", "an alpaca job cannot call tools: Alpaca has no form for tool calls,"
                    + " so no example would; write the job in openai or sharegpt (export.formats can add alpaca for"
                    + " the examples without calls)"));
            return;
        }
        Set<String> declared = new HashSet<>();
        for (JsonNode tool : spec.tools() == null ? List.<JsonNode> of() : spec.tools()) {
            JsonNode function = ToolDefinitions.functionOf(tool);
            if (function != null && function.path("name").isTextual()) {
                declared.add(function.path("name").asText());
            }
        }
        Map<String, Integer> firstCaller = new LinkedHashMap<>();
        for (int i = 0; i < spec.seeds().size(); i++) {
            for (ChatTurn turn : spec.seeds().get(i).messages()) {
                for (ToolCall call : turn.toolCalls()) {
                    if (call.name() != null && !declared.contains(call.name())) {
                        firstCaller.putIfAbsent(call.name(), i);
                    }
                }
            }
        }
        if (firstCaller.isEmpty()) {
            return;
        }
        List<String> named = firstCaller.entrySet().stream().limit(5)
                .map(entry -> "'" + entry.getKey() + "' (seeds[" + entry.getValue() + "])").toList();
        errors.add(new FieldError("tools", "the seeds call " + firstCaller.size() + " tool"
                + (firstCaller.size() == 1 ? "" : "s") + " the job does not declare: " + String.join(", ", named)
                + (firstCaller.size() > 5 ? " and " + (firstCaller.size() - 5) + " more" : "")
                + "; list each in tools, or set tools_per_example: true for seeds that each declare their own,"
                + " or the validator rejects every"
                + " example that calls one (unknown_tool)"));
    }

    /**
     * A job whose examples declare their own tools: each seed's list is held to what a job's list is, and its calls to
     * its own list, since a generated example will be; the job's {@code tools} would never be offered, so both at once
     * are refused, as is Alpaca, which has no form for tools.
     */
    private static void validatePerExampleTools(JobSpec spec, List<FieldError> errors) {
        if (spec.format() == ExampleFormat.ALPACA) {
            errors.add(new FieldError("tools_per_example", "an alpaca job cannot call tools: Alpaca has no form for"
                    + " tool calls or tool lists; write the job in openai or sharegpt"));
            return;
        }
        if (spec.tools() != null && !spec.tools().isEmpty()) {
            errors.add(new FieldError("tools_per_example", "each example declares its own tools, so the job's tools"
                    + " would be offered to none; remove tools, or set tools_per_example: false to offer them to"
                    + " every example"));
            return;
        }
        int callersOff = 0;
        for (int i = 0; i < spec.seeds().size(); i++) {
            Conversation seed = spec.seeds().get(i);
            String field = "seeds[" + i + "].tools";
            List<JsonNode> own;
            try {
                own = seed.tools();
            } catch (IllegalArgumentException unreadable) {
                errors.add(new FieldError(field, unreadable.getMessage()));
                continue;
            }
            errors.addAll(ToolDefinitions.problems(own, field));
            Set<String> declared = new HashSet<>();
            own.stream().map(tool -> ToolDefinitions.functionOf(tool).path("name").asText(""))
                    .filter(name -> !name.isBlank()).forEach(declared::add);
            Set<String> undeclared = new LinkedHashSet<>();
            for (ChatTurn turn : seed.messages()) {
                for (ToolCall call : turn.toolCalls()) {
                    if (call.name() != null && !declared.contains(call.name())) {
                        undeclared.add(call.name());
                    }
                }
            }
            if (!undeclared.isEmpty() && callersOff++ < 5) {
                errors.add(new FieldError("seeds[" + i + "]", "calls " + undeclared.stream().map(n -> "'" + n + "'")
                        .collect(Collectors.joining(", ")) + ", not among its own tools "
                        + (declared.isEmpty() ? "(it declares none)" : declared) + "; with tools_per_example each"
                        + " example calls only the tools it declares"));
            }
        }
        if (callersOff > 5) {
            errors.add(new FieldError("seeds", (callersOff - 5) + " more seeds call tools they do not declare"));
        }
    }

    private static void validateRules(ValidationRules rules, List<FieldError> errors) {
        if (rules == null) {
            return;
        }
        checkPatterns("rules.reply_must_match", rules.replyMustMatch(), errors);
        checkPatterns("rules.reply_must_not_match", rules.replyMustNotMatch(), errors);
        if (rules.replyJsonSchema() != null) {
            if (!rules.replyJsonSchema().isObject()) {
                errors.add(new FieldError("rules.reply_json_schema", "must be a JSON Schema (an object)"));
            } else {
                SelfContainedSchemas.check(rules.replyJsonSchema(), "rules.reply_json_schema", errors);
            }
        }
        if (rules.maxTokensPerTurn() != null && rules.maxTokensPerTurn() < 1) {
            errors.add(new FieldError("rules.max_tokens_per_turn", "must be at least 1"));
        }
        if (rules.maxTokensPerExample() != null && rules.maxTokensPerExample() < 1) {
            errors.add(new FieldError("rules.max_tokens_per_example", "must be at least 1"));
        }
        if (rules.maxTokensPerReply() != null && rules.maxTokensPerReply() < 1) {
            errors.add(new FieldError("rules.max_tokens_per_reply", "must be at least 1"));
        }
    }

    private static void checkPatterns(String field, List<String> patterns, List<FieldError> errors) {
        for (int i = 0; i < patterns.size(); i++) {
            try {
                Pattern.compile(patterns.get(i));
            } catch (PatternSyntaxException | NullPointerException e) {
                errors.add(new FieldError(SpecPath.element(field, i), "is not a valid regular expression: "
                        + (e instanceof PatternSyntaxException p ? p.getDescription() : "empty")));
            }
        }
    }

    /** {@code teacher:} and the judge's provider fields; a model named twice must be named the same. */
    private static void validateModels(JobSpec spec, List<FieldError> errors) {
        LlmSpec.validateMode("mode", spec.mode(), LlmSpec.OPENAI, errors);
        if (spec.judge() != null && spec.judge().mode() != null) {
            LlmSpec.validateMode("judge.mode", spec.judge().mode(), spec.judgeLlm().providerOrDefault(), errors);
        }
        if (LlmSpec.BATCH.equals(spec.mode()) && spec.teacher() != null && spec.teacher().mode() == null) {
            LlmSpec.validateMode("mode", spec.mode(), spec.teacherLlm().providerOrDefault(), errors);
        }
        // the spec's mode: batch covers the judge too unless judge.mode says otherwise
        if (LlmSpec.BATCH.equals(spec.mode()) && spec.judge() != null && spec.judge().mode() == null
                && !Boolean.FALSE.equals(spec.judge().enabled())
                && errors.stream().noneMatch(error -> "mode".equals(error.field()))) {
            LlmSpec.validateMode("mode", spec.mode(), spec.judgeLlm().providerOrDefault(), errors);
        }
        if (spec.teacher() != null) {
            spec.teacher().validate("teacher", errors);
            conflict("teacher.model", spec.teacher().model(), "teacher_model", spec.teacherModel(), errors);
        }
        if (spec.judge() != null && spec.judge().llm() != null) {
            spec.judge().llm().validate("judge", errors);
            conflict("judge.model", spec.judge().model(), "judge_model", spec.judgeModel(), errors);
        }
    }

    private static void conflict(String field, String value, String legacy, String legacyValue,
            List<FieldError> errors) {
        if (value != null && legacyValue != null && !value.equals(legacyValue)) {
            errors.add(new FieldError(field, "'" + value + "' differs from " + legacy + " '" + legacyValue
                    + "': name the model once"));
        }
    }

    private static void validateJudge(JudgeSpec judge, List<FieldError> errors) {
        if (judge == null) {
            return;
        }
        if (judge.minScore() != null && (judge.minScore() < 1 || judge.minScore() > 10)) {
            errors.add(new FieldError("judge.min_score", "must be between 1 and 10, got " + judge.minScore()));
        }
        if (judge.batchSize() != null && (judge.batchSize() < 1 || judge.batchSize() > 50)) {
            errors.add(new FieldError("judge.batch_size", "must be between 1 and 50, got " + judge.batchSize()));
        }
    }

    private static void validateDedup(DedupSpec dedup, List<FieldError> errors) {
        if (dedup == null) {
            return;
        }
        if (dedup.compare() != null && !COMPARED_TEXTS.contains(dedup.compare())) {
            errors.add(new FieldError("dedup.compare", "must be one of user, assistant, whole; got '"
                    + dedup.compare() + "'"));
        }
        threshold("dedup.lexical_threshold", dedup.lexicalThreshold(), errors);
        threshold("dedup.semantic_threshold", dedup.semanticThreshold(), errors);
        for (int i = 0; i < dedup.references().size(); i++) {
            ReferenceSet reference = dedup.references().get(i);
            String purpose = reference.purpose();
            if (purpose != null && !ReferenceSet.PREVIOUS.equals(purpose)
                    && !ReferenceSet.DECONTAMINATE.equals(purpose)) {
                errors.add(new FieldError("dedup.references[" + i + "].purpose",
                        "must be previous or decontaminate; got '" + purpose + "'"));
            }
            if (reference.name() == null || reference.name().isBlank()) {
                errors.add(new FieldError("dedup.references[" + i + "].name", "is required"));
            }
        }
    }

    private static void validateExport(ExportSpec export, List<FieldError> errors) {
        if (export == null) {
            return;
        }
        threshold("export.related_threshold", export.relatedThreshold(), errors);
        if (export.gate() != null) {
            if (export.gate().minCount() != null && export.gate().minCount() < 0) {
                errors.add(new FieldError("export.gate.min_count", "must be 0 or more"));
            }
            threshold("export.gate.max_duplicate_ratio", export.gate().maxDuplicateRatio(), errors);
        }
        if (export.hub() != null) {
            String problem = ExportSpec.HubSpec.problemWithRepo(export.hub().repo());
            if (problem != null) {
                errors.add(new FieldError("export.hub.repo", problem));
            }
        }
    }

    private static void threshold(String field, Double value, List<FieldError> errors) {
        if (value != null && (value <= 0 || value > 1)) {
            errors.add(new FieldError(field, "must be in (0, 1], got " + value));
        }
    }
}
