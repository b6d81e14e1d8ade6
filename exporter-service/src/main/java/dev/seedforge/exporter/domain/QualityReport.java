package dev.seedforge.exporter.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.seedforge.contracts.ExampleFormat;

/**
 * The content of {@code quality_report.json}: every candidate accounted for, what was exported against the plan, how
 * long and how diverse the examples are, how the split was made, what it cost and whether the quality gate passed.
 * {@code candidateDuplicateRatio} (duplicates / (accepted + duplicates)) measures generation waste;
 * {@code exportedDuplicates} is the exporter's check of the exported set, which the gate judges.
 */
public record QualityReport(String jobId, String name, ExampleFormat format, Instant generatedAt, Counts counts,
        Map<String, Long> rejectionReasons, List<ReviewerRejection> reviewerRejections,
        Map<String, Long> duplicatesByMethod, double candidateDuplicateRatio,
        ExportedDuplicates exportedDuplicates,
        Map<String, Long> cells, PlanDistribution plan, Map<String, ScoreDistribution> judgeScores, Tokens tokens,
        Lengths lengths, List<PromptCount> systemPrompts, MultiTurn multiTurn, Diversity diversity, SplitReport split,
        List<FormatFiles> formats, Cost cost, GateResult gate,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) Preference preference) {

    /** The same report with a preference job's pair counts. */
    public QualityReport withPreference(Preference counts) {
        return new QualityReport(jobId, name, format, generatedAt, this.counts, rejectionReasons, reviewerRejections,
                duplicatesByMethod, candidateDuplicateRatio, exportedDuplicates, cells, plan, judgeScores, tokens,
                lengths, systemPrompts, multiTurn, diversity, split, formats, cost, gate, counts);
    }

    /**
     * A preference job's exported pairs ({@code null} for other jobs): how many, how many per failure mode of the
     * rejected side, and the train files of the three shapes.
     */
    public record Preference(long pairs, Map<String, Long> byFailureMode, List<String> files) {
    }

    /** An exported example a reviewer rejected: the reason names who, when and why. */
    public record ReviewerRejection(String candidateId, String cell, String reason) {
    }

    /**
     * Counts per stage. {@code accepted + rejected + duplicates == outcomes}; {@code train + validation + surplus == accepted}.
     */
    public record Counts(long candidatesEmitted, long outcomes, long accepted, long rejected, long duplicates,
            long exported, long train, long validation, long surplus) {
    }

    /**
     * What was exported against what was planned: per cell, per axis value, per complexity level and for multi-turn.
     * Without a plan there is one cell {@code all} with the target as quota and no axes.
     */
    public record PlanDistribution(boolean planned, List<CellRow> cells, Map<String, Map<String, Planned>> axes,
            Map<String, Planned> complexity, Planned multiTurn) {
    }

    public record CellRow(String id, Map<String, String> axes, String complexity, boolean multiTurn, long quota,
            long accepted, long rejected, long duplicates, long exported) {
    }

    public record Planned(long planned, long exported) {
    }

    /** One judge criterion's scores over every judged candidate: how many, the mean, and count per score. */
    public record ScoreDistribution(long count, double mean, int min, int max, Map<Integer, Long> histogram) {
    }

    /**
     * Token counts of the exported examples (whole example, each turn, each turn by role) with the named encoding.
     * These count what the examples say (answers without their traces); {@code reasoning}, for a job with reasoning
     * traces, counts the traces apart ({@code null} otherwise).
     */
    public record Tokens(String encoding, Statistics perExample, Statistics perTurn, Map<String, Statistics> perRole,
            List<Bucket> perExampleHistogram, ReasoningTokens reasoning) {

        public Tokens(String encoding, Statistics perExample, Statistics perTurn, Map<String, Statistics> perRole,
                List<Bucket> perExampleHistogram) {
            this(encoding, perExample, perTurn, perRole, perExampleHistogram, null);
        }
    }

    /**
     * Reasoning traces of the exported examples: how many, their tokens per trace and per example, and their share of
     * all the examples' tokens (traces and the rest together).
     */
    public record ReasoningTokens(long traces, Statistics perTrace, Statistics perExample, double share) {
    }

    /** Examples with {@code from <= tokens < to}. */
    public record Bucket(long from, long to, long count) {
    }

    /** Mean lengths of the user and assistant turns of the exported examples. */
    public record Lengths(TurnLengths user, TurnLengths assistant) {
    }

    public record TurnLengths(long turns, double meanChars, double meanTokens) {
    }

    /** A distinct system prompt ({@code null} when examples carry none) and how many exported examples use it. */
    public record PromptCount(String prompt, long examples) {
    }

    /** Exported examples with more than one user turn. */
    public record MultiTurn(long examples, double share) {
    }

    /**
     * Semantic diversity: {@code score = 1 - meanNearestSimilarity} over the exported examples for which dedup
     * measured the similarity to their nearest earlier accepted example; {@code null} when it measured none.
     */
    public record Diversity(Double score, Double meanNearestSimilarity, long examplesMeasured) {
    }

    /**
     * How the split was made: the seed, the similarity from which examples are kept together, the groups that made,
     * and how close validation comes to train. {@code largestCrossSplitSimilarity} is the largest semantic
     * similarity dedup reported for a pair across the split ({@code null}: none reported; see {@code note}).
     * {@code largestCrossSplitLexicalSimilarity} is the largest word 3-shingle Jaccard similarity over every
     * validation-train pair, measured here, with the pair ({@code null} when a side is empty or there are too many
     * pairs).
     */
    public record SplitReport(long seed, double validationRatio, double relatedThreshold, boolean similaritiesKnown,
            long relatedPairs, long groups, long largestGroup, long crossSplitPairs, Double largestCrossSplitSimilarity,
            Double largestCrossSplitLexicalSimilarity, String closestLexicalPair, long pairsCompared, String note) {

        /** The largest validation-train similarity in words, for the human-readable reports. */
        public String largestCrossSplitSimilarityText() {
            String semantic = largestCrossSplitSimilarity != null
                    ? String.format(java.util.Locale.ROOT, "%.3f (semantic, a related pair dedup reported)",
                            largestCrossSplitSimilarity)
                    : similaritiesKnown ? "semantic: below dedup's related threshold (no related pair crosses the split)"
                            : "semantic: unknown (dedup reported no similarities)";
            String lexical = largestCrossSplitLexicalSimilarity == null
                    ? "lexical: not measured (" + pairsCompared + " pairs)"
                    : String.format(java.util.Locale.ROOT, "lexical %.3f (word 3-shingle Jaccard over all %d pairs,"
                            + " closest %s)", largestCrossSplitLexicalSimilarity, pairsCompared, closestLexicalPair);
            return semantic + "; " + lexical;
        }
    }

    /** The files of one format and how many examples could not be converted into it (with the first reason). */
    public record FormatFiles(ExampleFormat format, String trainFile, String validationFile, long train,
            long validation, long notConvertible, String firstProblem) {

        /** Files a trainer can load: a config pointing at empty files (a tool job's Alpaca) only fails there. */
        public boolean holdsExamples() {
            return train + validation > 0;
        }
    }

    /**
     * What the job cost, and beside it the estimate the user approved with the plan ({@code estimatedUsd}, null
     * without one) and {@code estimateError} = actual / estimate - 1.
     */
    public record Cost(double generationUsd, double judgeUsd, double totalUsd, double perAcceptedExampleUsd,
            double perExportedExampleUsd, Double estimatedUsd, Double estimateError) {

        public Cost(double generationUsd, double judgeUsd, double totalUsd, double perAcceptedExampleUsd,
                double perExportedExampleUsd) {
            this(generationUsd, judgeUsd, totalUsd, perAcceptedExampleUsd, perExportedExampleUsd, null, null);
        }
    }
}
