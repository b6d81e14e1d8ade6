package dev.seedforge.simulator.domain;

import java.util.List;

import dev.seedforge.contracts.tokens.TokenCounter;

/**
 * A request's prompt tokenized once: each message's content tokens and the prompt's count by OpenAI's recipe. The
 * usage, the rate limit and the prompt cache all read it, so the BPE runs over a prompt once per request, not three
 * times.
 */
public record PromptTokens(List<int[]> contents, int count) {

    public static PromptTokens of(TokenCounter tokens, List<Turn> messages) {
        int[][] contents = new int[messages.size()][];
        int[] lengths = new int[messages.size()];
        for (int i = 0; i < contents.length; i++) {
            contents[i] = tokens.tokens(messages.get(i).content());
            lengths[i] = contents[i].length;
        }
        return new PromptTokens(List.of(contents), tokens.countPrompt(messages, lengths));
    }
}
