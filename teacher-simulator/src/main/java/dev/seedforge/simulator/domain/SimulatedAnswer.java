package dev.seedforge.simulator.domain;

/**
 * The simulated completion: content, why it stopped ({@code stop} or {@code length}) and its token usage.
 *
 * @param examples how many examples a generation answer holds (0 for other kinds)
 */
public record SimulatedAnswer(RequestKind kind, String content, String finishReason, int promptTokens,
        int completionTokens, int examples) {

    public static final String STOP = "stop";
    public static final String LENGTH = "length";

    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
