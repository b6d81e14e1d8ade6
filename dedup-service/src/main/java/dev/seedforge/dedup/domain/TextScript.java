package dev.seedforge.dedup.domain;

import dev.seedforge.contracts.TextNormalizer;

/**
 * The script a text is mostly written in, which decides the embedding model that may read it. The in-process English
 * model cannot tell sentences of most other scripts apart: over ten distinct support requests each, all-MiniLM-L6-v2's
 * largest cosine was 0.60 in English, 0.57 in German, 0.71 in Russian and Japanese, but 0.85 in Korean, 0.89 in
 * Hindi, 0.90 in Arabic and Greek and 1.0 in Thai (every Thai text the same vector); over 300 distinct Chinese
 * Alpaca demos it put 206 pairs at 0.85 or more.
 */
public enum TextScript {

    /** Latin or Cyrillic letters, or Japanese (kana with kanji): what the in-process English model reads. */
    MAIN,
    /** Mostly Han characters: Chinese, for the model of Chinese texts. */
    HAN,
    /** Mostly another script (Korean, Arabic, Hebrew, Greek, Indic, Thai, ...): no in-process model reads it. */
    OTHER;

    /** Below this code point every letter is Latin (Basic Latin to Latin Extended-B). */
    private static final int LATIN_END = 0x0250;

    /**
     * The script with the most words, counted as {@link TextNormalizer#words} counts them: each character of a script
     * written without spaces ({@link TextNormalizer#isWrittenWithoutSpaces}) a word, each run of other letters one
     * (digits join the run they are in and count for none on their own; marks belong to their letter). Ties go to
     * {@link #MAIN}, then {@link #HAN}: a Chinese request with an order number or a brand in it stays Chinese; Japanese,
     * its kanji among more kana, is {@link #MAIN}; a text with no letters is {@link #MAIN}.
     */
    public static TextScript of(String text) {
        if (text == null) {
            return MAIN;
        }
        int main = 0;
        int han = 0;
        int other = 0;
        TextScript run = null;
        for (int i = 0; i < text.length();) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            if (TextNormalizer.isMark(codePoint)) {
                continue; // a vowel sign or an accent belongs to its letter's word
            }
            if (!Character.isLetter(codePoint)) {
                run = Character.isDigit(codePoint) ? run : null;
                continue;
            }
            Character.UnicodeScript script = codePoint < LATIN_END ? Character.UnicodeScript.LATIN
                    : Character.UnicodeScript.of(codePoint);
            if (TextNormalizer.isWrittenWithoutSpaces(script)) {
                switch (script) {
                    case HAN -> han++;
                    case HIRAGANA, KATAKANA -> main++;
                    default -> other++;
                }
                run = null;
                continue;
            }
            TextScript group = script == Character.UnicodeScript.LATIN || script == Character.UnicodeScript.CYRILLIC
                    || script == Character.UnicodeScript.COMMON ? MAIN : OTHER;
            if (run != group) {
                if (group == MAIN) {
                    main++;
                } else {
                    other++;
                }
            }
            run = group;
        }
        if (main >= han && main >= other) {
            return MAIN;
        }
        return han >= other ? HAN : OTHER;
    }
}
