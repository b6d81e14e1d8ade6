package dev.seedforge.exporter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.ToolCall;

class TokenCounterTest {

    private final TokenCounter tokens = TokenCounter.o200k();

    @Test
    void countsWithTheO200kEncoding() {
        assertEquals("o200k_base", tokens.encodingName());
        assertEquals(2, tokens.count("hello world"));
        assertEquals(0, tokens.count(""));
        assertEquals(0, tokens.count((String) null));
    }

    @Test
    void specialTokenTextIsCountedAsOrdinaryText() {
        assertTrue(tokens.count("<|endoftext|>") > 1);
    }

    @Test
    void aTurnCountsItsContentAndToolCalls() {
        ChatTurn call = new ChatTurn(ChatTurn.ASSISTANT, "hello world",
                List.of(new ToolCall("call_1", "hello", "world")), null);
        assertEquals(4, tokens.count(call));
    }
}
