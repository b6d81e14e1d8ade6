package dev.seedforge.simulator.domain;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites a user request in a style: {@code question} ("Could you ...?"), {@code formal} ("Kindly ..."),
 * {@code casual} (lower case, "pls") or {@code imperative} (a bare command). Quoted titles are left as written.
 * Requests that do not start with a verb get a style marker around them instead of a reworded opening.
 */
public final class StyleRewriter {

    private static final Pattern POLITE_OPENER = Pattern.compile(
            "^(?i:(?:hi|hey|hello)[,!]?\\s+)?(?i:(?:please|kindly|pls)\\s+|(?:can|could|would|will) you\\s+(?:please\\s+)?"
                    + "|i(?:'d| would) like you to\\s+|i need you to\\s+)");
    private static final Pattern TRAILER = Pattern.compile("(?i)(?:,?\\s*(?:please|pls|thanks|thank you))?[\\s.!?]*$");
    private static final Pattern QUOTED = Pattern.compile("'[^'\\n]*'|\"[^\"\\n]*\"");
    private static final Set<String> NOT_VERBS = Set.of("i", "i'm", "i'd", "my", "the", "a", "an", "what", "which",
            "who", "when", "where", "why", "how", "is", "are", "do", "does", "there", "this", "that", "it", "we",
            "our", "your", "any", "all");

    private static final Set<String> ASKING = Set.of("what", "which", "who", "when", "where", "why", "how", "is",
            "are", "do", "does");

    private StyleRewriter() {
    }

    public static String apply(String request, String style) {
        if (style == null || request == null || request.isBlank()) {
            return request;
        }
        String core = TRAILER.matcher(POLITE_OPENER.matcher(request.strip()).replaceFirst("")).replaceFirst("");
        if (core.isBlank()) {
            return request;
        }
        String first = core.split("[\\s,]+", 2)[0].toLowerCase(Locale.ROOT);
        boolean command = !NOT_VERBS.contains(first) && !core.contains("?") && !core.contains("\n");
        return switch (style) {
            case "question", "questions", "interrogative" -> command ? "Could you " + lowerFirst(core) + "?"
                    : ASKING.contains(first) ? core + "?" : core + ". Could you take care of that?";
            case "formal", "polite" -> command ? "Kindly " + lowerFirst(core) + "." : "Good day. " + core + ".";
            case "casual", "informal" -> lowerOutsideQuotes(command ? core + " pls" : "hey, " + core + " pls");
            case "imperative", "command", "terse" -> command ? upperFirst(core) + "." : core;
            default -> request;
        };
    }

    static String lowerOutsideQuotes(String text) {
        StringBuilder out = new StringBuilder();
        Matcher matcher = QUOTED.matcher(text);
        int at = 0;
        while (matcher.find()) {
            out.append(text.substring(at, matcher.start()).toLowerCase(Locale.ROOT)).append(matcher.group());
            at = matcher.end();
        }
        return out.append(text.substring(at).toLowerCase(Locale.ROOT)).toString();
    }

    private static String lowerFirst(String text) {
        if (text.length() > 1 && Character.isUpperCase(text.charAt(1))) {
            return text;
        }
        return Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    private static String upperFirst(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
