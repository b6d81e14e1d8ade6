package dev.seedforge.simulator.domain;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
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

    /**
     * Which of a cell's axes holds the label, as a model reading the call would tell: the axis whose value the seeds
     * answer with ({@code seedsAnswer}), else one whose value the task names ("positive, negative or neutral"), else
     * one named in the task ("classify by intent") or named as a class is ({@code label}, {@code sentiment}), else
     * (for a judge, which sees no seeds) one whose value the judged reply gives ({@code replyAnswers}); else none. An
     * axis none of these point at is context (a department, a channel), and its value is never the answer.
     */
    static String labelAxis(Map<String, String> axes, String task, Predicate<String> seedsAnswer,
            Predicate<String> replyAnswers) {
        String context = task == null ? "" : task;
        List<Map.Entry<String, String>> candidates = axes.entrySet().stream()
                .filter(axis -> !"style".equals(axis.getKey()) && words(axis.getValue()) <= 3).toList();
        List<Map.Entry<String, String>> notVoices = candidates.stream()
                .filter(axis -> !ToneLexicon.VOICE_AXES.contains(axis.getKey().toLowerCase(Locale.ROOT))).toList();
        return candidates.stream().filter(axis -> seedsAnswer.test(axis.getValue())).findFirst()
                .or(() -> notVoices.stream().filter(axis -> ExampleWriter.mentions(context, axis.getValue()))
                        .findFirst())
                .or(() -> notVoices.stream().filter(axis -> ExampleWriter.mentions(context, axis.getKey())
                        || LABEL_AXIS_NAMES.contains(axis.getKey().toLowerCase(Locale.ROOT))).findFirst())
                .or(() -> notVoices.stream().filter(axis -> replyAnswers.test(axis.getValue())).findFirst())
                .map(Map.Entry::getKey).orElse(null);
    }

    /** Axis names that say the value is the answer's class, however the task is worded. */
    private static final Set<String> LABEL_AXIS_NAMES = Set.of("label", "labels", "class", "category", "sentiment",
            "intent", "verdict", "classification");

    /** The label written the way the seeds write theirs (capitalised or not). */
    static String casedLikeSeeds(String label, List<Example> seeds) {
        boolean capital = seeds.stream().map(Labels::finalReply).filter(r -> !r.isEmpty())
                .anyMatch(r -> Character.isUpperCase(r.charAt(0)));
        String l = label.strip();
        return capital && !l.isEmpty() ? Character.toUpperCase(l.charAt(0)) + l.substring(1) : l;
    }
}
