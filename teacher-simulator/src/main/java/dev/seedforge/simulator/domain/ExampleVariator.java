package dev.seedforge.simulator.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a seed conversation into a plausible new one, the way a teacher model imitates few-shot examples: new titles,
 * dates, priorities and ids, changed consistently across all turns of the example, and the user's request reworded.
 * The assistant's reply format is kept as it is. Nothing here knows the Task API: the rules apply to any text.
 */
public final class ExampleVariator {

    private static final Pattern QUOTED = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(?:'([^'\\n]{1,80}?)'|\"([^\"\\n]{1,80}?)\")(?![\\p{L}\\p{N}])");
    private static final Pattern PRIORITY = Pattern.compile(
            "(?<![\\p{L}\\-])(low|medium|high)(?![\\p{L}]|-(?!priority))", Pattern.CASE_INSENSITIVE);
    private static final Pattern TASK_ID = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(task\\s+(?:number\\s+|no\\.\\s*)?|id\"?\\s*[:=]?\\s*|#)(\\d{1,6})(?!\\d)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SINGLE_LOWERCASE_WORD = Pattern.compile("[\\p{Ll}_\\-]+");
    private static final Pattern NOT_A_TITLE = Pattern.compile(
            "(?i)[\\d\\s.,:/#-]*|low|medium|high|\\d{4}-\\d{2}-\\d{2}.*");
    private static final Set<String> FILLERS = Set.of("the", "a", "an", "my", "our", "your", "this", "that", "to",
            "for", "of", "on", "with", "about", "in", "at", "and", "new", "some", "all");
    private static final String FILLER_ALTERNATION = String.join("|", FILLERS);
    private static final Pattern ARTICLE_BEFORE = Pattern.compile("(?i)(?:^|\\s)(?:the|a|an|my|our|your)\\s+$");
    private static final List<String> PRIORITIES = List.of("low", "medium", "high");
    private static final int DEFAULT_YEAR = 2025;
    private static final int MAX_SHIFT_DAYS = 90;

    private static final int MAX_CACHED_TITLES = 10_000;

    private final Map<String, Pattern[]> titlePatterns = new ConcurrentHashMap<>();
    private final TitleVocabulary vocabulary;
    private final Paraphraser paraphraser;

    public ExampleVariator() {
        this(new TitleVocabulary(), new Paraphraser());
    }

    public ExampleVariator(TitleVocabulary vocabulary, Paraphraser paraphraser) {
        this.vocabulary = vocabulary;
        this.paraphraser = paraphraser;
    }

    /** A new example modelled on {@code seed}; never equal to it. */
    public Example variant(Example seed, SplittableRandom random) {
        Placeholders held = new Placeholders();
        List<String> texts = new ArrayList<>();
        for (Turn turn : seed.messages()) {
            texts.add(turn.content());
        }

        Map<String, String> titles = newTitles(seed, random);
        for (Map.Entry<String, String> title : titles.entrySet()) {
            Pattern[] patterns = titlePatterns(title.getKey());
            Pattern exact = patterns[0];
            Pattern loose = patterns[1];
            for (int i = 0; i < texts.size(); i++) {
                boolean user = seed.messages().get(i).isUser();
                String source = texts.get(i);
                String text = held.replaceAll(source, exact, m -> titleAsWritten(source, m, title.getValue(), user));
                if (loose != null && user) {
                    String partly = text;
                    text = held.replaceAll(partly, loose, m -> titleAsWritten(partly, m, title.getValue(), true));
                }
                texts.set(i, text);
            }
        }

        int referenceYear = DEFAULT_YEAR;
        Set<LocalDate> assistantDates = new LinkedHashSet<>();
        for (Turn turn : seed.messages()) {
            Set<LocalDate> dates = DateShifter.isoDates(turn.content());
            if (referenceYear == DEFAULT_YEAR && !dates.isEmpty()) {
                referenceYear = dates.iterator().next().getYear();
            }
            if (turn.isAssistant()) {
                assistantDates.addAll(dates);
            }
        }
        DateShifter dates = new DateShifter(random.nextInt(1, MAX_SHIFT_DAYS + 1), referenceYear);
        LocalDate relativeTarget = assistantDates.size() == 1 ? dates.shift(assistantDates.iterator().next()) : null;
        List<String> priorities = permutedPriorities(random);
        Map<String, String> ids = new HashMap<>();
        Set<String> usedIds = new LinkedHashSet<>();

        for (int i = 0; i < texts.size(); i++) {
            Turn turn = seed.messages().get(i);
            if (Turn.SYSTEM.equals(turn.role())) {
                continue;
            }
            String text = dates.shiftAll(texts.get(i), held);
            if (relativeTarget != null && turn.isUser()) {
                text = dates.replaceRelative(text, relativeTarget, held);
            }
            text = held.replaceAll(text, PRIORITY,
                    m -> Paraphraser.matchCaseFully(m.group(1), priorities.get(PRIORITIES.indexOf(
                            m.group(1).toLowerCase(Locale.ROOT)))));
            text = held.replaceAll(text, TASK_ID,
                    m -> m.group(1) + ids.computeIfAbsent(m.group(2), old -> newId(old, usedIds, random)));
            if (turn.isUser()) {
                text = paraphraser.paraphrase(text, random);
            }
            texts.set(i, text);
        }

        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            turns.add(seed.messages().get(i).withContent(held.expand(texts.get(i))));
        }
        Example variant = new Example(turns);
        return variant.equals(seed) ? forceDifference(variant) : variant;
    }

    /** Quoted strings that read like titles, each mapped (by its lower-cased text) to a new title. */
    Map<String, String> newTitles(Example seed, SplittableRandom random) {
        Map<String, String> found = new LinkedHashMap<>();
        for (Turn turn : seed.messages()) {
            if (Turn.SYSTEM.equals(turn.role())) {
                continue;
            }
            Matcher matcher = QUOTED.matcher(turn.content());
            while (matcher.find()) {
                String candidate = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
                if (isTitle(candidate)) {
                    found.putIfAbsent(candidate.toLowerCase(Locale.ROOT), candidate.strip());
                }
            }
        }
        List<String> taken = new ArrayList<>(found.values());
        Map<String, String> replacements = new LinkedHashMap<>();
        found.values().stream()
                .sorted((a, b) -> Integer.compare(b.length(), a.length()))
                .forEach(old -> {
                    String title = vocabulary.pick(random, taken);
                    taken.add(title);
                    replacements.put(old, title);
                });
        return replacements;
    }

    static boolean isTitle(String candidate) {
        String text = candidate.strip();
        return !text.isEmpty() && text.chars().anyMatch(Character::isLetter)
                && !SINGLE_LOWERCASE_WORD.matcher(text).matches()
                && !NOT_A_TITLE.matcher(text).matches();
    }

    /** The exact and the loose pattern of a title; seeds come back call after call, so they are kept. */
    private Pattern[] titlePatterns(String title) {
        Pattern[] patterns = titlePatterns.get(title);
        if (patterns == null) {
            if (titlePatterns.size() > MAX_CACHED_TITLES) {
                titlePatterns.clear();
            }
            patterns = new Pattern[] {
                    Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(title) + "(?![\\p{L}\\p{N}])",
                            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
                    loosePattern(title) };
            titlePatterns.put(title, patterns);
        }
        return patterns;
    }

    /**
     * The title as a user would write it in a sentence: its key words in order, with small words such as "the" in
     * between or left out ("review the quarterly budget" for 'Review quarterly budget').
     */
    static Pattern loosePattern(String title) {
        List<String> words = new ArrayList<>();
        for (String word : title.split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty() && !FILLERS.contains(word.toLowerCase(Locale.ROOT))) {
                words.add(word);
            }
        }
        if (words.isEmpty()) {
            return null;
        }
        String gap = "(?:[\\s\\-]+(?:" + FILLER_ALTERNATION + ")(?![\\p{L}])){0,3}[\\s\\-]+";
        StringBuilder regex = new StringBuilder("(?<![\\p{L}\\p{N}])");
        for (int i = 0; i < words.size(); i++) {
            if (i > 0) {
                regex.append(gap);
            }
            regex.append(Pattern.quote(words.get(i))).append("(?:s|es)?");
        }
        regex.append("(?![\\p{L}\\p{N}])");
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /**
     * The new title where the old one stood: in the old one's case, or quoted where the user referred to the task by
     * a noun phrase ("the dentist appointment"), since a title such as "Renew passport" reads as a verb phrase.
     */
    private static String titleAsWritten(String source, Matcher m, String title, boolean userTurn) {
        String before = source.substring(0, m.start());
        boolean quoted = before.endsWith("'") || before.endsWith("\"");
        if (userTurn && !quoted && ARTICLE_BEFORE.matcher(before).find()) {
            return "'" + title + "'";
        }
        return casedLike(m.group(), title);
    }

    private static String casedLike(String matched, String title) {
        if (!matched.isEmpty() && Character.isLowerCase(matched.charAt(0))) {
            return Character.toLowerCase(title.charAt(0)) + title.substring(1);
        }
        return title;
    }

    private static List<String> permutedPriorities(SplittableRandom random) {
        List<String> permuted = new ArrayList<>(PRIORITIES);
        for (int i = permuted.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            permuted.set(i, permuted.set(j, permuted.get(i)));
        }
        return permuted;
    }

    private static String newId(String old, Set<String> used, SplittableRandom random) {
        int oldValue = Integer.parseInt(old);
        int low = oldValue >= 1000 ? 1000 : 1;
        int high = oldValue >= 1000 ? 99_999 : 999;
        while (true) {
            String candidate = String.valueOf(random.nextInt(low, high + 1));
            if (!candidate.equals(old) && used.add(candidate)) {
                return candidate;
            }
        }
    }

    /** For a seed with nothing to vary: the first user turn with its trailing punctuation or first letter changed. */
    private static Example forceDifference(Example example) {
        List<Turn> turns = new ArrayList<>(example.messages());
        for (int i = 0; i < turns.size(); i++) {
            Turn turn = turns.get(i);
            if (turn.isUser() && !turn.content().isBlank()) {
                turns.set(i, turn.withContent(NearDuplicates.toggleEnding(turn.content())));
                return new Example(turns);
            }
        }
        return example;
    }
}
