package dev.seedforge.simulator.domain;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reading an example as a labelled one: its final answer, whether that answer is (or opens with) a given label, and
 * whether a set of seeds looks like a classification task (every final answer a word or three).
 */
public final class Labels {

    private Labels() {
    }

    /** The content of the last assistant turn that is not a tool call ("" when there is none). */
    public static String finalReply(Example example) {
        List<Turn> turns = example.messages();
        for (int i = turns.size() - 1; i >= 0; i--) {
            Turn turn = turns.get(i);
            if (turn.isAssistant() && !turn.hasToolCalls()) {
                return turn.content();
            }
        }
        return "";
    }

    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    static String normalise(String text) {
        return NOT_WORD.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    static int words(String text) {
        String n = normalise(text);
        return n.isEmpty() ? 0 : n.split(" ").length;
    }

    /** Whether the answer is the label, opens with it, or is a short answer naming it. */
    public static boolean answersWith(String reply, String label) {
        String r = normalise(reply);
        String l = normalise(label);
        if (l.isEmpty() || r.isEmpty()) {
            return false;
        }
        return r.equals(l) || r.startsWith(l + " ") || words(reply) <= 6 && (" " + r + " ").contains(" " + l + " ");
    }

    /**
     * Whether an answer reads as a label: a word or three, and not JSON however few its words
     * ({@code {"labels": ["termination"]}} is a structure to imitate, not the label "labels termination").
     */
    public static boolean isLabel(String reply) {
        int w = words(reply);
        return w >= 1 && w <= 3 && JsonReplies.parse(reply) == null;
    }

    /** Seeds whose answers are all labels ({@link #isLabel}): a classification task. */
    public static boolean classification(List<Example> seeds) {
        return !seeds.isEmpty() && seeds.stream().allMatch(s -> isLabel(finalReply(s)));
    }

    /** The label written the way the seeds write theirs (capitalised or not). */
    static String casedLikeSeeds(String label, List<Example> seeds) {
        boolean capital = seeds.stream().map(Labels::finalReply).filter(r -> !r.isEmpty())
                .anyMatch(r -> Character.isUpperCase(r.charAt(0)));
        String l = label.strip();
        return capital && !l.isEmpty() ? Character.toUpperCase(l.charAt(0)) + l.substring(1) : l;
    }
}
