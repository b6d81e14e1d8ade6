package dev.seedforge.simulator.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the wording around a user's request the way different people write: the circumstances they mention
 * ({@link Situations}), who they are when the cell names a persona (its role, said in one of several ways; a persona
 * asking for lower case or terseness writes that way), the tone the cell asks for, an opener or closing remark,
 * varied punctuation. The request itself (and any data after a blank line, such as an Alpaca {@code input})
 * is left as it is. How much changes grows with the sampling temperature.
 */
final class RequestStyler {

    private static final List<String> OPENERS = List.of("Hi,", "Hello!", "Quick question:", "Hey there.",
            "Good morning.", "Hoping you can help.", "Okay, so", "Hi again.", "Morning!", "Hello there,",
            "Can I ask something?", "I need a hand with something.", "So,", "Right,", "Hey!", "Good evening.",
            "One thing for you:", "Here's my situation.", "Not sure who else to ask.", "Hi, first time here.");
    private static final List<String> CLOSERS = List.of("Thanks!", "Thanks in advance.", "Appreciate it.",
            "Cheers.", "Thank you!", "Much appreciated.", "Let me know if you need more details.",
            "That's all for now.", "Thanks a lot.", "Hope that's clear.");
    private static final Pattern ENDS_SENTENCE = Pattern.compile("(?s).*[.!?:,]\\s*$");
    /** Words that may lose their capital after an opener ending in a comma (a name never does). */
    private static final java.util.Set<String> LOWERABLE = java.util.Set.of(
            "please", "can", "could", "would", "will", "what", "how", "why", "when", "where", "which", "who", "is",
            "are", "do", "does", "the", "a", "an", "my", "our", "this", "that", "there", "it", "give", "show",
            "list", "find", "write", "tell", "make", "create", "add", "help", "summarize", "summarise", "classify",
            "explain", "translate", "following", "thanks", "okay", "got", "before", "one", "going", "right",
            "should", "may", "might", "shall", "has", "have", "did", "was", "were", "any", "some", "every", "all",
            "solve", "compute", "calculate", "differentiate", "integrate", "simplify", "prove", "count", "convert",
            "turn", "draft", "rewrite", "answer", "check", "fix", "book", "move", "cancel", "suggest", "describe",
            "compare", "generate", "extract", "identify", "name", "sort", "plan", "recommend", "review", "send",
            "update", "remove", "delete", "set", "change", "reset", "schedule", "remind", "search", "look", "draw",
            "format", "rank", "rate", "pick", "choose", "read", "parse", "debug", "refactor", "implement", "design",
            "outline", "proofread", "correct", "shorten", "expand", "paraphrase", "detect", "predict", "estimate",
            "decide", "evaluate", "analyze", "analyse", "plot", "order", "buy", "return", "refund", "track", "open",
            "close", "start", "stop", "run", "build", "deploy", "install", "configure", "use", "let", "get", "need",
            "want", "reply", "respond", "decline", "confirm", "approve", "reject", "split", "merge", "join",
            "filter", "group", "map", "tag", "label", "score", "grade", "define", "spell", "say", "note", "keep",
            "print", "export", "import", "copy", "paste", "replace", "rename", "resize", "compress", "encrypt",
            "sign", "verify", "test", "validate", "as", "speaking", "being", "we", "we're", "we'll", "we've", "it's",
            "normally", "last", "here's", "just", "given", "if", "in", "for", "based", "imagine", "assume",
            "suppose", "consider", "determine", "output", "using", "rearrange", "arrange", "complete", "derive",
            "construct", "provide", "edit", "select", "assign", "categorize", "categorise", "transform", "produce",
            "compose", "brainstorm", "invent", "reverse", "insert", "combine", "divide", "multiply", "subtract",
            "locate", "state", "think", "take", "research", "come", "develop", "support");
    private static final Pattern STARTS_WITH_I = Pattern.compile("^(I\\b|I'|[A-Z]{2,})");

    private RequestStyler() {
    }

    /** What shapes a user's voice in one example; {@code taskWords} are the topics a user of the task may name. */
    record Voice(String persona, Map<String, String> tones, String style, double variation, List<String> taskWords) {

        Voice(String persona, Map<String, String> tones, String style, double variation) {
            this(persona, tones, style, variation, List.of());
        }
    }

    private static final List<String> ROLE_FRAMES = List.of("As %s, ", "%s here. ", "I work as %s, and ",
            "Speaking as %s: ", "(I'm %s.) ", "Being %s, ", "I'm %s by trade. ");
    private static final Pattern ROLE_END = Pattern.compile(
            "(?i)\\s+(?:who|with|that|writing|handling|dictating|managing|on|from|in|at|for)\\b|[.,;(]");
    private static final Pattern TERSE = Pattern.compile("(?i)terse|brisk|hurry|short|imperative|to the point|direct");
    private static final Pattern LOWERCASE = Pattern.compile("(?i)lower ?case|casual");

    static String style(String request, Voice voice, boolean firstTurn, ValueLibrary values,
            SplittableRandom random) {
        int blank = request.indexOf("\n\n");
        String head = blank < 0 ? request : request.substring(0, blank);
        String data = blank < 0 ? "" : request.substring(blank);
        LocalPhrases local = LocalPhrases.forText(head);
        // a greeting is said first, and once: the words around the request go after it, a later request has none
        String opening = Greetings.of(head.strip());
        String greeting = firstTurn ? opening : "";
        head = Greetings.without(head.strip(), opening);
        if (local != null) {
            return styleIn(local, head, greeting, voice, firstTurn, random) + data;
        }
        if (Greetings.bare(greeting) && voice.variation() > 0 && random.nextDouble() < 0.4 * voice.variation()) {
            greeting = ""; // another opener says it below
        }
        if (voice.style() != null) {
            head = StyleRewriter.apply(head, voice.style());
        }
        // "Rearrange the words to form the correct sentence:" introduces what follows it: nothing goes in between
        boolean introduces = head.strip().endsWith(":");
        String persona = voice.persona() == null ? "" : voice.persona();
        boolean terse = TERSE.matcher(persona).find();
        StringBuilder before = new StringBuilder();
        StringBuilder after = new StringBuilder();
        double v = voice.style() == null ? voice.variation() : 0;
        double s = voice.variation();
        List<String> situations = new ArrayList<>();
        if (random.nextDouble() < (firstTurn ? 1.0 : 0.4) * Math.min(1.0, s)) {
            int count = 1;
            for (int more = 0; firstTurn && more < 2 && random.nextDouble() < 0.6 * s; more++) {
                count++;
            }
            // never two of one kind ("We're a small shop run by ...'s family." twice in one request)
            situations.addAll(Situations.sentences(values, voice.taskWords(), count, random));
        }
        for (String tone : voice.tones().values()) {
            before.insert(0, ToneLexicon.opener(tone, random) + " ");
            String closer = ToneLexicon.closer(tone, random);
            if (!closer.isEmpty() && !introduces) {
                after.append(' ').append(closer);
            }
        }
        String opener = "";
        if (voice.tones().isEmpty() && !terse && v > 0 && greeting.isEmpty() && random.nextDouble() < 0.4 * v) {
            opener = OPENERS.get(random.nextInt(OPENERS.size()));
            before.insert(0, opener + " ");
        }
        String role = firstTurn ? role(persona) : "";
        boolean roleFirst = !role.isEmpty() && random.nextDouble() < 0.75;
        // a styled request keeps its telling end (a question mark, "pls") or its formal opening
        String st = voice.style() == null ? "" : voice.style();
        boolean styledLast = st.matches("questions?|interrogative|casual|informal");
        boolean styledFirst = !st.isEmpty() && !styledLast;
        for (String situation : situations) {
            if (!introduces && (styledFirst || !styledLast && (random.nextBoolean() || roleFirst))) {
                after.append(' ').append(situation);
            } else {
                before.append(situation).append(' ');
            }
        }
        if (roleFirst && !styledFirst) {
            String frame = ROLE_FRAMES.get(random.nextInt(ROLE_FRAMES.size()));
            String said = frame.startsWith("%") ? upperFirst(role) : role;
            before.append(frame.formatted(said));
        }
        if (voice.tones().isEmpty() && !terse && v > 0 && !introduces && random.nextDouble() < 0.25 * v) {
            after.append(' ').append(CLOSERS.get(random.nextInt(CLOSERS.size())));
        }
        if (goesOn(opener) && before.length() > opener.length() + 1) {
            // "So, As a designer," and "Okay, so Speaking as ...": the sentence the opener began goes on in lower case
            String next = before.substring(opener.length() + 1);
            if (lowerable(next)) {
                before.setCharAt(opener.length() + 1, Character.toLowerCase(next.charAt(0)));
            }
        }
        String core = head.strip();
        String lead = before.toString().strip();
        if (!lead.isEmpty() && !core.isEmpty() && goesOn(lead)
                && lowerable(core)) {
            core = Character.toLowerCase(core.charAt(0)) + core.substring(1);
        }
        if (!after.isEmpty() && !core.isEmpty() && !ENDS_SENTENCE.matcher(core).matches()) {
            core = core + ".";
        }
        String styled = (greeting + " " + before + core + after).strip();
        if (LOWERCASE.matcher(persona).find() && voice.style() == null || st.matches("casual|informal")) {
            styled = StyleRewriter.lowerOutsideQuotes(styled);
        }
        return punctuation(styled, random, v) + data;
    }

    /**
     * A request in a language {@link LocalPhrases} has phrases for: its circumstances, opener and closing remark in
     * that language. The persona, tone and style the generator states in English are not said in it (a Japanese
     * request with "As a nurse," pasted in is what this avoids).
     */
    private static String styleIn(LocalPhrases local, String head, String greeting, Voice voice, boolean firstTurn,
            SplittableRandom random) {
        double s = Math.min(1.0, voice.variation());
        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        if (!greeting.isEmpty() && !(Greetings.bare(greeting) && random.nextDouble() < 0.5 * s)) {
            before.add(greeting);
        } else if (!greeting.isEmpty() || random.nextDouble() < 0.4 * s) {
            before.add(local.opener(random)); // a bare greeting said in another of the language's ways
        }
        // more sentences than an English request gets, a later turn more often: the phrases here are fewer, and each
        // says less than an English one, so fewer would leave a conversation's requests too alike to tell apart
        if (random.nextDouble() < (firstTurn ? 1.0 : 0.8) * s) {
            int count = firstTurn ? 2 : 1;
            for (int more = 0; more < 2 && random.nextDouble() < 0.6 * s; more++) {
                count++;
            }
            for (String situation : local.situations(count, random)) {
                (random.nextBoolean() ? after : before).add(situation);
            }
        }
        if (random.nextDouble() < 0.25 * s) {
            after.add(local.closer(random));
        }
        String core = head.strip();
        if (!after.isEmpty() && !core.isEmpty() && !core.matches("(?s).*[.!?。！？：:؟]\\s*$")) {
            core = core + local.fullStop();
        }
        List<String> parts = new ArrayList<>(before);
        parts.add(core);
        parts.addAll(after);
        for (int i = 1; i < parts.size(); i++) {
            // "Hola, trabajo como ...": after an opener's comma the sentence goes on in lower case
            if (parts.get(i - 1).endsWith(",") && !parts.get(i).isEmpty()
                    && !STARTS_WITH_I.matcher(parts.get(i)).find()) {
                parts.set(i, Character.toLowerCase(parts.get(i).charAt(0)) + parts.get(i).substring(1));
            }
        }
        return local.joined(parts).strip();
    }

    /** Whether words after {@code lead} continue its sentence: it ends in a comma, a colon, "and" or "so". */
    private static boolean goesOn(String lead) {
        return lead.endsWith(",") || lead.endsWith(":") || lead.endsWith(" and") || lead.endsWith(" so");
    }

    /** Whether a text may lose its first capital when it continues a sentence: a common word, never "I" or a name. */
    private static boolean lowerable(String text) {
        return LOWERABLE.contains(text.split("[^\\p{L}']", 2)[0].toLowerCase(Locale.ROOT))
                && !STARTS_WITH_I.matcher(text).find();
    }

    /** Who the persona is, without how they write: "a night-shift nurse" of "a night-shift nurse who orders...". */
    static String role(String persona) {
        if (persona == null || persona.isBlank()) {
            return "";
        }
        String p = persona.strip().replaceAll("[.\\s]+$", "");
        Matcher end = ROLE_END.matcher(p);
        boolean cut = end.find() && end.start() > 0;
        String role = cut ? p.substring(0, end.start()).strip() : p;
        if (cut && role.split("\\s+").length >= 3) {
            // "a visually impaired user relying" of "... relying on a screen reader": a participle cut from its object
            role = role.replaceFirst("\\s+\\p{L}{3,}ing$", "");
        }
        String lower = role.toLowerCase(Locale.ROOT);
        if (lower.startsWith("i ") || lower.startsWith("i'm ") || lower.startsWith("my ")) {
            return "";
        }
        if (!lower.matches("(a|an|the)\\b.*")) {
            role = ValueLibrary.article(role);
        }
        return Character.toLowerCase(role.charAt(0)) + role.substring(1);
    }

    private static String upperFirst(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String punctuation(String text, SplittableRandom random, double v) {
        if (text.isEmpty() || text.contains("\n") || v == 0) {
            return text;
        }
        char last = text.charAt(text.length() - 1);
        if (last == '.' && random.nextDouble() < 0.2 * v) {
            return text.substring(0, text.length() - 1);
        }
        if (Character.isLetterOrDigit(last) && random.nextDouble() < 0.3 * v) {
            return text + ".";
        }
        return text;
    }
}
