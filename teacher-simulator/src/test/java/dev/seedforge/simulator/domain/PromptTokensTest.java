package dev.seedforge.simulator.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.tokens.TokenCounter;

class PromptTokensTest {

    private final TokenCounter tokens = TokenCounter.o200k();

    /** Tokenized once, the prompt must still cost what OpenAI's recipe counts, and hold each content's tokens. */
    @Test
    void aPromptTokenizedOnceCountsAsTheRecipeAndKeepsEachContentsTokens() {
        String long1 = "Seed example: a customer asks to move the delivery of order 4512 to Friday. ".repeat(40);
        List<List<Turn>> prompts = List.of(
                List.of(new Turn("user", "hello")),
                List.of(new Turn("system", "You write examples."), new Turn("user", long1)),
                List.of(new Turn("system", ""), new Turn("user", "¿Dónde está mi pedido? 注文はどこ？"),
                        new Turn("assistant", "Let me check."), new Turn("user", long1 + " again")));
        for (List<Turn> messages : prompts) {
            PromptTokens prompt = PromptTokens.of(tokens, messages);
            assertEquals(tokens.countPrompt(messages), prompt.count(), messages.toString());
            assertEquals(messages.size(), prompt.contents().size());
            for (int i = 0; i < messages.size(); i++) {
                assertArrayEquals(tokens.tokens(messages.get(i).content()), prompt.contents().get(i));
            }
        }
    }
}
