package dev.seedforge.contracts;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Brings texts that a reader would call the same to one form: Unicode NFKC (full-width letters, ligatures,
 * compatibility spaces), case folded, runs of whitespace collapsed to one space, trimmed. Dedup's exact match and
 * the exporter's gate and split share it.
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
}
