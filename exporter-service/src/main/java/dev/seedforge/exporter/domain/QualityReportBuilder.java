package dev.seedforge.exporter.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.tokens.TokenCounter;

/**
 * Computes the quality report from every stored outcome of a job and the examples chosen for train and validation. A
 * pure function of its inputs, so its arithmetic is tested without files or a database.
 */
public final class QualityReportBuilder {

    private final TokenCounter tokens;
    private final QualityGate gate;

    public QualityReportBuilder(TokenCounter tokens, QualityGate gate) {
        this.tokens = tokens;
        this.gate = gate;
    }

    /** The report of a job without extra formats and with a split that carries no similarity figures. */
    public QualityReport build(ExportJob job, List<Outcome> outcomes, List<Outcome> train, List<Outcome> validation,
            List<String> formatErrors, Instant generatedAt) {
        CrossSplitSimilarity.Closest lexical = CrossSplitSimilarity.of(train, validation, job.format(),
                ExportedDuplicates.comparedOf(job));
        QualityReport.SplitReport split = new QualityReport.SplitReport(job.randomSeed(), job.validationRatio(), 0,
                false, 0, train.size() + validation.size(), train.isEmpty() && validation.isEmpty() ? 0 : 1, 0, null,
                lexical.similarity(),
                lexical.similarity() == null ? null : lexical.validationId() + " ~ " + lexical.trainId(),
                lexical.pairs(), "no related pairs given");
        return build(job, outcomes, train, validation, formatErrors, split, List.of(), generatedAt);
    }

    public QualityReport build(ExportJob job, List<Outcome> outcomes, List<Outcome> train, List<Outcome> validation,
            List<String> formatErrors, QualityReport.SplitReport split, List<QualityReport.FormatFiles> formats,
            Instant generatedAt) {
        long accepted = count(outcomes, OutcomeStatus.ACCEPTED);
        long rejected = count(outcomes, OutcomeStatus.REJECTED);
        long duplicates = count(outcomes, OutcomeStatus.DUPLICATE);
        long exported = train.size() + validation.size();
        QualityReport.Counts counts = new QualityReport.Counts(job.candidatesEmitted(), outcomes.size(), accepted,
                rejected, duplicates, exported, train.size(), validation.size(), accepted - exported);
        double duplicateRatio = accepted + duplicates == 0 ? 0 : (double) duplicates / (accepted + duplicates);

        List<Outcome> exportedExamples = new ArrayList<>(train);
        exportedExamples.addAll(validation);
        Profile profile = profile(exportedExamples, job);
        ExportedDuplicates exportedDuplicates = ExportedDuplicates.of(exportedExamples, job);

        double generation = outcomes.stream().mapToDouble(Outcome::generationCostUsd).sum();
        double judge = outcomes.stream().mapToDouble(Outcome::judgeCostUsd).sum();
        Double estimated = job.estimate() == null || job.estimate().totalUsd() <= 0 ? null
                : job.estimate().totalUsd();
        QualityReport.Cost cost = new QualityReport.Cost(generation, judge, generation + judge,
                accepted == 0 ? 0 : (generation + judge) / accepted,
                exported == 0 ? 0 : (generation + judge) / exported, estimated,
                estimated == null ? null : (generation + judge) / estimated - 1);

        Map<String, Statistics> perRole = new TreeMap<>();
        profile.roleTokens.forEach((role, values) -> perRole.put(role, Statistics.of(values)));
        return new QualityReport(job.jobId(), job.name(), job.format(), generatedAt, counts, rejectionReasons(outcomes),
                reviewerRejections(outcomes, job), duplicatesByMethod(outcomes), duplicateRatio, exportedDuplicates,
                profile.cells,
                PlanReport.of(job, outcomes, exportedExamples), judgeScores(outcomes),
                new QualityReport.Tokens(tokens.encodingName(), Statistics.of(profile.exampleTokens),
                        Statistics.of(profile.turnTokens), perRole, histogram(profile.exampleTokens, 12),
                        reasoningTokens(profile, job)),
                new QualityReport.Lengths(profile.user.lengths(), profile.assistant.lengths()),
                profile.systemPrompts(), new QualityReport.MultiTurn(profile.multiTurn,
                        exported == 0 ? 0 : (double) profile.multiTurn / exported),
                diversity(exportedExamples), split, formats, cost,
                gate.forJob(job.export().gate()).evaluate(job.target(), (int) exported, exportedDuplicates,
                        duplicateRatio, formatErrors),
                null);
    }

    /** The traces' tokens apart from the rest, for a job with reasoning; {@code null} for one without. */
    private static QualityReport.ReasoningTokens reasoningTokens(Profile profile, ExportJob job) {
        if (!job.reasoning().on()) {
            return null;
        }
        long traces = profile.traceTokens.stream().mapToLong(Integer::longValue).sum();
        long rest = profile.exampleTokens.stream().mapToLong(Integer::longValue).sum();
        return new QualityReport.ReasoningTokens(profile.traceTokens.size(), Statistics.of(profile.traceTokens),
                Statistics.of(profile.exampleTraceTokens), traces + rest == 0 ? 0 : (double) traces / (traces + rest));
    }

    /** Equal-width buckets from the smallest to the largest value. */
    static List<QualityReport.Bucket> histogram(List<Integer> values, int buckets) {
        if (values.isEmpty()) {
            return List.of();
        }
        int min = values.stream().mapToInt(Integer::intValue).min().orElse(0);
        int max = values.stream().mapToInt(Integer::intValue).max().orElse(0);
        long width = Math.max(1, (long) Math.ceil((max - min + 1) / (double) buckets));
        long[] counts = new long[(int) ((max - min) / width) + 1];
        values.forEach(v -> counts[(int) ((v - min) / width)]++);
        List<QualityReport.Bucket> result = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            result.add(new QualityReport.Bucket(min + i * width, min + (i + 1) * width, counts[i]));
        }
        return result;
    }

    /** 1 - mean nearest similarity of the exported examples that dedup measured. */
    static QualityReport.Diversity diversity(List<Outcome> exported) {
        double sum = 0;
        long measured = 0;
        for (Outcome outcome : exported) {
            if (outcome.nearestSimilarity() != null) {
                sum += outcome.nearestSimilarity();
                measured++;
            }
        }
        if (measured == 0) {
            return new QualityReport.Diversity(null, null, 0);
        }
        double mean = sum / measured;
        return new QualityReport.Diversity(1 - mean, mean, measured);
    }

    /** Per criterion, over every candidate the judge scored (accepted or not). */
    static Map<String, QualityReport.ScoreDistribution> judgeScores(List<Outcome> outcomes) {
        Map<String, List<Integer>> byCriterion = new TreeMap<>();
        for (Outcome outcome : outcomes) {
            outcome.judgeScores().forEach((criterion, score) -> {
                if (score != null) {
                    byCriterion.computeIfAbsent(criterion, k -> new ArrayList<>()).add(score);
                }
            });
        }
        Map<String, QualityReport.ScoreDistribution> result = new TreeMap<>();
        byCriterion.forEach((criterion, scores) -> {
            Map<Integer, Long> histogram = new TreeMap<>();
            scores.forEach(score -> histogram.merge(score, 1L, Long::sum));
            result.put(criterion, new QualityReport.ScoreDistribution(scores.size(),
                    scores.stream().mapToInt(Integer::intValue).average().orElse(0),
                    scores.stream().mapToInt(Integer::intValue).min().orElse(0),
                    scores.stream().mapToInt(Integer::intValue).max().orElse(0), histogram));
        });
        return result;
    }

    private static long count(List<Outcome> outcomes, OutcomeStatus status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }

    /** Each reason code counted once per rejected candidate, so the numbers read as "candidates rejected for X". */
    private static Map<String, Long> rejectionReasons(List<Outcome> outcomes) {
        Map<String, Long> byCode = new TreeMap<>();
        for (Outcome outcome : outcomes) {
            if (outcome.status() == OutcomeStatus.REJECTED) {
                Set<String> codes = new LinkedHashSet<>();
                for (Reason reason : outcome.reasons()) {
                    codes.add(reason.code() == null ? "unspecified" : reason.code());
                }
                codes.forEach(code -> byCode.merge(code, 1L, Long::sum));
            }
        }
        return byCode;
    }

    private static List<QualityReport.ReviewerRejection> reviewerRejections(List<Outcome> outcomes, ExportJob job) {
        List<QualityReport.ReviewerRejection> rejections = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            for (Reason reason : outcome.reasons()) {
                if (Reviews.REVIEWER_REJECTED.equals(reason.code())) {
                    rejections.add(new QualityReport.ReviewerRejection(outcome.candidateId(), job.cellOf(outcome),
                            reason.message()));
                }
            }
        }
        return rejections;
    }

    private static Map<String, Long> duplicatesByMethod(List<Outcome> outcomes) {
        Map<String, Long> byMethod = new TreeMap<>();
        outcomes.stream().filter(o -> o.status() == OutcomeStatus.DUPLICATE)
                .forEach(o -> byMethod.merge(o.dedupMethod() == null ? "unknown" : o.dedupMethod(), 1L, Long::sum));
        return byMethod;
    }

    /**
     * The examples' turns and their tokens are counted on every core (the BPE is most of the report's work, at the
     * job's end when the other stages are idle), then folded in the examples' order.
     */
    private Profile profile(List<Outcome> examples, ExportJob job) {
        List<Counted> counted = examples.parallelStream().map(example -> counted(example, job.format())).toList();
        Profile profile = new Profile();
        for (int e = 0; e < examples.size(); e++) {
            Outcome example = examples.get(e);
            profile.cells.merge(job.cellOf(example), 1L, Long::sum);
            List<ChatTurn> turns = counted.get(e).turns();
            int exampleTokens = 0;
            int userTurns = 0;
            String systemPrompt = null;
            for (int t = 0; t < turns.size(); t++) {
                ChatTurn turn = turns.get(t);
                int turnTokens = counted.get(e).turnTokens()[t];
                exampleTokens += turnTokens;
                profile.turnTokens.add(turnTokens);
                profile.roleTokens.computeIfAbsent(turn.role(), k -> new ArrayList<>()).add(turnTokens);
                int chars = turn.content() == null ? 0 : turn.content().length();
                switch (turn.role()) {
                    case ChatTurn.USER -> {
                        userTurns++;
                        profile.user.add(chars, turnTokens);
                    }
                    case ChatTurn.ASSISTANT -> profile.assistant.add(chars, turnTokens);
                    case ChatTurn.SYSTEM -> systemPrompt = systemPrompt == null ? turn.content() : systemPrompt;
                    default -> {
                    }
                }
            }
            profile.exampleTokens.add(exampleTokens);
            int traceTokens = 0;
            for (int t = 0; t < turns.size(); t++) {
                if (turns.get(t).reasoning() != null) {
                    int count = counted.get(e).traceTokens()[t];
                    profile.traceTokens.add(count);
                    traceTokens += count;
                }
            }
            profile.exampleTraceTokens.add(traceTokens);
            profile.systemPrompts.merge(systemPrompt == null ? Profile.NO_PROMPT : systemPrompt, 1L, Long::sum);
            if (userTurns > 1) {
                profile.multiTurn++;
            }
        }
        return profile;
    }

    /** An example's turns with each turn's tokens and its reasoning trace's (0 without one). */
    private record Counted(List<ChatTurn> turns, int[] turnTokens, int[] traceTokens) {
    }

    private Counted counted(Outcome example, ExampleFormat format) {
        List<ChatTurn> turns = turns(example, format);
        int[] turnTokens = new int[turns.size()];
        int[] traceTokens = new int[turns.size()];
        for (int t = 0; t < turns.size(); t++) {
            turnTokens[t] = tokens.count(turns.get(t));
            traceTokens[t] = turns.get(t).reasoning() == null ? 0 : tokens.count(turns.get(t).reasoning());
        }
        return new Counted(turns, turnTokens, traceTokens);
    }

    /** An unreadable example counts with no turns here; the format check reports it. */
    private static List<ChatTurn> turns(Outcome example, ExampleFormat format) {
        try {
            JsonNode record = Json.MAPPER.readTree(example.exampleJson());
            return format.turns(record);
        } catch (Exception e) {
            return List.of();
        }
    }

    private static final class Profile {
        static final String NO_PROMPT = "\u0000none";
        final Map<String, Long> cells = new TreeMap<>();
        final List<Integer> exampleTokens = new ArrayList<>();
        final List<Integer> turnTokens = new ArrayList<>();
        final List<Integer> traceTokens = new ArrayList<>();
        final List<Integer> exampleTraceTokens = new ArrayList<>();
        final Map<String, List<Integer>> roleTokens = new TreeMap<>();
        final RoleLengths user = new RoleLengths();
        final RoleLengths assistant = new RoleLengths();
        final Map<String, Long> systemPrompts = new TreeMap<>();
        long multiTurn;

        List<QualityReport.PromptCount> systemPrompts() {
            return systemPrompts.entrySet().stream()
                    .map(e -> new QualityReport.PromptCount(NO_PROMPT.equals(e.getKey()) ? null : e.getKey(),
                            e.getValue()))
                    .sorted(Comparator.comparingLong(QualityReport.PromptCount::examples).reversed())
                    .toList();
        }
    }

    private static final class RoleLengths {
        long turns;
        long chars;
        long tokens;

        void add(int turnChars, int turnTokens) {
            turns++;
            chars += turnChars;
            tokens += turnTokens;
        }

        QualityReport.TurnLengths lengths() {
            return new QualityReport.TurnLengths(turns, turns == 0 ? 0 : (double) chars / turns,
                    turns == 0 ? 0 : (double) tokens / turns);
        }
    }
}
