package dev.seedforge.generator.domain;

import java.util.List;

/** The two messages of one teacher call, the seeds they show, and a hash that identifies the call's content. */
public record GenerationPrompt(String system, String user, List<Integer> seedsUsed, int count, double temperature,
        String hash) {

    public GenerationPrompt {
        seedsUsed = List.copyOf(seedsUsed);
    }
}
