package dev.seedforge.simulator.domain;

import java.util.List;

/** What a generation request asks for: the seeds to imitate, how many examples, and any free-text directives. */
public record GenerationPrompt(List<Example> seeds, int count, String directives) {

    public GenerationPrompt {
        seeds = List.copyOf(seeds);
    }
}
