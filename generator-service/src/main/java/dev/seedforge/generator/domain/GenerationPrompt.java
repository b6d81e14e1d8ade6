package dev.seedforge.generator.domain;

import java.util.List;

import dev.seedforge.contracts.ExampleFormat;

/**
 * The two messages of one teacher call for one plan cell, the seeds they show, a hash that identifies the call's
 * content (the key of the response cache), and the format the teacher is asked to answer in.
 */
public record GenerationPrompt(String cellId, long callSequence, String system, String user, List<Integer> seedsUsed, int count,
        double temperature, boolean withTools, String hash, ExampleFormat format) {

    public GenerationPrompt {
        seedsUsed = List.copyOf(seedsUsed);
        format = format == null ? ExampleFormat.OPENAI : format;
    }

    public GenerationPrompt(String cellId, long callSequence, String system, String user, List<Integer> seedsUsed,
            int count, double temperature, boolean withTools, String hash) {
        this(cellId, callSequence, system, user, seedsUsed, count, temperature, withTools, hash, ExampleFormat.OPENAI);
    }
}
