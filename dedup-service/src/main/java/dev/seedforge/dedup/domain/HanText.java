package dev.seedforge.dedup.domain;

/**
 * Whether a text is mostly Chinese, which decides the embedding model that reads it. The in-process English models
 * cannot tell Chinese sentences apart: all-MiniLM-L6-v2 put "what are your weekend opening hours?" and "who pays
 * for return shipping?" at cosine 0.95, above the duplicate threshold, so a Chinese job lost genuine examples as
 * duplicates.
 */
public final class HanText {

    /** Below this code point no character is Han (the CJK radicals start at U+2E80). */
    private static final int FIRST_CJK = 0x2E80;

    private HanText() {
    }

    /**
     * True when Han characters are at least half of the text's words, counted as
     * {@link dev.seedforge.contracts.TextNormalizer#words} counts them: each Han or kana character a word, each run of
     * other letters or digits one. A Chinese request with an English order number or product name stays Chinese;
     * Japanese, its kanji among more kana, does not.
     */
    public static boolean isMostlyHan(String text) {
        if (text == null || !hasCjk(text)) {
            return false;
        }
        int han = 0;
        int otherWords = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length();) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            Character.UnicodeScript script = codePoint >= FIRST_CJK ? Character.UnicodeScript.of(codePoint) : null;
            if (script == Character.UnicodeScript.HAN) {
                han++;
                inWord = false;
            } else if (script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA) {
                otherWords++;
                inWord = false;
            } else if (Character.isLetterOrDigit(codePoint)) {
                if (!inWord) {
                    otherWords++;
                }
                inWord = true;
            } else {
                inWord = false;
            }
        }
        return han > 0 && han >= otherWords;
    }

    private static boolean hasCjk(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= FIRST_CJK) {
                return true;
            }
        }
        return false;
    }
}
