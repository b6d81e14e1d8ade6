package dev.seedforge.simulator.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Copies a seed with only trivial changes to its user turns (first-letter case, trailing punctuation, extra
 * whitespace): what a lazy teacher returns, and what near-duplicate detection has to catch.
 */
public final class NearDuplicates {

    private NearDuplicates() {
    }

    public static Example of(Example seed, SplittableRandom random) {
        List<Turn> turns = new ArrayList<>(seed.messages());
        List<Integer> userTurns = new ArrayList<>();
        for (int i = 0; i < turns.size(); i++) {
            if (turns.get(i).isUser() && !turns.get(i).content().isBlank()) {
                userTurns.add(i);
            }
        }
        if (userTurns.isEmpty()) {
            return seed;
        }
        int index = userTurns.get(random.nextInt(userTurns.size()));
        String original = turns.get(index).content();
        String changed = original;
        int changes = 1 + random.nextInt(2);
        for (int c = 0; c < changes; c++) {
            changed = switch (random.nextInt(3)) {
                case 0 -> toggleFirstLetterCase(changed);
                case 1 -> toggleEnding(changed);
                default -> extraWhitespace(changed, random);
            };
        }
        if (changed.equals(original)) {
            changed = toggleEnding(original);
        }
        turns.set(index, turns.get(index).withContent(changed));
        return new Example(turns, seed.tools());
    }

    static String toggleFirstLetterCase(String text) {
        if (text.isEmpty() || !Character.isLetter(text.charAt(0))) {
            return text;
        }
        char first = text.charAt(0);
        char toggled = Character.isUpperCase(first) ? Character.toLowerCase(first) : Character.toUpperCase(first);
        return toggled + text.substring(1);
    }

    /** Drops a trailing '.', '!' or '?' or adds a '.', so the text always changes. */
    static String toggleEnding(String text) {
        String trimmed = text.stripTrailing();
        if (trimmed.isEmpty()) {
            return text + ".";
        }
        char last = trimmed.charAt(trimmed.length() - 1);
        if (last == '.' || last == '!' || last == '?') {
            return trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed + ".";
    }

    static String extraWhitespace(String text, SplittableRandom random) {
        List<Integer> spaces = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ' ') {
                spaces.add(i);
            }
        }
        if (spaces.isEmpty() || random.nextInt(3) == 0) {
            return text + " ";
        }
        int at = spaces.get(random.nextInt(spaces.size()));
        return text.substring(0, at) + " " + text.substring(at);
    }
}
