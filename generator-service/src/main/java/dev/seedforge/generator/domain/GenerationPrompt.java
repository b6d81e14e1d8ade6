package dev.seedforge.generator.domain;

import java.util.List;

import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.PreferenceSpec.FailureMode;

/**
 * The two messages of one teacher call for one plan cell, the seeds they show, a hash that identifies the call's
 * content (the key of the response cache), the format the teacher is asked to answer in, and the token budget of the
 * reasoning trace it writes before each answer (0: no trace asked for), and for a preference job the failure mode
 * each example's rejected answer is asked to show, in order (empty otherwise), whether its messages may name their
 * speakers (OpenAI's {@code name}, when the job's seeds do), and whether each example writes its own tools.
 */
public record GenerationPrompt(String cellId, long callSequence, String system, String user, List<Integer> seedsUsed, int count,
        double temperature, boolean withTools, String hash, ExampleFormat format, int reasoningMaxTokens,
        List<FailureMode> rejectedModes, boolean withNames, boolean toolsPerExample) {

    public GenerationPrompt {
        seedsUsed = List.copyOf(seedsUsed);
        format = format == null ? ExampleFormat.OPENAI : format;
        rejectedModes = rejectedModes == null ? List.of() : List.copyOf(rejectedModes);
    }

    public GenerationPrompt(String cellId, long callSequence, String system, String user, List<Integer> seedsUsed,
            int count, double temperature, boolean withTools, String hash, ExampleFormat format,
            int reasoningMaxTokens, List<FailureMode> rejectedModes, boolean withNames) {
        this(cellId, callSequence, system, user, seedsUsed, count, temperature, withTools, hash, format,
                reasoningMaxTokens, rejectedModes, withNames, false);
    }

    public GenerationPrompt(String cellId, long callSequence, String system, String user, List<Integer> seedsUsed,
            int count, double temperature, boolean withTools, String hash, ExampleFormat format,
            int reasoningMaxTokens, List<FailureMode> rejectedModes) {
        this(cellId, callSequence, system, user, seedsUsed, count, temperature, withTools, hash, format,
                reasoningMaxTokens, rejectedModes, false);
    }

    public GenerationPrompt(String cellId, long callSequence, String system, String user, List<Integer> seedsUsed,
            int count, double temperature, boolean withTools, String hash, ExampleFormat format,
            int reasoningMaxTokens) {
        this(cellId, callSequence, system, user, seedsUsed, count, temperature, withTools, hash, format,
                reasoningMaxTokens, List.of());
    }

    public GenerationPrompt(String cellId, long callSequence, String system, String user, List<Integer> seedsUsed,
            int count, double temperature, boolean withTools, String hash) {
        this(cellId, callSequence, system, user, seedsUsed, count, temperature, withTools, hash, ExampleFormat.OPENAI);
    }

    public GenerationPrompt(String cellId, long callSequence, String system, String user, List<Integer> seedsUsed,
            int count, double temperature, boolean withTools, String hash, ExampleFormat format) {
        this(cellId, callSequence, system, user, seedsUsed, count, temperature, withTools, hash, format, 0);
    }
}
