package dev.seedforge.simulator.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.datafaker.Faker;

/**
 * Gives an example other things to talk about: a common noun of the seed that Datafaker's library lists in a
 * category (products, fruits, vegetables, ingredients, desserts, furniture, instruments, materials) becomes another
 * noun of the same category, in every turn alike (requests, replies, tool arguments and results), so the reply still
 * fits the request: "20 cookies" in the problem and in its worked answer become "20 pies" in both. Only nouns the
 * requests or tool results name are swapped; the reply's own stay. Words the task,
 * the system prompt or the tools name are the task's own and never change.
 */
final class NounSwapper {

    private static final List<String> KEYS = List.of("commerce.product_name.product", "food.fruits",
            "food.vegetables", "food.ingredients", "dessert.variety", "house.furniture", "music.instruments",
            "construction.materials");
    private static final Map<String, List<String>> CATEGORY = new HashMap<>();
    private static final Pattern TOKEN = Pattern.compile("\\p{L}{4,}");

    static {
        Faker faker = new Faker(Locale.ENGLISH);
        for (String key : KEYS) {
            Object values = faker.fakeValuesService().fetchObject(key, faker.getContext());
            if (values instanceof List<?> list) {
                List<String> words = new ArrayList<>();
                for (Object value : list) {
                    String word = String.valueOf(value).toLowerCase(Locale.ROOT);
                    if (word.matches("[a-z]{4,}") && !words.contains(word)) {
                        words.add(word);
                    }
                }
                if (words.size() > 3) {
                    words.forEach(word -> CATEGORY.putIfAbsent(word, words));
                }
            }
        }
    }

    private NounSwapper() {
    }

    /** The example with, for each listed noun it names, another of its category ({@code rate}: the share swapped). */
    static Example swap(Example example, Set<String> keep, double rate, SplittableRandom random) {
        // the categories' nouns are English: a Spanish "pasta" is not to become "coffee"
        String requests = example.messages().stream().filter(Turn::isUser).map(Turn::content)
                .collect(java.util.stream.Collectors.joining("\n"));
        if (LocalPhrases.languageOf(requests) != null) {
            return example;
        }
        Map<String, String> swaps = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Turn turn : example.messages()) {
            // the nouns to swap are those the request gives (and a tool's results): a noun only the reply says is
            // its own knowledge, which a swap makes false ("the periodic clock" of hydrogen and helium)
            if (!turn.isUser() && !Turn.TOOL.equals(turn.role())) {
                continue;
            }
            Matcher m = TOKEN.matcher(turn.content());
            while (m.find()) {
                String lower = m.group().toLowerCase(Locale.ROOT);
                if (!seen.add(lower) || keep.contains(lower)) {
                    continue;
                }
                String base = CATEGORY.containsKey(lower) ? lower
                        : lower.endsWith("es") && CATEGORY.containsKey(lower.substring(0, lower.length() - 2))
                                ? lower.substring(0, lower.length() - 2)
                                : lower.endsWith("s") && CATEGORY.containsKey(lower.substring(0, lower.length() - 1))
                                        ? lower.substring(0, lower.length() - 1)
                                        : null;
                if (base == null || keep.contains(base) || swaps.containsKey(base) || random.nextDouble() >= rate) {
                    continue;
                }
                List<String> category = CATEGORY.get(base);
                String other = category.get(random.nextInt(category.size()));
                for (int i = 0; i < 4 && (other.equals(base) || swaps.containsValue(other) || keep.contains(other)); i++) {
                    other = category.get(random.nextInt(category.size()));
                }
                if (!other.equals(base) && !keep.contains(other)) {
                    swaps.put(base, other);
                }
            }
        }
        if (swaps.isEmpty()) {
            return example;
        }
        Pattern words = Pattern.compile("(?i)(?<![\\p{L}\\p{N}_])(" + String.join("|", swaps.keySet().stream()
                .map(Pattern::quote).toList()) + ")(es|s)?(?![\\p{L}\\p{N}_])");
        List<Turn> turns = new ArrayList<>();
        for (Turn turn : example.messages()) {
            if (Turn.SYSTEM.equals(turn.role())) {
                turns.add(turn);
                continue;
            }
            List<Turn.ToolCall> calls = turn.toolCalls().stream().map(c -> new Turn.ToolCall(c.id(), c.name(),
                    c.arguments() == null ? null : replace(c.arguments(), words, swaps))).toList();
            turns.add(new Turn(turn.role(), replace(turn.content(), words, swaps), calls, turn.toolCallId(),
                    turn.name()));
        }
        return new Example(turns);
    }

    private static String replace(String text, Pattern words, Map<String, String> swaps) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Placeholders held = new Placeholders();
        Matcher m = words.matcher(ValueSwapper.holdingKeptSpans(held, text));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String found = m.group(1);
            String other = swaps.get(found.toLowerCase(Locale.ROOT));
            String suffix = m.group(2) == null ? ""
                    : other.endsWith("s") ? ""
                            : other.matches(".*(s|x|ch|sh)$")
                                    ? "es"
                                    : "s";
            String word = other + suffix;
            if (found.equals(found.toUpperCase(Locale.ROOT)) && found.length() > 1) {
                word = word.toUpperCase(Locale.ROOT);
            } else if (Character.isUpperCase(found.charAt(0))) {
                word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(word));
        }
        m.appendTail(out);
        return held.expand(out.toString());
    }

    private static final Pattern LETTERS = Pattern.compile("\\p{L}+");

    /** Lower-case words of the given texts: what the task itself names. */
    static Set<String> words(String... texts) {
        Set<String> words = new HashSet<>();
        for (String text : texts) {
            if (text != null) {
                Matcher m = LETTERS.matcher(text);
                while (m.find()) {
                    String w = m.group().toLowerCase(Locale.ROOT);
                    words.add(w);
                    if (w.endsWith("s")) {
                        words.add(w.substring(0, w.length() - 1));
                    }
                }
            }
        }
        return words;
    }
}
