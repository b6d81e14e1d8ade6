package dev.seedforge.simulator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

class TokenCounterTest {

    private static final Encoding O200K = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    private final TokenCounter counter = new TokenCounter();

    @Test
    void countsLikeTheGpt4oTokenizer() {
        String text = "Created task: 'Review quarterly budget' | Priority: high | Due: 2025-01-17 (Friday)";
        assertEquals(O200K.countTokens(text), counter.count(text));
        assertEquals(4, counter.count("Hello, world!"));
        assertEquals(0, counter.count(""));
    }

    @Test
    void promptTokensAddThePerMessageOverhead() {
        List<Turn> messages = List.of(new Turn("system", "You write training examples."),
                new Turn("user", "Create a task to renew my passport"));
        int expected = 3
                + 3 + O200K.countTokens("system") + O200K.countTokens("You write training examples.")
                + 3 + O200K.countTokens("user") + O200K.countTokens("Create a task to renew my passport");
        assertEquals(expected, counter.countPrompt(messages));
    }

    @Test
    void truncatesToTheTokenLimit() {
        String text = "{\"examples\":[{\"messages\":[{\"role\":\"user\",\"content\":\"Mark task 4 as done\"}]}]}";
        String cut = counter.truncate(text, 5);
        assertEquals(5, counter.count(cut));
        assertTrue(text.startsWith(cut));
        assertEquals(text, counter.truncate(text, 1000));
    }
}
