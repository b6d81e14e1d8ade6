package dev.seedforge.simulator.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ToneLexiconTest {

    @Test
    void aRegisterIsWrittenInItsVoiceOnlyWhereTheAxisIsAVoice() {
        assertTrue(ToneLexicon.isVoice("register", "business"));
        assertFalse(ToneLexicon.isVoice("domain", "business"), "a business domain is content, not a voice");
        assertTrue(ToneLexicon.isVoice("audience", "angry"), "a mood is a voice on any axis");
        for (long seed = 0; seed < 20; seed++) {
            String opener = ToneLexicon.opener("business", new SplittableRandom(seed));
            assertFalse(opener.contains("feeling business"), opener);
            assertTrue(ToneLexicon.shows("Dear support team, " + opener + " my invoice is wrong.", "business"),
                    opener);
        }
        assertTrue(ToneLexicon.opener("colloquial", new SplittableRandom(1)).length() <= 6, "a casual opener");
        assertFalse(ToneLexicon.shows("Good afternoon. My invoice is wrong.", "relaxed"));
        assertTrue(ToneLexicon.opener("sleepy", new SplittableRandom(1)).contains("feeling sleepy"),
                "a voice this lexicon does not know is said plainly");
    }
}
