package dev.seedforge.generator.domain;

import java.util.List;

/**
 * The two messages of one teacher call for one plan cell, the seeds they show, and a hash that identifies the call's
 * content (the key of the response cache).
 */
public record GenerationPrompt(String cellId, long callSequence, String system, String user, List<Integer> seedsUsed, int count,
        double temperature, boolean withTools, String hash) {

    public GenerationPrompt {
        seedsUsed = List.copyOf(seedsUsed);
    }
}
