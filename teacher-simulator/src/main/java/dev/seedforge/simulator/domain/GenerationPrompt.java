package dev.seedforge.simulator.domain;

import java.util.List;

/**
 * What a generation request asks for: the seeds to imitate, how many examples, the free-text directives and the plan
 * cell read from them, tool definitions, an example to evolve, and the message shape the response schema wants.
 */
public record GenerationPrompt(List<Example> seeds, int count, String directives, CellDirectives cell,
        List<ToolConversations.Tool> tools, Example toEvolve, MessageShape shape) {

    public GenerationPrompt {
        seeds = List.copyOf(seeds);
        tools = tools == null ? List.of() : List.copyOf(tools);
        cell = cell == null ? CellDirectives.NONE : cell;
        shape = shape == null ? MessageShape.PLAIN : shape;
    }

    public GenerationPrompt(List<Example> seeds, int count, String directives) {
        this(seeds, count, directives, CellDirectives.parse(directives), List.of(), null, MessageShape.PLAIN);
    }
}
