package dev.seedforge.simulator.domain;

import java.util.List;

/**
 * A conversation used as a seed or produced as a generated example: {@code {"messages": [...]}}. {@code tools} are
 * the tools it declares itself ({@code tool_lists: per example}, Glaive's {@code tools} column); none otherwise,
 * where the job's one list applies.
 */
public record Example(List<Turn> messages, List<ToolConversations.Tool> tools) {

    public Example {
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    public Example(List<Turn> messages) {
        this(messages, List.of());
    }

    public Example withTools(List<ToolConversations.Tool> newTools) {
        return new Example(messages, newTools);
    }
}
