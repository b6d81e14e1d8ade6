package dev.seedforge.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    private final TextNormalizer normalizer = new TextNormalizer();

    @Test
    void fullWidthLettersAndDigitsBecomeAscii() {
        assertEquals("hello world 2024", normalizer.normalize("ＨＥＬＬＯ　ｗｏｒｌｄ　２０２４"));
    }

    @Test
    void compatibilityFormsFold() {
        assertEquals("file office", normalizer.normalize("ﬁle ofﬁce"));
        assertEquals("x2", normalizer.normalize("x²"));
        assertEquals("你是谁?", normalizer.normalize("你是谁？"));
    }

    @Test
    void caseIsFolded() {
        assertEquals("write a haiku about rain.", normalizer.normalize("Write A HAIKU about Rain."));
        assertEquals(normalizer.normalize("STRASSE"), normalizer.normalize("straße"));
        assertEquals(normalizer.normalize("ΟΔΟΣ"), normalizer.normalize("οδος"));
        assertEquals(normalizer.normalize("οδοσ"), normalizer.normalize("οδος"));
    }

    @Test
    void whitespaceIsCollapsedAndTrimmed() {
        assertEquals("a b c", normalizer.normalize("  a\t\tb\n\r\n c \u00a0"));
        assertEquals("a b", normalizer.normalize("a\u2003\u2009b"));
        assertEquals("", normalizer.normalize(" \n\t "));
        assertEquals("", normalizer.normalize(null));
    }

    @Test
    void differentWordsStayDifferent() {
        assertNotEquals(normalizer.normalize("Describe the color yellow."),
                normalizer.normalize("Describe the color yellow!"));
        assertNotEquals(normalizer.normalize("résumé"), normalizer.normalize("resume"));
    }

    @Test
    void composedAndDecomposedAccentsAreEqual() {
        assertEquals(normalizer.normalize("caf\u00e9"), normalizer.normalize("cafe\u0301"));
    }
}
