package dev.seedforge.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.stream.IntStream;

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

    @Test
    void wordsAreRunsOfLettersDigitsAndMarksBetweenTheRest() {
        assertEquals(List.of("name", "3", "primary", "colors", "e", "g", "red"),
                normalizer.words("  Name 3 PRIMARY colors (e.g. red)!"));
        assertEquals(List.of(), normalizer.words(" .,;! "));
        assertEquals(List.of(), normalizer.words(null));
    }

    @Test
    void aHindiWordKeepsItsVowelSigns() {
        // क + ि (a combining vowel sign) + ताब: one word, not three pieces split at the sign
        assertEquals(List.of("किताब", normalizer.normalize("पढ़ो")), normalizer.words("किताब पढ़ो।"));
    }

    @Test
    void scriptsWithoutSpacesGiveOneWordPerCharacter() {
        assertEquals(List.of("我", "的", "订", "单", "sh20231105", "还", "没", "到"),
                normalizer.words("我的订单SH20231105还没到。"));
        assertEquals(List.of("注", "文", "し", "た", "テ", "レ", "ビ"), normalizer.words("注文したテレビ"));
        // a Thai consonant keeps its vowel sign and tone mark: ข + ั + ่, then น
        assertEquals(List.of("\u0e02\u0e31\u0e48", "\u0e19"), normalizer.words("\u0e02\u0e31\u0e48\u0e19"));
    }

    @Test
    void twoChineseTextsDifferingInOneCharacterShareMostWords() {
        List<String> a = normalizer.words("我的订单已经一周了还没有到，请帮我查一下物流。");
        List<String> b = normalizer.words("我的订单已经两周了还没有到，请帮我查一下物流。");
        assertEquals(a.size(), b.size());
        long same = IntStream.range(0, a.size()).filter(i -> a.get(i).equals(b.get(i))).count();
        assertEquals(a.size() - 1, same);
    }
}
