package dev.seedforge.exporter.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.seedforge.contracts.ExampleFormat;

/**
 * The content of {@code quality_report.json}: every candidate accounted for, what was exported, how long the examples
 * are, what it cost and whether the quality gate passed.
 */
public record QualityReport(String jobId, String name, ExampleFormat format, Instant generatedAt, Counts counts,
        Map<String, Long> rejectionReasons, Map<String, Long> duplicatesByMethod, double duplicateRatio,
        Map<String, Long> cells, Tokens tokens, Lengths lengths, List<PromptCount> systemPrompts,
        MultiTurn multiTurn, Cost cost, GateResult gate) {

    /**
     * Counts per stage. {@code accepted + rejected + duplicates == outcomes}; {@code train + validation + surplus == accepted}.
     */
    public record Counts(long candidatesEmitted, long outcomes, long accepted, long rejected, long duplicates,
            long exported, long train, long validation, long surplus) {
    }

    /** Token counts of the exported examples (whole example, and each turn) with the named encoding. */
    public record Tokens(String encoding, Statistics perExample, Statistics perTurn) {
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

    public record Cost(double generationUsd, double judgeUsd, double totalUsd, double perExportedExampleUsd) {
    }
}
