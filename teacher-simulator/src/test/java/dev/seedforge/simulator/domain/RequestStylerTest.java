package dev.seedforge.simulator.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class RequestStylerTest {

    private static final Pattern AFTER_A_FRAME = Pattern.compile("(?:, and |, |: )(Solve|solve|Sydney|sydney)\\b");

    /**
     * A request that opens with a verb continues the sentence a role opened ("Being a novelist, solve ..."); a name
     * keeps its capital ("As a tourist, Sydney ...").
     */
    @Test
    void aRequestAfterARoleContinuesItsSentenceAndANameKeepsItsCapital() {
        RequestStyler.Voice voice = new RequestStyler.Voice("a novelist", Map.of(), null, 1.0);
        int verbs = 0;
        int names = 0;
        for (int seed = 0; seed < 200; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            String solve = RequestStyler.style("Solve $2x^2 - 8 = 0$.", voice, true, new ValueLibrary(random), random);
            Matcher m = AFTER_A_FRAME.matcher(solve);
            if (m.find()) {
                verbs++;
                assertTrue(m.group(1).equals("solve"), solve);
            }
            String sydney = RequestStyler.style("Sydney has the best harbour, right?", voice, true,
                    new ValueLibrary(random), random);
            Matcher n = AFTER_A_FRAME.matcher(sydney);
            if (n.find()) {
                names++;
                assertFalse(n.group(1).equals("sydney"), sydney);
            }
        }
        assertTrue(verbs > 0 && names > 0, "no request after a role's comma: " + verbs + ", " + names);
    }

    private static final Pattern CAPITAL_AFTER_AN_OPENER = Pattern.compile(
            "^(?:Okay, so|So,|Right,|Hi,|Hello there,) (?:As|Speaking|Being|We're|We'll|This|Our|It's|Normally|Last)\\b");

    /** "So, As a product designer, write ..." and "Okay, so Speaking as ...": an opener begins the sentence. */
    @Test
    void theSentenceAnOpenerBeganGoesOnInLowerCase() {
        RequestStyler.Voice voice = new RequestStyler.Voice("a product designer", Map.of(), null, 1.0);
        int opened = 0;
        for (int seed = 0; seed < 400; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            String styled = RequestStyler.style("Write a recommendation letter for my student.", voice, true,
                    new ValueLibrary(random), random);
            if (styled.matches("^(?:Okay, so|So,|Right,|Hi,|Hello there,) .*")) {
                opened++;
            }
            assertFalse(CAPITAL_AFTER_AN_OPENER.matcher(styled).find(), styled);
        }
        assertTrue(opened > 10, "openers that go on: " + opened);
    }

    /** "Rearrange the jumbled words to form the correct sentence: The Grocery team ... keeps asking me about ...". */
    @Test
    void nothingComesBetweenARequestsColonAndWhatItIntroduces() {
        RequestStyler.Voice voice = new RequestStyler.Voice("a student", Map.of("tone", "impatient"), null, 1.0);
        RequestStyler.Voice calm = new RequestStyler.Voice("a student", Map.of(), null, 1.0);
        for (int seed = 0; seed < 200; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            for (RequestStyler.Voice v : java.util.List.of(voice, calm)) {
                String styled = RequestStyler.style("Rearrange the jumbled words to form the correct sentence:\n\n"
                        + "sky saw I birds", v, true, new ValueLibrary(random), random);
                assertTrue(styled.endsWith("sentence:\n\nsky saw I birds"), styled);
            }
        }
    }
}
