package dev.seedforge.contracts.tokens;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.ToolCall;

class TokenCounterTest {

    private static final Encoding O200K = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    private final TokenCounter counter = TokenCounter.o200k();

    private record Message(String role, String content) implements TokenCounter.Message {
    }

    @Test
    void countsLikeTheGpt4oTokenizer() {
        assertEquals("o200k_base", counter.encodingName());
        String text = "Created task: 'Review quarterly budget' | Priority: high | Due: 2025-01-17 (Friday)";
        assertEquals(O200K.countTokens(text), counter.count(text));
        assertEquals(4, counter.count("Hello, world!"));
        assertEquals(2, counter.count("hello world"));
        assertEquals(6, counter.count("Created task: 'x'"));
        assertEquals(0, counter.count(""));
        assertEquals(0, counter.count((String) null));
        assertArrayEquals(O200K.encodeOrdinary(text).toArray(), counter.tokens(text));
    }

    @Test
    void longTextsCountedAgainGiveTheirOwnCountsWhileTheMemoFillsAndEmpties() {
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 1200; i++) {
                // same length, different content: a memo keyed by anything but the text would mix them up
                String text = ("word%05d ".formatted(i)).repeat(40 + i % 7) + (i % 2 == 0 ? "even" : "odd!");
                assertEquals(O200K.countTokensOrdinary(text), counter.count(text), "text " + i);
            }
        }
    }

    @Test
    void aLongTextCountedTwiceIsMemoizedAndTextsCountedOnceDoNotPushItOut() {
        String prompt = "You write training examples for a task assistant. ".repeat(12) + System.nanoTime();
        counter.count(prompt);
        assertFalse(TokenCounter.memoized(prompt), "a text counted once is not kept");
        counter.count(prompt);
        assertTrue(TokenCounter.memoized(prompt), "counted twice, it is kept");
        for (int i = 0; i < 2000; i++) {
            String answer = ("answer %d of many, each different. ".formatted(i)).repeat(10);
            assertEquals(O200K.countTokensOrdinary(answer), counter.count(answer));
        }
        assertTrue(TokenCounter.memoized(prompt), "2,000 texts counted once each left the repeated prompt in the memo");
        assertEquals(O200K.countTokensOrdinary(prompt), counter.count(prompt));
    }

    @Test
    void aLongTextTokenizedTwiceIsMemoizedAndEachCallerGetsItsOwnCopy() {
        String prompt = "You write training examples for a support desk. ".repeat(12) + System.nanoTime();
        int[] expected = O200K.encodeOrdinary(prompt).toArray();
        assertArrayEquals(expected, counter.tokens(prompt));
        assertFalse(TokenCounter.tokensMemoized(prompt), "a text tokenized once is not kept");
        int[] second = counter.tokens(prompt);
        assertTrue(TokenCounter.tokensMemoized(prompt), "tokenized twice, it is kept");
        second[0] = -1;
        assertArrayEquals(expected, counter.tokens(prompt), "a caller's change to its ids never reaches the memo");
        String shortText = "Renew my passport, please.";
        assertArrayEquals(O200K.encodeOrdinary(shortText).toArray(), counter.tokens(shortText));
    }

    @Test
    void specialTokenTextIsCountedAsOrdinaryText() {
        assertTrue(counter.count("<|endoftext|>") > 1);
    }

    @Test
    void aTurnCountsItsContentAndToolCalls() {
        ChatTurn call = new ChatTurn(ChatTurn.ASSISTANT, "hello world",
                List.of(new ToolCall("call_1", "hello", "world")), null);
        assertEquals(4, counter.count(call));
    }

    @Test
    void promptTokensAddThePerMessageOverhead() {
        List<Message> messages = List.of(new Message("system", "You write training examples."),
                new Message("user", "Create a task to renew my passport"));
        int expected = 3
                + 3 + O200K.countTokens("system") + O200K.countTokens("You write training examples.")
                + 3 + O200K.countTokens("user") + O200K.countTokens("Create a task to renew my passport");
        assertEquals(expected, counter.countPrompt(messages));
        assertEquals(expected, counter.countPrompt("You write training examples.", "Create a task to renew my passport"));
    }

    @Test
    void truncatesToTheTokenLimit() {
        String text = "{\"examples\":[{\"messages\":[{\"role\":\"user\",\"content\":\"Mark task 4 as done\"}]}]}";
        String cut = counter.truncate(text, 5);
        assertEquals(5, counter.count(cut));
        assertTrue(text.startsWith(cut));
        assertEquals(text, counter.truncate(text, 1000));
    }

    @Test
    void theBoundIsNeverBelowTheCount() {
        for (String text : List.of("", "a", "hello world", "日本語のテキスト", "🙂🙂🙂", "{\"a\":[1,2,3]}", "é ü ñ ø",
                "x\u0301\u0302\u0303", "\uD83D", "ab\uDE42cd", "🙂a🙂b", "\u0000\u007f\u0080\u07ff\u0800\uffff")) {
            assertTrue(TokenCounter.atMost(text) >= counter.count(text), text);
            if (!text.contains("\uD83D") && !text.contains("\uDE42c")) { // a lone surrogate has no UTF-8 of its own
                assertEquals(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, TokenCounter.atMost(text),
                        text);
            }
        }
        assertEquals(0, TokenCounter.atMost(null));
        // the UTF-8 bytes: one per ASCII char, two for é, three for 日, four for 🙂
        assertEquals(2, TokenCounter.atMost("ab"));
        assertEquals(2 + 3 + 4, TokenCounter.atMost("é日🙂"));
    }
}
