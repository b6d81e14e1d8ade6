package dev.seedforge.simulator.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewords user requests with a table of interchangeable openers and verbs ("Create a task" / "Add a task", "Delete" /
 * "Remove", "as complete" / "as done"...) plus light variation of punctuation and capitalisation, the way different
 * people phrase the same request.
 */
public final class Paraphraser {

    /** Where a phrase may be swapped: anywhere, or only where a clause starts (verbs that are also nouns). */
    private enum Position {
        ANYWHERE,
        CLAUSE_START,
        SENTENCE_START
    }

    private record Group(Position position, List<String> phrases) {
    }

    private static final List<Group> GROUPS = List.of(
            new Group(Position.ANYWHERE, List.of("Create a task", "Add a task", "Make a new task", "Please create a task",
                    "Create a new task", "Add a new task", "Set up a task")),
            new Group(Position.SENTENCE_START, List.of("Can you", "Could you", "Please", "Would you")),
            new Group(Position.CLAUSE_START, List.of("Delete", "Remove", "Get rid of")),
            new Group(Position.CLAUSE_START, List.of("Show me", "List", "Display", "Give me")),
            new Group(Position.CLAUSE_START, List.of("Update", "Change", "Modify")),
            new Group(Position.ANYWHERE, List.of("as complete", "as done", "as completed", "as finished")),
            new Group(Position.ANYWHERE, List.of("I need to", "I have to", "I've got to")),
            new Group(Position.ANYWHERE, List.of("Remind me to", "Add a reminder to")),
            new Group(Position.ANYWHERE, List.of("all my tasks", "all of my tasks", "all tasks")),
            new Group(Position.SENTENCE_START, List.of("Thanks", "Thank you", "Cheers")));

    private static final String CLAUSE_START = "(?:^|(?<=[.!?,;:]\\s)|(?<=\\n)|(?<=(?i:you|please|and|then|also)\\s))";
    private static final String SENTENCE_START = "(?:^|(?<=[.!?]\\s)|(?<=\\n))";
    private static final Pattern QUESTION_OPENER = Pattern.compile("^(?i:can|could|would|will) you\\b");
    private static final Pattern SENTENCE_END = Pattern.compile("[.?!](?=\\s|$)");
    private static final Pattern PLEASE_OPENER = Pattern.compile("^(?i:please)\\b");

    private final Pattern pattern;
    private final Map<String, Group> groupOf = new HashMap<>();

    public Paraphraser() {
        StringBuilder regex = new StringBuilder();
        for (Position position : Position.values()) {
            List<String> phrases = new ArrayList<>();
            for (Group group : GROUPS) {
                if (group.position() == position) {
                    for (String phrase : group.phrases()) {
                        groupOf.put(phrase.toLowerCase(Locale.ROOT), group);
                        phrases.add(phrase);
                    }
                }
            }
            phrases.sort(Comparator.comparingInt(String::length).reversed());
            String anchor = switch (position) {
                case ANYWHERE -> "(?<![\\p{L}\\p{N}'])";
                case CLAUSE_START -> CLAUSE_START;
                case SENTENCE_START -> SENTENCE_START;
            };
            if (!regex.isEmpty()) {
                regex.append('|');
            }
            regex.append(anchor).append("(?:")
                    .append(String.join("|", phrases.stream().map(Pattern::quote).toList()))
                    .append(')');
        }
        this.pattern = Pattern.compile("(?:" + regex + ")(?![\\p{L}\\p{N}'])", Pattern.CASE_INSENSITIVE);
    }

    /** Swaps each known phrase for another of its group (each with probability 0.7) and varies the punctuation. */
    public String paraphrase(String text, SplittableRandom random) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String matched = matcher.group();
            Group group = groupOf.get(matched.toLowerCase(Locale.ROOT));
            String replacement = matched;
            if (group != null && random.nextDouble() < 0.7) {
                List<String> others = group.phrases().stream()
                        .filter(p -> !p.equalsIgnoreCase(matched))
                        .toList();
                replacement = matchCase(matched, others.get(random.nextInt(others.size())));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return lightVariation(out.toString(), random);
    }

    /** Punctuation and first-letter casing varied, questions ending in "?" and requests with "please" not. */
    public String lightVariation(String text, SplittableRandom random) {
        String result = text;
        String trimmed = result.stripTrailing();
        if (!trimmed.isEmpty() && !trimmed.contains("\n")) {
            char last = trimmed.charAt(trimmed.length() - 1);
            if (last == '.' && random.nextDouble() < 0.35) {
                result = trimmed.substring(0, trimmed.length() - 1);
            } else if (Character.isLetterOrDigit(last) && random.nextDouble() < 0.25) {
                result = trimmed + ".";
            } else if (last == '.' && random.nextDouble() < 0.1) {
                result = trimmed.substring(0, trimmed.length() - 1) + "!";
            }
        }
        result = fixQuestionMark(result);
        if (!result.isEmpty() && Character.isUpperCase(result.charAt(0)) && random.nextDouble() < 0.12
                && !startsWithAcronymOrI(result)) {
            result = Character.toLowerCase(result.charAt(0)) + result.substring(1);
        }
        return result;
    }

    /** The first sentence ends in "?" when it opens with "Can you", and not when it opens with "Please". */
    private static String fixQuestionMark(String text) {
        Matcher end = SENTENCE_END.matcher(text);
        if (!end.find()) {
            return text;
        }
        int at = end.start();
        char mark = text.charAt(at);
        String sentence = text.substring(0, at);
        if (QUESTION_OPENER.matcher(sentence).find() && (mark == '.' || mark == '!')) {
            return sentence + "?" + text.substring(at + 1);
        }
        if (PLEASE_OPENER.matcher(sentence).find() && mark == '?') {
            return sentence + "." + text.substring(at + 1);
        }
        return text;
    }

    private static boolean startsWithAcronymOrI(String text) {
        int end = 0;
        while (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
            end++;
        }
        String firstWord = text.substring(0, end);
        return firstWord.equals("I") || firstWord.length() > 1 && firstWord.equals(firstWord.toUpperCase(Locale.ROOT));
    }

    /** The replacement in the casing of the original word: lower, Capitalised or UPPER. */
    static String matchCaseFully(String original, String replacement) {
        if (original.length() > 1 && original.equals(original.toUpperCase(Locale.ROOT))) {
            return replacement.toUpperCase(Locale.ROOT);
        }
        return matchCase(original, replacement);
    }

    static String matchCase(String original, String replacement) {
        if (original.isEmpty() || replacement.isEmpty()) {
            return replacement;
        }
        boolean upper = Character.isUpperCase(original.charAt(0));
        String first = upper ? replacement.substring(0, 1).toUpperCase(Locale.ROOT)
                : replacement.startsWith("I ") || replacement.startsWith("I'") ? "I"
                        : replacement.substring(0, 1).toLowerCase(Locale.ROOT);
        return first + replacement.substring(1);
    }
}
