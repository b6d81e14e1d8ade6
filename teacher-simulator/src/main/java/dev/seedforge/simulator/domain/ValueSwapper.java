package dev.seedforge.simulator.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Gives one example new values, changed consistently wherever they occur (user and assistant turns, tool-call
 * arguments, tool results): quoted titles, person names and e-mail addresses from the {@link ValueLibrary}, codes and
 * ids of the same shape, dates moved by the same number of days (weekdays recomputed), and the numbers of the request
 * redrawn with every equation of the answer recomputed from them, so the answer stays consistent with the request.
 * Words of the task and system prompt are the task's vocabulary and are never swapped.
 */
public final class ValueSwapper {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern QUOTED = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(?:'([^'\\n]{2,80}?)'|\"([^\"\\n]{2,80}?)\")(?![\\p{L}\\p{N}])");
    /**
     * Words that tell the model to give a quoted literal back as written: {@code output "}, {@code respond with "}, and
     * the next of a choice of them ({@code answer "Yes" or "}).
     */
    private static final Pattern BEFORE_A_LITERAL = Pattern.compile("(?i)(?<![\\p{L}])(?:outputs?|prints?|returns?|"
            + "responds?|answers?|reply|replies|says?|writes?)(?:\\s+(?:with|back|out|only|just|exactly|simply))?"
            + "(?:\\s+(?:the|a)\\s+(?:text|string|phrase|words?|sentence|message|line|value|label))?\\s*:?\\s*"
            + "(?:(?:\"[^\"\\n]{1,30}\"|'[^'\\n]{1,30}')\\s*(?:,\\s*|or\\s+|and\\s+|,\\s*or\\s+))*\\z");
    /** How far before a quote {@link #BEFORE_A_LITERAL} is looked for. */
    private static final int LITERAL_LOOKBACK = 80;
    private static final Pattern SINGLE_LOWERCASE_WORD = Pattern.compile("[\\p{Ll}_\\-]+");
    private static final Pattern NOT_A_TITLE = Pattern.compile(
            "(?i)[\\d\\s.,:/#$%-]*|low|medium|high|true|false|null|\\d{4}-\\d{2}-\\d{2}.*|.*[{}\\[\\]=<>].*");
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
    /**
     * An order or ticket code, capitals then digits ("AB123", "INV-20931"), redrawn; not a standard's or an algorithm's
     * name ("SHA256", "ISO8601", "RFC9110"), which a teacher keeps.
     */
    private static final Pattern CODE = Pattern.compile("(?<![\\p{L}\\p{N}])(?!(?:SHA|MD|ISO|RFC|UTF|IPV|CRC|AES|RSA|"
            + "HTTP|TLS|SSL|MP|PEP|IEEE|ECMA|AVX|ARM|DDR|USB|PCIE|GPT)[-_]?\\d)([A-Z]{2,5})([-_]?)(\\d{3,10})(?![\\p{N}])");
    /**
     * A reference of capitals and digits mixed ("QX7P2L", "1Z999AA1"): a booking, tracking or order code. Letters and
     * digits must take turns at least twice, so names of things ("SHA256", "COVID19", "ISO8601") are not codes.
     */
    private static final Pattern MIXED_CODE = Pattern.compile("(?<![\\p{L}\\p{N}])(?=[A-Z0-9]{5,20}(?![\\p{L}\\p{N}]))"
            + "(?=[A-Z0-9]*?(?:[A-Z]\\d+[A-Z]|\\d[A-Z]+\\d))[A-Z0-9]{5,20}");
    private static final Pattern WORD = Pattern.compile("(?<![\\p{L}'])\\p{Lu}\\p{Ll}+(?![\\p{L}])");
    /**
     * Code, fenced or inline, and mathematics in LaTeX ({@code $...$}, {@code $$...$$}, {@code \(...\)},
     * {@code \[...\]}): kept as they are. A program's strings and numbers are the program's, not the request's values,
     * and the simulator writes no new code (a swapped string turned {@code require('./add')} into a task's title) nor
     * solves algebra ("Solve $2x^2 - 8 = 0$" redrawn to 16 kept the answer's $x^2 = 4$). A dollar amount is not
     * mathematics: a span's closing {@code $} is not followed by a digit ("$40 or $60").
     */
    static final Pattern KEPT_SPAN = Pattern.compile("(?s)```.*?(?:```|\\z)|`[^`\n]+`|\\$\\$.+?\\$\\$"
            + "|(?<![\\\\$])\\$(?=\\S)[^$\n]+?(?<=\\S)\\$(?![\\d$])|\\\\\\(.+?\\\\\\)|\\\\\\[.+?\\\\\\]");

    /** Whether a text has a character a {@link #KEPT_SPAN} opens with: most have none, and need no scan. */
    static boolean mayHoldKeptSpan(String text) {
        return text.indexOf('`') >= 0 || text.indexOf('$') >= 0 || text.indexOf('\\') >= 0;
    }

    /** The text with each of its {@link #KEPT_SPAN}s held by {@code held}, to be given back as written. */
    static String holdingKeptSpans(Placeholders held, String text) {
        return mayHoldKeptSpan(text) ? held.replaceAll(text, KEPT_SPAN, Matcher::group) : text;
    }

    /** The text with each of its {@link #KEPT_SPAN}s a space: what is left to read for values. */
    static String outsideKeptSpans(String text) {
        return mayHoldKeptSpan(text) ? KEPT_SPAN.matcher(text).replaceAll(" ") : text;
    }

    private static boolean hasDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern DIGITS = Pattern.compile("\\d+(?:\\.\\d+)?");
    /** A clock time ("18:40", "7:15"): kept as it is, not redrawn as two numbers into "28:50". */
    private static final Pattern CLOCK_TIME = Pattern.compile("(?<![\\d:.])(?:[01]?\\d|2[0-3]):[0-5]\\d(?![\\d:])");
    private static final Pattern STANDALONE_NUMBER = Pattern.compile(
            "(?<![\\w.,$\\u0001])(\\$?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?)(?![\\d\\u0002]|[.,]\\d)");
    private static final Set<String> NOT_NAMES = Set.of("Will", "May", "June", "April", "August", "Mark", "Bill",
            "Grant", "Rose", "Hope", "Page", "Max", "Frank", "Joy", "Summer", "Winter", "Autumn", "Dawn", "Faith",
            "Art", "Guy", "Major", "General", "Long", "Young", "Brown", "White", "Black", "Green", "Gray", "Price",
            "Day", "Little", "King", "Cook", "Hill", "Lane", "Love", "Don", "Sunday", "Monday", "Tuesday", "Wednesday",
            "Thursday", "Friday", "Saturday", "January", "February", "March", "July", "September", "October",
            "November", "December", "Christmas", "Easter", "Error", "Note", "Total", "Answer", "Step", "Thanks",
            "Hello", "Hi", "Dear", "Best", "Regards", "Sure", "Yes", "No", "Okay", "Please", "Sorry", "Order",
            "Account", "Premium", "Basic", "Pro", "Standard", "Ruby", "Jade", "Amber", "Ivy", "Lily", "Iris",
            "Holly", "Hunter", "Parker", "Miles", "Chase", "Drew", "Sage", "Ray", "Gene", "Hugh", "Van", "Son", "Sun",
            "Star", "Hero", "Hong", "Kong", "Lucky", "Sandy", "Rich", "Earnest", "Noble", "Gay", "Sol",
            "Dee", "Sunny", "Honey", "Cherry", "Candy", "Crystal", "Destiny", "Harmony", "Unity", "Precious");
    /**
     * What follows a verb, not a name: "See a doctor", "Call the bank", "Will you ...": a first name of the name lists
     * (Datafaker's hold See, Will, Mark, Bill) directly before an article or a pronoun is the word, not a person.
     */
    private static final Pattern BEFORE_AN_OBJECT = Pattern.compile(
            "\\s+(?:a|an|the|your|my|our|their|his|her|its|this|that|these|those|it|me|us|them|you|him)(?![\\p{L}])");
    /**
     * What follows a place's name, not a person's: "Sydney Opera House", "Victoria Station", "Jackson Street": a first
     * name of the name lists directly before one of these words is part of the place's name, swapped for a place's
     * name ("Lake Marica Opera House"), not a person's ("Hester Opera House").
     */
    private static final Pattern BEFORE_A_PLACE = Pattern.compile("\\s+(?:Opera|House|Bridge|Street|St|Avenue|Ave|"
            + "Road|Rd|Boulevard|Lane|Square|Station|Airport|Harbou?r|Port|Bay|Beach|Island|Islands|Lake|River|Mountain|"
            + "Mount|Valley|Park|Gardens?|Zoo|Museum|Gallery|Library|University|College|School|Academy|Institute|"
            + "Hospital|Clinic|Hotel|Tower|Towers|Center|Centre|Hall|Stadium|Arena|Cathedral|Church|Abbey|Castle|"
            + "Palace|Theatre|Theater|Falls|County|City|Heights|Springs)(?![\\p{L}])");
    /** Numbers an answer spells out, by value ("one" is left alone: "one of them", "the one I ordered"). */
    private static final List<String> NUMBER_WORDS = List.of("zero", "one", "two", "three", "four", "five", "six",
            "seven", "eight", "nine", "ten", "eleven", "twelve");
    private static final Pattern NUMBER_WORD = Pattern.compile(
            "(?i)(?<![\\p{L}-])(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?![\\p{L}-])");
    private static final String FILLERS = "the|a|an|my|our|your|this|that|to|for|of|on|with|about|in|at|and|new|some|all";
    private static final int MAX_NUMBER_DRAWS = 12;
    private static final int REFERENCE_YEAR = 2025;

    private final Set<String> vocabulary;
    private final FixedValues fixed;

    /**
     * Values a tool's parameters allow alone (an enum's "EAN-13"), kept as written wherever they stand: redrawn, a
     * call's argument leaves its enum. Worked out once per request.
     */
    public record FixedValues(Set<String> values, Pattern pattern) {

        public static final FixedValues NONE = new FixedValues(Set.of(), null);

        public static FixedValues of(Set<String> values) {
            if (values.isEmpty()) {
                return NONE;
            }
            return new FixedValues(Set.copyOf(values), Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + values.stream()
                    .sorted(java.util.Comparator.comparingInt(String::length).reversed()).map(Pattern::quote)
                    .collect(java.util.stream.Collectors.joining("|")) + ")(?![\\p{L}\\p{N}])"));
        }
    }

    /** @param vocabulary capitalised words of the task and system prompt (kept as they are) */
    public ValueSwapper(Set<String> vocabulary) {
        this(vocabulary, FixedValues.NONE);
    }

    public ValueSwapper(Set<String> vocabulary, FixedValues fixed) {
        this.vocabulary = Set.copyOf(vocabulary);
        this.fixed = fixed;
    }

    /** The words of a text that start with a capital letter: what a task description fixes as its vocabulary. */
    public static Set<String> capitalisedWords(String... texts) {
        java.util.Set<String> words = new java.util.HashSet<>();
        for (String text : texts) {
            if (text != null) {
                Matcher m = WORD.matcher(text);
                while (m.find()) {
                    words.add(m.group());
                }
            }
        }
        return words;
    }

    public Example swap(Example example, ValueLibrary values, SplittableRandom random) {
        List<String> texts = texts(example);
        Map<String, String> titles = titles(texts, values);
        Map<String, String> names = names(texts, values);
        Map<String, String> emails = emails(texts, values, names);
        Map<String, String> codes = new HashMap<>();
        String shown = keptSpans(texts);
        keepWhatKeptSpansShow(shown, titles, names, emails, codes);
        int shiftDays = random.nextInt(4) == 0 ? 0 : random.nextInt(-40, 120);
        DateShifter dates = new DateShifter(shiftDays, REFERENCE_YEAR);
        LocalDate relativeTarget = singleAnswerDate(example, dates);

        List<String> givens = givens(example, shown);
        for (int draw = 0; draw <= MAX_NUMBER_DRAWS; draw++) {
            Numbers numbers = draw == MAX_NUMBER_DRAWS ? Numbers.unchanged() : Numbers.draw(givens, random);
            Rewrite rewrite = new Rewrite(titles, names, emails, codes, dates, relativeTarget, numbers, random);
            List<Turn> turns = new ArrayList<>();
            for (Turn turn : example.messages()) {
                if (Turn.SYSTEM.equals(turn.role())) {
                    turns.add(turn);
                    continue;
                }
                String content = turn.content().isEmpty() ? turn.content()
                        : rewrite.text(turn.content(), turn.isUser() || Turn.TOOL.equals(turn.role()));
                List<Turn.ToolCall> calls = new ArrayList<>();
                for (Turn.ToolCall call : turn.toolCalls()) {
                    calls.add(new Turn.ToolCall(call.id(), call.name(), rewrite.json(call.arguments())));
                }
                turns.add(new Turn(turn.role(), content, calls, turn.toolCallId(), turn.name()));
            }
            if (!rewrite.numbers.broken) {
                return new Example(turns);
            }
        }
        return example;
    }

    /**
     * A value that code or mathematics shows is kept wherever it is written, as its numbers are: the YAML of an answer
     * kept as written says {@code email: ana@example.com}, so the request's JSON must go on saying it too (it said
     * {@code riley.cole@...} before). Titles, names and e-mails so shown are taken out of their swaps, codes are
     * swapped for themselves.
     */
    private static void keepWhatKeptSpansShow(String shown, Map<String, String> titles, Map<String, String> names,
            Map<String, String> emails, Map<String, String> codes) {
        if (shown.isEmpty()) {
            return;
        }
        String lower = shown.toLowerCase(Locale.ROOT);
        titles.keySet().removeIf(lower::contains);
        emails.keySet().removeIf(lower::contains);
        names.keySet().removeIf(name -> shown.contains(name.startsWith(PLACE) ? name.substring(PLACE.length())
                : name));
        for (Pattern code : List.of(CODE, MIXED_CODE)) {
            Matcher m = code.matcher(shown);
            while (m.find()) {
                codes.put(m.group(), m.group());
            }
        }
    }

    /** The code and mathematics of the texts, kept as written, a span a line; read once for all it keeps. */
    private static String keptSpans(List<String> texts) {
        StringBuilder kept = new StringBuilder();
        for (String text : texts) {
            if (text != null && mayHoldKeptSpan(text)) {
                Matcher span = KEPT_SPAN.matcher(text);
                while (span.find()) {
                    kept.append(span.group()).append('\n');
                }
            }
        }
        return kept.toString();
    }

    private static List<String> texts(Example example) {
        List<String> texts = new ArrayList<>();
        for (Turn turn : example.messages()) {
            if (!Turn.SYSTEM.equals(turn.role())) {
                texts.add(turn.content());
                turn.toolCalls().forEach(call -> texts.add(call.arguments()));
            }
        }
        return texts;
    }

    /** The answer's one ISO date, which relative phrases of the request ("tomorrow") stand for, shifted. */
    private static LocalDate singleAnswerDate(Example example, DateShifter dates) {
        java.util.Set<LocalDate> found = new java.util.LinkedHashSet<>();
        for (Turn turn : example.messages()) {
            if (turn.isAssistant()) {
                found.addAll(DateShifter.isoDates(turn.content()));
            }
        }
        return found.size() == 1 ? dates.shift(found.iterator().next()) : null;
    }

    private Map<String, String> titles(List<String> texts, ValueLibrary values) {
        Map<String, String> titles = new LinkedHashMap<>();
        Set<String> literals = new java.util.HashSet<>();
        for (String text : texts) {
            if (jsonOrNull(text) != null) {
                continue;
            }
            String readable = text == null ? "" : outsideKeptSpans(text);
            Matcher matcher = QUOTED.matcher(readable);
            while (matcher.find()) {
                String candidate = (matcher.group(1) != null ? matcher.group(1) : matcher.group(2)).strip();
                String key = candidate.toLowerCase(Locale.ROOT);
                if (isLiteral(readable, matcher.start(), candidate)) {
                    literals.add(key);
                } else if (isTitle(candidate) && !titles.containsKey(key)) {
                    titles.put(key, values.title());
                }
            }
        }
        titles.keySet().removeAll(literals);
        return titles;
    }

    /**
     * Whether a quoted string is a literal of the answer rather than a thing's title: a sentence ("No such bias
     * detected.") or what the request tells the model to output, print, return or say. Swapped for a title, it made the
     * instruction ask for "Prepare the baby garden & sports report" where the answers still said the seed's sentence.
     */
    static boolean isLiteral(String text, int quoteAt, String quoted) {
        char last = quoted.isEmpty() ? ' ' : quoted.charAt(quoted.length() - 1);
        return last == '.' || last == '!' || last == '?' || BEFORE_A_LITERAL.matcher(text)
                .region(Math.max(0, quoteAt - LITERAL_LOOKBACK), quoteAt).find();
    }

    static boolean isTitle(String candidate) {
        String text = candidate.strip();
        return !text.isEmpty() && text.chars().anyMatch(Character::isLetter)
                && !SINGLE_LOWERCASE_WORD.matcher(text).matches() && !NOT_A_TITLE.matcher(text).matches()
                && text.split("\\s+").length <= 10 && !text.contains("@") && !text.contains("://");
    }

    /** Whether what follows a first name at {@code end} makes it a word ("See a doctor", "Will you"), not a person. */
    private static boolean aWordBefore(String text, int end) {
        return BEFORE_AN_OBJECT.matcher(text).region(end, text.length()).lookingAt();
    }

    /** Whether what follows a first name at {@code end} makes it part of a place's name ("Sydney Opera House"). */
    private static boolean aPlaceBefore(String text, int end) {
        return BEFORE_A_PLACE.matcher(text).region(end, text.length()).lookingAt();
    }

    /** Where a first name names a place, its replacement is kept under this prefix: a place's name, not a person's. */
    private static final String PLACE = "place:";

    private Map<String, String> names(List<String> texts, ValueLibrary values) {
        Map<String, String> names = new HashMap<>();
        for (String text : texts) {
            Matcher m = WORD.matcher(text == null ? "" : text);
            String previous = null;
            int previousEnd = -1;
            while (m.find()) {
                String word = m.group();
                // the name lists first: most capitalised words are in neither, and need no look at what follows
                boolean first = ValueLibrary.isFirstName(word);
                boolean swappable = (first || ValueLibrary.isLastName(word)) && word.length() > 2
                        && !vocabulary.contains(word) && !NOT_NAMES.contains(word) && !aWordBefore(text, m.end());
                if (swappable && first && aPlaceBefore(text, m.end())) {
                    names.computeIfAbsent(PLACE + word, w -> values.city());
                } else if (swappable && first) {
                    names.computeIfAbsent(word, w -> values.firstName());
                } else if (swappable && previous != null
                        && previousEnd == m.start() - 1 && names.containsKey(previous)) {
                    names.computeIfAbsent(word, w -> values.lastName());
                }
                previous = word;
                previousEnd = m.end();
            }
        }
        names.entrySet().removeIf(e -> e.getKey().equals(e.getValue()));
        return names;
    }

    private static Map<String, String> emails(List<String> texts, ValueLibrary values, Map<String, String> names) {
        Map<String, String> emails = new HashMap<>();
        for (String text : texts) {
            Matcher m = EMAIL.matcher(text == null ? "" : text);
            while (m.find()) {
                emails.computeIfAbsent(m.group().toLowerCase(Locale.ROOT),
                        e -> values.email(values.firstName(), values.lastName()));
            }
        }
        return emails;
    }

    /**
     * The numbers a request gives (user turns and tool results): those the writer may redraw. A number that code or
     * mathematics anywhere in the example uses ({@code keptSpans}) is not one: the span is kept as written ("bigger than 100
     * MB" answered
     * with {@code find /var -size +100M}), so its mentions must stay too. None is when the answer works a number out of
     * them that no equation shows ({@link #answerHasItsOwnNumbers}).
     */
    private static List<String> givens(Example example, String keptSpans) {
        Set<BigDecimal> kept = new java.util.HashSet<>();
        Matcher digits = DIGITS.matcher(keptSpans);
        while (digits.find()) {
            kept.add(new BigDecimal(digits.group()).stripTrailingZeros());
        }
        List<String> givens = new ArrayList<>();
        boolean redrawable = false;
        boolean userGives = false;
        for (Turn turn : example.messages()) {
            if (turn.isUser() || Turn.TOOL.equals(turn.role())) {
                // what is kept as written gives no number to redraw: its numbers stay, and so must their mentions
                String text = CLOCK_TIME.matcher(withoutIsoDates(outsideKeptSpans(turn.content()))).replaceAll(" ");
                Matcher m = STANDALONE_NUMBER.matcher(text);
                while (m.find()) {
                    BigDecimal value = Arithmetic.parse(m.group(1));
                    if (value != null && kept.contains(value.stripTrailingZeros())) {
                        continue;
                    }
                    boolean percent = m.end(1) < text.length() && text.charAt(m.end(1)) == '%';
                    givens.add(percent ? m.group(1) + "%" : m.group(1));
                    boolean drawn = value != null && !Numbers.keep(value);
                    redrawable |= drawn;
                    userGives |= drawn && turn.isUser();
                }
            }
        }
        return redrawable && answerHasItsOwnNumbers(example, kept, userGives) ? List.of() : givens;
    }

    private static String withoutIsoDates(String text) {
        return hasDigit(text) ? DateShifter.ISO.matcher(text).replaceAll(" ") : text;
    }

    /**
     * Whether an answer holds a number its request does not: a result worked out from the request's numbers ("20% of
     * 375 is 75", "a common difference of 4" for "3, 7, 11, 15, 19"), which would stay as written while they are
     * redrawn. An equation's numbers are not (its result is recomputed), nor numbers of code or mathematics (kept), nor
     * the system prompt's. When the user gave numbers, a tool result's own numbers count too ("20% of 500" answered by
     * the tool's 100); otherwise they are the tool's data, redrawn with their mentions ("1843 orders").
     */
    private static boolean answerHasItsOwnNumbers(Example example, Set<BigDecimal> kept, boolean userGives) {
        Set<BigDecimal> held = new java.util.HashSet<>(kept);
        List<String> answers = new ArrayList<>();
        List<String> replies = new ArrayList<>();
        for (Turn turn : example.messages()) {
            boolean tool = Turn.TOOL.equals(turn.role());
            if (turn.isUser() || Turn.SYSTEM.equals(turn.role()) || tool && !userGives) {
                numbersIn(turn.content(), held, true);
            } else if (tool || turn.isAssistant()) {
                answers.add(turn.content());
                if (turn.isAssistant()) {
                    replies.add(turn.content());
                    turn.toolCalls().forEach(call -> answers.add(call.arguments()));
                }
            }
        }
        for (String answer : answers) {
            Matcher equation = Arithmetic.EQUATION.matcher(readableNumbers(answer));
            while (equation.find()) {
                if (Arithmetic.agrees(Arithmetic.evaluate(equation.group(1)), equation.group(2))) {
                    numbersIn(equation.group(), held, false);
                }
            }
        }
        Set<BigDecimal> said = new java.util.HashSet<>();
        answers.forEach(answer -> numbersIn(answer, said, false));
        for (String reply : replies) {
            Matcher word = NUMBER_WORD.matcher(reply == null ? "" : reply);
            while (word.find()) {
                said.add(Numbers.key(BigDecimal.valueOf(NUMBER_WORDS.indexOf(word.group().toLowerCase(Locale.ROOT)))));
            }
        }
        return !held.containsAll(said);
    }

    /** A text outside its kept spans and ISO dates: where its numbers are read. */
    private static String readableNumbers(String text) {
        return text == null ? "" : withoutIsoDates(outsideKeptSpans(text));
    }

    /** Adds the values of a text's numbers; with {@code fractions}, a percentage's fraction too ("25%", 0.25). */
    private static void numbersIn(String text, Set<BigDecimal> into, boolean fractions) {
        String readable = readableNumbers(text);
        if (!hasDigit(readable)) {
            return;
        }
        Matcher m = STANDALONE_NUMBER.matcher(readable);
        while (m.find()) {
            BigDecimal value = Arithmetic.parse(m.group(1));
            if (value != null) {
                into.add(Numbers.key(value));
                if (fractions && m.end(1) < readable.length() && readable.charAt(m.end(1)) == '%') {
                    into.add(Numbers.key(value.movePointLeft(2)));
                }
            }
        }
    }

    /**
     * New values for the request's numbers (same magnitude, parity and roundness). Results of equations are added as
     * they are met and win over a given of the same value from then on ("boxes of 6" and "36 / 6 = 6 boxes").
     */
    static final class Numbers {
        final Map<BigDecimal, BigDecimal> givens = new HashMap<>();
        final Map<BigDecimal, BigDecimal> results = new HashMap<>();
        boolean broken;

        static Numbers unchanged() {
            return new Numbers();
        }

        static Numbers draw(List<String> givens, SplittableRandom random) {
            Numbers numbers = new Numbers();
            for (String given : givens) {
                boolean percent = given.endsWith("%");
                BigDecimal value = Arithmetic.parse(percent ? given.substring(0, given.length() - 1) : given);
                if (value == null || keep(value)) {
                    continue;
                }
                BigDecimal drawn = numbers.givens.computeIfAbsent(key(value), k -> redraw(value, random));
                if (percent) {
                    // "25% off" is worked out as "* 0.25": the fraction follows the percentage
                    numbers.givens.putIfAbsent(key(value.movePointLeft(2)), drawn.movePointLeft(2));
                }
            }
            return numbers;
        }

        static BigDecimal key(BigDecimal value) {
            return value.stripTrailingZeros();
        }

        /** Small counts, years and huge numbers (ids, phone numbers) are kept. */
        static boolean keep(BigDecimal value) {
            boolean integer = value.stripTrailingZeros().scale() <= 0;
            return integer && (value.compareTo(BigDecimal.valueOf(3)) <= 0
                    || value.compareTo(BigDecimal.valueOf(1900)) >= 0 && value.compareTo(BigDecimal.valueOf(2100)) <= 0
                    || value.compareTo(BigDecimal.valueOf(1_000_000)) > 0);
        }

        private static BigDecimal redraw(BigDecimal value, SplittableRandom random) {
            double factor = 0.4 + random.nextDouble() * 2.1;
            BigDecimal drawn = value.multiply(BigDecimal.valueOf(factor));
            if (value.stripTrailingZeros().scale() > 0) {
                return drawn.setScale(value.scale(), RoundingMode.HALF_UP).max(BigDecimal.ONE.movePointLeft(
                        value.scale()));
            }
            long v = value.longValue();
            long step = v % 100 == 0 ? 100 : v % 10 == 0 ? 10 : v % 5 == 0 ? 5 : v % 2 == 0 ? 2 : 1;
            long n = Math.max(step, Math.round(drawn.doubleValue() / step) * step);
            if (n == v) {
                n += step;
            }
            return BigDecimal.valueOf(n);
        }

        /** The new value of a number, or {@code null} when it keeps its value. */
        BigDecimal mapped(BigDecimal value) {
            BigDecimal k = key(value);
            BigDecimal result = results.get(k);
            return result != null ? result : givens.get(k);
        }

        BigDecimal map(BigDecimal value) {
            BigDecimal mapped = mapped(value);
            return mapped == null ? value : mapped;
        }
    }

    /** One pass over the example's texts with one set of new values. */
    private final class Rewrite {
        private final Map<String, String> titles;
        private final Map<String, String> names;
        private final Map<String, String> emails;
        private final Map<String, String> codes;
        private final DateShifter dates;
        private final LocalDate relativeTarget;
        private final Numbers numbers;
        private final SplittableRandom random;
        private final Map<String, Pattern[]> titlePatterns = new HashMap<>();

        Rewrite(Map<String, String> titles, Map<String, String> names, Map<String, String> emails,
                Map<String, String> codes, DateShifter dates, LocalDate relativeTarget, Numbers numbers,
                SplittableRandom random) {
            this.titles = titles;
            this.names = names;
            this.emails = emails;
            this.codes = codes;
            this.dates = dates;
            this.relativeTarget = relativeTarget;
            this.numbers = numbers;
            this.random = random;
        }

        String text(String text, boolean request) {
            JsonNode json = jsonOrNull(text);
            if (json != null && (json.isObject() || json.isArray())) {
                return walk(json).toString();
            }
            Placeholders held = new Placeholders();
            String out = holdingKeptSpans(held, text);
            if (fixed.pattern() != null) {
                out = held.replaceAll(out, fixed.pattern(), Matcher::group);
            }
            for (Map.Entry<String, String> title : titles.entrySet()) {
                Pattern[] patterns = titlePatterns.computeIfAbsent(title.getKey(), ValueSwapper::titlePatterns);
                out = held.replaceAll(out, patterns[0], m -> casedLike(m.group(), title.getValue()));
                if (request && patterns[1] != null) {
                    out = held.replaceAll(out, patterns[1], m -> "'" + title.getValue() + "'");
                }
            }
            out = held.replaceAll(out, EMAIL, m -> emails.get(m.group().toLowerCase(Locale.ROOT)));
            out = dates.shiftAll(out, held);
            if (request && relativeTarget != null) {
                out = dates.replaceRelative(out, relativeTarget, held);
            }
            out = held.replaceAll(out, CODE, m -> codes.computeIfAbsent(m.group(), c -> m.group(1) + m.group(2)
                    + digits(m.group(3).length())));
            if (hasDigit(out)) {
                out = held.replaceAll(out, MIXED_CODE, m -> codes.computeIfAbsent(m.group(), this::sameShape));
            }
            String named = out;
            out = held.replaceAll(named, WORD, m -> swappedName(named, m));
            out = held.replaceAll(out, CLOCK_TIME, Matcher::group);
            out = held.replaceAll(out, Arithmetic.EQUATION, this::equation);
            out = held.replaceAll(out, STANDALONE_NUMBER, m -> {
                BigDecimal value = Arithmetic.parse(m.group(1));
                BigDecimal mapped = value == null ? null : numbers.mapped(value);
                return mapped == null ? null : Arithmetic.format(mapped, m.group(1));
            });
            if (!request) {
                out = held.replaceAll(out, NUMBER_WORD, this::numberWord);
            }
            return held.expand(out);
        }

        /**
         * A number the answer spells out ("six programmable buttons") that the request gave in digits ("6 buttons"):
         * redrawn with it, spelt out again up to twelve ("twelve"), in digits above.
         */
        private String numberWord(Matcher m) {
            int value = NUMBER_WORDS.indexOf(m.group().toLowerCase(Locale.ROOT));
            BigDecimal mapped = numbers.mapped(BigDecimal.valueOf(value));
            if (mapped == null || mapped.signum() <= 0 || mapped.stripTrailingZeros().scale() > 0
                    || mapped.intValue() == value) {
                return null;
            }
            int drawn = mapped.intValue();
            String word = drawn < NUMBER_WORDS.size() ? NUMBER_WORDS.get(drawn) : Integer.toString(drawn);
            return Character.isUpperCase(m.group().charAt(0)) ? Character.toUpperCase(word.charAt(0)) + word.substring(1)
                    : word;
        }

        /** Tool arguments and results: each string value rewritten, each number mapped; still valid JSON. */
        String json(String arguments) {
            JsonNode json = jsonOrNull(arguments);
            return json == null ? arguments : walk(json).toString();
        }

        private JsonNode walk(JsonNode node) {
            if (node.isObject()) {
                ObjectNode copy = MAPPER.createObjectNode();
                node.fields().forEachRemaining(e -> copy.set(e.getKey(), walk(e.getValue())));
                return copy;
            }
            if (node.isArray()) {
                ArrayNode copy = MAPPER.createArrayNode();
                node.forEach(element -> copy.add(walk(element)));
                return copy;
            }
            if (node.isTextual()) {
                String value = node.asText();
                if (fixed.values().contains(value)) {
                    return node;
                }
                String title = titles.get(value.strip().toLowerCase(Locale.ROOT));
                return new TextNode(title != null ? title : text(value, false));
            }
            if (node.isIntegralNumber()) {
                BigDecimal mapped = numbers.mapped(new BigDecimal(node.bigIntegerValue()));
                return mapped == null ? node
                        : node.canConvertToInt() ? IntNode.valueOf(mapped.intValue())
                                : LongNode.valueOf(
                                        mapped.longValue());
            }
            if (node.isNumber()) {
                BigDecimal mapped = numbers.mapped(node.decimalValue());
                return mapped == null ? node : DecimalNode.valueOf(mapped);
            }
            return node;
        }

        /** An equation with its operands mapped and its result recomputed; the old result maps to the new one. */
        private String equation(Matcher m) {
            String left = m.group(1);
            Matcher operand = Arithmetic.OPERAND.matcher(left);
            StringBuilder rebuilt = new StringBuilder();
            while (operand.find()) {
                BigDecimal value = Arithmetic.parse(operand.group());
                BigDecimal mapped = value == null ? null : numbers.map(value);
                operand.appendReplacement(rebuilt, Matcher.quoteReplacement(mapped == null ? operand.group()
                        : Arithmetic.format(mapped, operand.group())));
            }
            operand.appendTail(rebuilt);
            BigDecimal before = Arithmetic.evaluate(left);
            BigDecimal after = Arithmetic.evaluate(rebuilt.toString());
            BigDecimal oldResult = Arithmetic.parse(m.group(2));
            if (after == null || before == null || oldResult == null) {
                return null;
            }
            boolean wasWhole = before.stripTrailingZeros().scale() <= 0;
            boolean isWhole = after.stripTrailingZeros().scale() <= 0;
            if (wasWhole && !isWhole || before.signum() >= 0 && after.signum() < 0) {
                numbers.broken = true;
            }
            if (!Arithmetic.agrees(before, m.group(2))) {
                return null;
            }
            numbers.results.put(Numbers.key(oldResult), after);
            String separator = m.group().substring(left.length(), m.group().length() - m.group(2).length());
            return rebuilt + separator + Arithmetic.format(after, m.group(2));
        }

        /** A capitalised word's new name, or null to keep it: not a name, or a word here, or a place's name. */
        private String swappedName(String text, Matcher m) {
            String word = m.group();
            String person = names.get(word);
            String place = names.get(PLACE + word);
            if (person == null && place == null || aWordBefore(text, m.end())) {
                return null;
            }
            return aPlaceBefore(text, m.end()) ? place : person;
        }

        /** Another code of the same shape: each capital another capital, each digit another digit. */
        private String sameShape(String code) {
            StringBuilder drawn = new StringBuilder();
            for (int i = 0; i < code.length(); i++) {
                char c = code.charAt(i);
                drawn.append(Character.isDigit(c) ? (char) ('0' + random.nextInt(10)) : (char) ('A' + random.nextInt(26)));
            }
            return drawn.toString();
        }

        private String digits(int length) {
            StringBuilder digits = new StringBuilder();
            digits.append(1 + random.nextInt(9));
            for (int i = 1; i < length; i++) {
                digits.append(random.nextInt(10));
            }
            return digits.toString();
        }
    }

    private static JsonNode jsonOrNull(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        if (!(t.startsWith("{") || t.startsWith("["))) {
            return null;
        }
        try {
            return MAPPER.readTree(t);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The exact pattern of a title, and the loose one of its key words as a user writes them in a sentence. */
    private static Pattern[] titlePatterns(String title) {
        Pattern exact = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(title) + "(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        List<String> words = new ArrayList<>();
        for (String word : title.split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty() && !word.toLowerCase(Locale.ROOT).matches(FILLERS)) {
                words.add(word);
            }
        }
        if (words.size() < 2) {
            return new Pattern[] { exact, null };
        }
        String gap = "(?:[\\s\\-]+(?:" + FILLERS + ")(?![\\p{L}])){0,3}[\\s\\-]+";
        StringBuilder regex = new StringBuilder("(?<![\\p{L}\\p{N}])(?:(?:the|a|an|my|our|your)\\s+)?");
        for (int i = 0; i < words.size(); i++) {
            if (i > 0) {
                regex.append(gap);
            }
            regex.append(Pattern.quote(words.get(i))).append("(?:s|es)?");
        }
        regex.append("(?![\\p{L}\\p{N}])");
        return new Pattern[] { exact,
                Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE) };
    }

    private static String casedLike(String matched, String title) {
        if (!matched.isEmpty() && Character.isLowerCase(matched.charAt(0))) {
            return Character.toLowerCase(title.charAt(0)) + title.substring(1);
        }
        return title;
    }
}
