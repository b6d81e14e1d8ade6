package dev.seedforge.simulator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ExampleWriterMentionsTest {

    @Test
    void aValueIsMentionedWhenEachOfItsWordsStartsAWordOfTheText() {
        assertTrue(ExampleWriter.mentions("My warranty claim was refused.", "warranty claims"));
        assertTrue(ExampleWriter.mentions("(Warranty) and claims.", "warranty claims"), "after punctuation, any case");
        assertTrue(ExampleWriter.mentions("Café résumé", "résumé"), "letters beyond ASCII");
    }

    @Test
    void aStemInsideAWordOrAMissingWordIsNoMention() {
        assertFalse(ExampleWriter.mentions("Our nonwarranty items", "warranty"), "inside a word");
        assertFalse(ExampleWriter.mentions("My warranty was refused.", "warranty claims"), "one word of two missing");
        assertFalse(ExampleWriter.mentions("élan", "lan"), "after a letter beyond ASCII");
    }

    @Test
    void aValueOfShortWordsOnlyIsMentionedWhenItShowsWhole() {
        assertTrue(ExampleWriter.mentions("Plan B it is", "b"));
        assertFalse(ExampleWriter.mentions("Plan A it is", "b"));
    }

    @Test
    void aPromptWorksOutItsDigestWordsOnce() {
        GenerationPrompt prompt = new GenerationPrompt(List.of(), 1, null, null, List.of(), null, null, null,
                "Answer customers", "You answer customers.", List.of("Where is my Order #42?"), null, false);
        assertEquals(List.of(Set.of("where", "is", "my", "order", "42")), prompt.alreadyHaveWords());
        assertTrue(prompt.alreadyHaveWords() == prompt.alreadyHaveWords(), "the same list, not worked out again");
    }

    @Test
    void aFollowUpNamesAHyphenatedNameWholeAndNoHalfWord() {
        String reference = ExampleWriter.referent(List.of(new Turn(Turn.USER, "Why is my Wi-Fi slow in the evening?"),
                new Turn(Turn.ASSISTANT, "Evenings are peak hours.")), new java.util.SplittableRandom(7));
        assertEquals("Wi-Fi", reference);
        String both = ExampleWriter.referent(List.of(new Turn(Turn.USER, "I sent it to Mary Ann-Smith yesterday")),
                new java.util.SplittableRandom(7));
        assertEquals("Mary Ann-Smith", both);
    }

    @Test
    void aPersonasRoleDropsAParticipleItsObjectWasCutFrom() {
        assertEquals("a visually impaired user", RequestStyler.role(
                "a visually impaired user relying on a screen reader who asks for clear, linear answers"));
        assertEquals("a farmer planning the season",
                RequestStyler.role("a farmer planning the season who mentions dates, weather and quantities"));
        assertEquals("a busy nurse", RequestStyler.role("a busy nurse on a night shift who types short messages"));
        assertEquals("a viking", RequestStyler.role("a viking"), "a word in -ing that was not cut stays");
    }

    /**
     * A short answer made of the data's own words rewrites it ("3 ft = 36 in."): an aside added to its data, as to a
     * labelled review's, would leave the answer wrong ("Posting on behalf of my neighbour. 3 ft = _____ in.").
     */
    @Test
    void aShortRewriteOfTheDataIsNoLabelAndItsDataIsLeftAsWritten() {
        assertTrue(ExampleWriter.isLabel("positive", "I loved the hotel and the staff."));
        assertTrue(ExampleWriter.isLabel("false", "Philadelphia is among the top 20 safest cities in the US."));
        assertFalse(ExampleWriter.isLabel("3 ft = 36 in.", "3 ft = _____ in."));
        assertFalse(ExampleWriter.isLabel("The discovery could change all humankind.",
                "The discovery could change all mankind."));
        Example rewrite = new Example(List.of(new Turn(Turn.USER, "Rewrite the sentence without gendered words.\n\n"
                + "The discovery could change all mankind, said the chairman of the board."),
                new Turn(Turn.ASSISTANT, "The discovery could change all humankind.")));
        for (int seed = 0; seed < 20; seed++) {
            java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
            assertEquals(rewrite, ExampleWriter.labelledData(rewrite, new ValueLibrary(random), 1.0, random));
        }
    }
}
