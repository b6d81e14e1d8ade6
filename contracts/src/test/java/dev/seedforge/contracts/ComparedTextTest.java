package dev.seedforge.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ComparedTextTest {

    private final Conversation conversation = new Conversation(List.of(ChatTurn.of("system", "Be brief."),
            ChatTurn.of("user", "Weather in Oslo?"),
            new ChatTurn("assistant", null, List.of(new ToolCall("call_1", "weather", "{\"city\":\"Oslo\"}")), null),
            new ChatTurn("tool", "{\"c\": 3}", List.of(), "call_1"), ChatTurn.of("assistant", "3 degrees."),
            ChatTurn.of("user", "Thanks!"), ChatTurn.of("assistant", "You're welcome.")));

    @Test
    void userTextIsEveryUserTurn() {
        assertEquals("Weather in Oslo?\nThanks!", ComparedText.USER.of(conversation));
    }

    @Test
    void assistantTextIsEveryAssistantReply() {
        assertEquals("3 degrees.\nYou're welcome.", ComparedText.ASSISTANT.of(conversation));
    }

    @Test
    void wholeTextKeepsRolesAndToolCallsButNotTheSystemPrompt() {
        assertEquals("user: Weather in Oslo?\nassistant:  weather({\"city\":\"Oslo\"})\n"
                + "tool: {\"c\": 3}\nassistant: 3 degrees.\nuser: Thanks!\nassistant: You're welcome.",
                ComparedText.WHOLE.of(conversation));
    }

    @Test
    void aJobNamesItsComparedTextInLowerCaseAndAnUnknownNameIsRefused() {
        assertEquals(ComparedText.WHOLE, ComparedText.named(" whole", ComparedText.USER));
        assertEquals(ComparedText.USER, ComparedText.named(null, ComparedText.USER));
        IllegalArgumentException wrong = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ComparedText.named("everything", ComparedText.USER));
        assertEquals("dedup.compare must be user, assistant or whole, got everything", wrong.getMessage());
    }

    @Test
    void aReasoningTraceNeverCounts() {
        List<ChatTurn> plain = List.of(ChatTurn.of(ChatTurn.USER, "What is 6 times 7?"),
                ChatTurn.of(ChatTurn.ASSISTANT, "Answer: 42"));
        List<ChatTurn> traced = List.of(plain.get(0), plain.get(1).withReasoning("Six sevens are forty-two."));
        List<ChatTurn> inline = ExampleFormat.SHAREGPT.turns(dev.seedforge.contracts.format.Reasoning.written(
                ExampleFormat.SHAREGPT, ExampleFormat.SHAREGPT.render(traced), ReasoningSpec.Mode.INLINE, null));
        for (ComparedText mode : ComparedText.values()) {
            assertEquals(mode.of(plain), mode.of(traced), mode.id());
            assertEquals(mode.of(plain), mode.of(inline), mode.id() + ", read back from an inline trace");
        }
    }
}
