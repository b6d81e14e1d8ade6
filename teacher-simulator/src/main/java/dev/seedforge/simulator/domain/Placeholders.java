package dev.seedforge.simulator.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Holds replacement values behind opaque markers while a text is being rewritten, so that one substitution (a new
 * title, a shifted date) is never rewritten again by a later one.
 */
final class Placeholders {

    private static final char OPEN = '\u0001';
    private static final char CLOSE = '\u0002';
    private static final Pattern MARKER = Pattern.compile(OPEN + "(\\d+)" + CLOSE);

    private final List<String> values = new ArrayList<>();

    String hold(String value) {
        values.add(value);
        return OPEN + String.valueOf(values.size() - 1) + CLOSE;
    }

    /** Every match of {@code pattern} replaced by a held value computed from it ({@code null} keeps the match). */
    String replaceAll(String text, Pattern pattern, Function<Matcher, String> replacement) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = replacement.apply(matcher);
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? matcher.group() : hold(value)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    String expand(String text) {
        String current = text;
        for (int round = 0; round < 4 && current.indexOf(OPEN) >= 0; round++) {
            Matcher matcher = MARKER.matcher(current);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                matcher.appendReplacement(out, Matcher.quoteReplacement(values.get(Integer.parseInt(matcher.group(1)))));
            }
            matcher.appendTail(out);
            current = out.toString();
        }
        return current;
    }
}
