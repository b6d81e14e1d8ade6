package dev.seedforge.simulator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
