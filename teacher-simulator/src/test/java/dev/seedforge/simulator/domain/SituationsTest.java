package dev.seedforge.simulator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class SituationsTest {

    /** "We mostly sell watchs" read as a typo no teacher makes. */
    @Test
    void aProductsPluralIsWrittenAsEnglishWritesIt() {
        assertEquals("watches", Situations.plural("Watch"));
        assertEquals("boxes", Situations.plural("box"));
        assertEquals("brushes", Situations.plural("brush"));
        assertEquals("batteries", Situations.plural("battery"));
        assertEquals("keys", Situations.plural("key"));
        assertEquals("shoes", Situations.plural("shoes"));
        assertEquals("chairs", Situations.plural("chair"));
    }

    /** "Normally I handle rappelling events, so correct is new territory for me": an adjective taken for a topic. */
    @Test
    void aTaskTopicIsANounThatEndsItsPhraseNotTheAdjectiveBeforeOne() {
        assertEquals(List.of("refunds", "invoices"), Situations.taskWords(
                "Diverse tasks a person might ask an assistant. Each example is one instruction, a correct output"
                        + " and a short note about refunds, or the invoices of a small e-commerce company."));
    }
}
