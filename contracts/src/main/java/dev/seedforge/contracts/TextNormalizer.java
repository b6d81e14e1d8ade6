package dev.seedforge.contracts;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Brings texts that a reader would call the same to one form: Unicode NFKC (full-width letters, ligatures,
 * compatibility spaces), case folded, runs of whitespace collapsed to one space, trimmed; and splits it into the words
 * lexical comparisons count. Dedup's exact match and MinHash and the exporter's gate, split and cross-split figure
 * share it.
 */
public class TextNormalizer {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    /** The one instance; the class keeps no state. */
    public static final TextNormalizer INSTANCE = new TextNormalizer();

    public String normalize(String text) {
        if (text == null) {
            return "";
        }
        String compatible = Normalizer.normalize(text, Normalizer.Form.NFKC);
        // upper then lower folds what lower alone keeps apart (ß and SS, final and medial sigma)
        String folded = compatible.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        String refolded = Normalizer.normalize(folded, Normalizer.Form.NFKC);
        return WHITESPACE.matcher(refolded).replaceAll(" ").strip();
    }

    /**
     * The normalised text's words: runs of letters, digits and combining marks (a Hindi vowel sign belongs to its
     * word). Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Myanmar, Tibetan)
     * give each character, with its marks, as a word of its own, so that shingles over them are character n-grams; a
     * clause of such text taken as one word would make two texts differing in one character share nothing.
     */
    public List<String> words(String text) {
        String normalized = normalize(text);
        List<String> words = new ArrayList<>();
        int start = -1;
        int i = 0;
        while (i < normalized.length()) {
            int codePoint = normalized.codePointAt(i);
            int next = i + Character.charCount(codePoint);
            if (!isWordPart(codePoint)) {
                if (start >= 0) {
                    words.add(normalized.substring(start, i));
                    start = -1;
                }
            } else if (writtenWithoutSpaces(codePoint)) {
                if (start >= 0) {
                    words.add(normalized.substring(start, i));
                    start = -1;
                }
                int end = next;
                while (end < normalized.length() && isMark(normalized.codePointAt(end))) {
                    end += Character.charCount(normalized.codePointAt(end));
                }
                words.add(normalized.substring(i, end));
                next = end;
            } else if (start < 0) {
                start = i;
            }
            i = next;
        }
        if (start >= 0) {
            words.add(normalized.substring(start));
        }
        return words;
    }

    /** A letter, a number of any kind ({@code \p{L}}, {@code \p{N}}) or a combining mark. */
    private static boolean isWordPart(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isLetter(codePoint) || type == Character.DECIMAL_DIGIT_NUMBER
                || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER || isMark(codePoint);
    }

    /** A combining mark: part of the word of the letter before it (an accent, a vowel sign, a tone mark). */
    public static boolean isMark(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static boolean writtenWithoutSpaces(int codePoint) {
        // every script below starts at U+0E00 (Thai): Latin, Cyrillic, Greek, Arabic, Hebrew, Indic text skips the lookup
        if (codePoint < 0x0E00 || isMark(codePoint)) {
            return false;
        }
        return isWrittenWithoutSpaces(Character.UnicodeScript.of(codePoint));
    }

    /** A script written without spaces between words, whose every character {@link #words} counts as a word. */
    public static boolean isWrittenWithoutSpaces(Character.UnicodeScript script) {
        return switch (script) {
            case HAN, HIRAGANA, KATAKANA, THAI, LAO, KHMER, MYANMAR, TIBETAN -> true;
            default -> false;
        };
    }
}
