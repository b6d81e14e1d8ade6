package dev.seedforge.simulator.domain;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * Rewrites the wording around a user's request the way different people write: an opener, a sentence about who they
 * are (the cell's persona, else one drawn from the {@link ValueLibrary}), the tone the cell asks for, a closing
 * remark, varied punctuation. The request itself (and any data after a blank line, such as an Alpaca {@code input})
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
    private static final java.util.Set<String> LOWERABLE = java.util.Set.of("please", "can", "could", "would",
            "will", "what", "how", "why", "when", "where", "which", "who", "is", "are", "do", "does", "the", "a",
            "an", "my", "our", "this", "that", "there", "it", "give", "show", "list", "find", "write", "tell",
            "make", "create", "add", "help", "summarize", "summarise", "classify", "explain", "translate", "following",
            "thanks", "okay", "got", "before", "one", "going", "right");
    private static final Pattern STARTS_WITH_I = Pattern.compile("^(I\\b|I'|[A-Z]{2,})");

    private RequestStyler() {
    }

    /** What shapes a user's voice in one example. */
    record Voice(String persona, Map<String, String> tones, String style, double variation) {
    }

    static String style(String request, Voice voice, boolean firstTurn, ValueLibrary values,
            SplittableRandom random) {
        int blank = request.indexOf("\n\n");
        String head = blank < 0 ? request : request.substring(0, blank);
        String data = blank < 0 ? "" : request.substring(blank);
        if (voice.style() != null) {
            head = StyleRewriter.apply(head, voice.style());
        }
        StringBuilder before = new StringBuilder();
        StringBuilder after = new StringBuilder();
        double v = voice.style() == null ? voice.variation() : 0;
        if (firstTurn && voice.persona() != null) {
            before.append(personaSentence(voice.persona())).append(' ');
        } else if (firstTurn && v > 0 && random.nextDouble() < 0.45 * v) {
            before.append(values.persona()).append(". ");
        }
        for (String tone : voice.tones().values()) {
            before.insert(0, ToneLexicon.opener(tone, random) + " ");
            String closer = ToneLexicon.closer(tone, random);
            if (!closer.isEmpty()) {
                after.append(' ').append(closer);
            }
        }
        if (voice.tones().isEmpty() && v > 0 && random.nextDouble() < 0.5 * v) {
            before.insert(0, OPENERS.get(random.nextInt(OPENERS.size())) + " ");
        }
        if (voice.tones().isEmpty() && v > 0 && random.nextDouble() < 0.3 * v) {
            after.append(' ').append(CLOSERS.get(random.nextInt(CLOSERS.size())));
        }
        String core = head.strip();
        if (!before.isEmpty() && !core.isEmpty() && before.toString().strip().endsWith(",")
                && LOWERABLE.contains(core.split("[^\\p{L}']", 2)[0].toLowerCase(Locale.ROOT))
                && !STARTS_WITH_I.matcher(core).find()) {
            core = Character.toLowerCase(core.charAt(0)) + core.substring(1);
        }
        if (!after.isEmpty() && !core.isEmpty() && !ENDS_SENTENCE.matcher(core).matches()) {
            core = core + ".";
        }
        String styled = (before + core + after).strip();
        return punctuation(styled, random, v) + data;
    }

    /** The persona as the user would say it: "I'm a retired teacher from Ohio." */
    static String personaSentence(String persona) {
        String p = persona.strip().replaceAll("[.\\s]+$", "");
        if (p.isEmpty()) {
            return "";
        }
        String lower = p.toLowerCase(Locale.ROOT);
        if (lower.startsWith("i ") || lower.startsWith("i'm") || lower.startsWith("my ")) {
            return Character.toUpperCase(p.charAt(0)) + p.substring(1) + ".";
        }
        if (lower.matches("(a|an|the)\\b.*")) {
            return "I'm " + Character.toLowerCase(p.charAt(0)) + p.substring(1) + ".";
        }
        return "A bit about me: " + p + ".";
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
