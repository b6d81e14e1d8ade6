package dev.seedforge.support.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.ValidationRules;
import dev.seedforge.contracts.tokens.TokenCounter;

class JobRulesTest {

    private static List<ChatTurn> chat(String... contents) {
        List<ChatTurn> turns = new java.util.ArrayList<>();
        for (int i = 0; i < contents.length; i++) {
            turns.add(ChatTurn.of(i % 2 == 0 ? ChatTurn.USER : ChatTurn.ASSISTANT, contents[i]));
        }
        return turns;
    }

    private static List<Reason> check(ValidationRules rules, List<ChatTurn> turns) {
        return new JobRules(rules).check(turns);
    }

    @Test
    void patternsAreSearchedAndOnlyTheFinalReplyMustMatch() {
        ValidationRules rules = new ValidationRules(List.of("^Done: \\d+$", "^Error: "), null, null, null, null);
        assertEquals(List.of(), check(rules, chat("a", "whatever", "b", "Done: 42")));
        assertEquals(List.of(), check(rules, chat("a", "Error: no such task, sorry")));
        assertEquals(List.of(new Reason("reply_pattern",
                "the final reply (turn 2) 'Done: forty-two' matches none of the 2 reply_must_match patterns")),
                check(rules, chat("a", "Done: forty-two")));
    }

    @Test
    void forbiddenPatternsAndBannedPhrasesApplyToEveryAssistantTurn() {
        ValidationRules rules = new ValidationRules(null, List.of("(?i)\\bsorry\\b"), null, null,
                List.of("As an AI language model"));
        assertEquals(List.of(new Reason("forbidden_pattern", "turn 2 (assistant) matches the forbidden pattern"
                + " '(?i)\\bsorry\\b'"),
                new Reason("banned_phrase", "turn 4 (assistant) contains the banned phrase 'as an ai language model'")),
                check(rules, chat("a", "Sorry, no.", "b", "AS AN AI LANGUAGE MODEL, I agree.")));
        assertEquals(List.of(), check(rules, chat("As an AI language model, what do you think?", "Fine.")));
    }

    @Test
    void tokenLimitsCountRealTokens() {
        assertEquals(6, TokenCounter.o200k().count("Created task: 'x'"), "o200k_base tokens");
        ValidationRules perTurn = new ValidationRules(null, null, 6, null, null);
        assertEquals(List.of(), check(perTurn, chat("Created task: 'x'", "ok")));
        List<Reason> tooLong = check(perTurn, chat("hello", "Created task: 'Review quarterly budget'"));
        assertEquals(1, tooLong.size());
        assertEquals("turn_too_long", tooLong.get(0).code());
        assertTrue(tooLong.get(0).message().startsWith("turn 2 (assistant) has "), tooLong.toString());
        assertTrue(tooLong.get(0).message().endsWith(" tokens, more than max_tokens_per_turn 6"), tooLong.toString());
        ValidationRules perExample = new ValidationRules(null, null, null, 6, null);
        assertEquals(List.of(new Reason("example_too_long", "the example has 7 tokens, more than"
                + " max_tokens_per_example 6")), check(perExample, chat("one two three", "four five six seven")));
    }

    /** A reply limit holds the assistant's turns only: a summary's long input is not its reply. */
    @Test
    void aReplyLimitHoldsOnlyTheAssistantsTurns() {
        ValidationRules perReply = new ValidationRules(null, null, null, null, null, null, 6);
        String longInput = "Summarize: the council voted five to two to build the new bike lanes next spring.";
        assertEquals(List.of(), check(perReply, chat(longInput, "Bike lanes approved.")));
        List<Reason> tooLong = check(perReply, chat(longInput, "The council approved new bike lanes for spring."));
        assertEquals(1, tooLong.size(), tooLong.toString());
        assertEquals("turn_too_long", tooLong.get(0).code());
        assertTrue(tooLong.get(0).message().startsWith("turn 2 (assistant) has "), tooLong.toString());
        assertTrue(tooLong.get(0).message().endsWith(" tokens, more than max_tokens_per_reply 6"), tooLong.toString());
    }

    @Test
    void anInvalidPatternIsRefusedWhenTheRulesAreCompiled() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new JobRules(new ValidationRules(List.of("(unclosed"), null, null, null, null)));
        assertTrue(e.getMessage().startsWith("rules: invalid regular expression '(unclosed'"), e.getMessage());
    }
}
