package dev.seedforge.simulator.domain;

import java.time.DayOfWeek;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The circumstances a user mentions around a request: who else is involved, where, when, for which company, project,
 * budget or customer, what they tried, what the task's own subject means to them. Each sentence is built from one of
 * many shapes and filled with values from the {@link ValueLibrary} (Datafaker) and words of the task's description,
 * so two requests with the same core still differ in what surrounds it, as they would between two real users. The
 * sentences change nothing a reply depends on (no numbers, no instruction).
 */
final class Situations {

    /**
     * A word after an article or a preposition that ends its phrase (punctuation or a function word follows): "a
     * correct output" and "a person might ask" give no topic, where "correct" or "person" would stand in "so correct
     * is new territory for me".
     */
    private static final Pattern NOUN = Pattern.compile(
            "(?i)\\b(?:the|a|an|about|of|for|their|its|your|our|some|with)\\s+(\\p{Ll}{5,})\\b(?=\\s*(?:[,.;:!?)]|$)"
                    + "|\\s+(?:and|or|of|in|for|to|with|that|which|on|at|from|by|is|are|was|were|when|where|who|as"
                    + "|into|about|but|than)\\b)");
    private static final Set<String> STOP = Set.of("about", "above", "after", "again", "against", "their", "there",
            "these", "those", "which", "while", "where", "would", "should", "could", "every", "other", "under",
            "until", "being", "before", "between", "through", "during", "without", "within", "whose", "answer",
            "answers", "train", "trained", "model", "assistant", "asks", "example", "examples", "reply", "replies",
            "writes", "write", "users", "user's", "never", "always", "words", "sentence", "sentences", "plain",
            "calls", "given", "using", "returns", "return", "only", "first", "second", "shows", "short", "brief",
            "briefly", "exactly", "format", "dataset", "label", "labels", "output", "input", "instruction");

    private static final List<Function<Ctx, String>> SHAPES = List.of(
            c -> "We're a small team at " + c.v.company() + " in " + c.city() + ".",
            c -> "This came up while " + c.v.firstName() + " and I were preparing the " + c.month() + " "
                    + c.dept() + " review.",
            c -> "I'm asking for " + c.v.firstName() + " from " + c.dept() + ", who is out until " + c.weekday()
                    + ".",
            c -> "Our " + c.topic() + " work is split between " + c.city() + " and " + c.city() + " these days.",
            c -> "I need to have this ready before the " + c.weekday() + " meeting with " + c.v.company() + ".",
            c -> "It's part of a side project about " + c.hobby() + " I started in " + c.month() + ".",
            c -> "We mostly sell " + c.plural(c.productNoun()) + " and similar goods, to customers in " + c.state()
                    + ".",
            c -> "I'm typing this on the train to " + c.city() + ", so excuse any typos.",
            c -> "We moved our " + c.topic() + " over from " + c.v.company() + " a few months ago.",
            c -> "My manager, " + c.v.firstName() + " " + c.v.lastName() + ", wants a clear answer by " + c.weekday()
                    + ".",
            c -> "Last time we dealt with " + c.topic() + " was back in " + c.month() + ", and " + c.v.firstName()
                    + " still remembers it.",
            c -> "Normally I handle " + c.hobby() + " events, so " + c.topic() + " is new territory for me.",
            c -> "I'm grabbing some " + c.dish() + " between meetings while I sort this out.",
            c -> "We keep track of everything in " + c.app() + " at the moment.",
            c -> "A good share of our " + c.topic() + " contacts in " + c.country() + " could be affected.",
            c -> "This is for the " + c.v.company() + " account, which " + c.v.firstName() + " took over recently.",
            c -> "We'll go over it at " + c.weekday() + "'s stand-up with " + c.v.firstName() + " and "
                    + c.v.firstName() + ".",
            c -> "The " + c.dept() + " team in " + c.city() + " keeps asking me about " + c.topic() + ".",
            c -> "I've read a few posts about " + c.topic() + " but none of them matched our case.",
            c -> "Our office in " + c.city() + " closes early on " + c.weekday() + "s, hence the rush.",
            c -> "It's my first month doing " + c.topic() + " at " + c.v.company() + ".",
            c -> "A colleague from " + c.country() + " recommended asking here.",
            c -> "We're a small shop run by " + c.v.firstName() + " and " + c.v.lastName() + "'s family.",
            c -> "Budget-wise, " + c.topic() + " has to come out of the " + c.dept().toLowerCase(Locale.ROOT)
                    + " team's money this quarter.",
            c -> "I tried figuring it out with " + c.v.firstName() + " over " + c.dish().toLowerCase(Locale.ROOT)
                    + " yesterday, without luck.");

    private Situations() {
    }

    /** One sentence of circumstances for a request of the task whose description is {@code task}. */
    static String sentence(ValueLibrary values, List<String> taskWords, SplittableRandom random) {
        Ctx ctx = new Ctx(values, taskWords, random);
        return SHAPES.get(random.nextInt(SHAPES.size())).apply(ctx);
    }

    /** {@code count} sentences of circumstances, each of a different kind. */
    static List<String> sentences(ValueLibrary values, List<String> taskWords, int count, SplittableRandom random) {
        return ofDistinctShapes(SHAPES, new Ctx(values, taskWords, random), count, random);
    }

    /** {@code count} sentences of as many different shapes (never two of one kind), filled from {@code values}. */
    static <V> List<String> ofDistinctShapes(List<Function<V, String>> shapes, V values, int count,
            SplittableRandom random) {
        List<Integer> chosen = new ArrayList<>();
        while (chosen.size() < Math.min(count, shapes.size())) {
            int shape = random.nextInt(shapes.size());
            if (!chosen.contains(shape)) {
                chosen.add(shape);
            }
        }
        return chosen.stream().map(shape -> shapes.get(shape).apply(values)).toList();
    }

    /** Lower-case nouns of a task description (five letters or more, after an article or "of", "about", ...). */
    static List<String> taskWords(String... texts) {
        List<String> words = new ArrayList<>();
        for (String text : texts) {
            if (text == null) {
                continue;
            }
            Matcher m = NOUN.matcher(text);
            while (m.find()) {
                String w = m.group(1);
                if (!STOP.contains(w) && !(w.endsWith("ly") || w.endsWith("ing") || w.endsWith("ed")) && !words.contains(w)) {
                    words.add(w);
                }
            }
        }
        return words;
    }

    /** A product's plural as English writes it: watches, boxes, batteries; a noun in s (shoes, jeans) as it is. */
    static String plural(String noun) {
        String lower = noun.toLowerCase(Locale.ROOT);
        if (lower.endsWith("s")) {
            return lower;
        }
        if (lower.matches(".*(?:ch|sh|x|z)")) {
            return lower + "es";
        }
        return lower.matches(".*[^aeiou]y") ? lower.substring(0, lower.length() - 1) + "ies" : lower + "s";
    }

    private record Ctx(ValueLibrary v, List<String> taskWords, SplittableRandom random) {

        String topic() {
            return taskWords.isEmpty() || random.nextInt(3) == 0 ? v.industry().toLowerCase(Locale.ROOT)
                    : taskWords.get(random.nextInt(taskWords.size()));
        }

        String city() {
            return v.city();
        }

        String state() {
            return v.place();
        }

        String country() {
            return v.country();
        }

        String month() {
            return Month.of(1 + random.nextInt(12)).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        }

        String weekday() {
            return DayOfWeek.of(1 + random.nextInt(7)).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        }

        String dept() {
            return v.department();
        }

        String hobby() {
            return v.activity().toLowerCase(Locale.ROOT);
        }

        String dish() {
            return v.dish();
        }

        String plural(String noun) {
            return Situations.plural(noun);
        }

        String productNoun() {
            return v.productNoun();
        }

        String app() {
            return v.app();
        }

    }
}
