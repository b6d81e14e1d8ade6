package dev.seedforge.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ChatTurnTest {

    private static final ChatTurn CALL = new ChatTurn(ChatTurn.ASSISTANT, null,
            List.of(new ToolCall("c1", "lookup", "{}")), null);

    @Test
    void theFinalReplyIsTheLastAssistantTurnWithWords() {
        List<ChatTurn> called = List.of(ChatTurn.of(ChatTurn.USER, "where is 12?"), CALL,
                new ChatTurn(ChatTurn.TOOL, "shipped", List.of(), "c1"), ChatTurn.of(ChatTurn.ASSISTANT, "Shipped."));
        assertEquals(3, ChatTurn.finalReplyIndex(called));
        List<ChatTurn> twoReplies = List.of(ChatTurn.of(ChatTurn.USER, "hi"), ChatTurn.of(ChatTurn.ASSISTANT, "Hello"),
                ChatTurn.of(ChatTurn.USER, "bye"), ChatTurn.of(ChatTurn.ASSISTANT, "Bye"),
                ChatTurn.of(ChatTurn.ASSISTANT, "  "));
        assertEquals(3, ChatTurn.finalReplyIndex(twoReplies));
    }

    @Test
    void aCallAloneIsNoReply() {
        assertEquals(-1, ChatTurn.finalReplyIndex(List.of(ChatTurn.of(ChatTurn.USER, "where is 12?"), CALL)));
        assertEquals(-1, ChatTurn.finalReplyIndex(List.of()));
    }
}
