package dev.seedforge.simulator.domain;

import java.util.List;

/**
 * One generation answer: the examples with what each was meant to be, the JSON content sent back, and whether that
 * content was cut off as if the token limit had been reached.
 */
public record GeneratedBatch(List<Example> examples, List<ExampleKind> kinds, String content, boolean truncated) {

    public GeneratedBatch {
        examples = List.copyOf(examples);
        kinds = List.copyOf(kinds);
    }
}
