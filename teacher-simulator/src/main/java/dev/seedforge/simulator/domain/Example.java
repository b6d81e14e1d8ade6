package dev.seedforge.simulator.domain;

import java.util.List;

/** A conversation used as a seed or produced as a generated example: {@code {"messages": [...]}}. */
public record Example(List<Turn> messages) {

    public Example {
        messages = List.copyOf(messages);
    }
}
