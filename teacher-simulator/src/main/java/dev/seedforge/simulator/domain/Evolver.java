package dev.seedforge.simulator.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Evol-Instruct on one example: makes its (last) user request harder in the way asked, with a visible change, and
 * leaves the rest of the conversation alone, the request's material after a blank line included. Operations:
 * {@code add_constraints}, {@code deepen},
 * {@code concretize}, {@code add_reasoning}, {@code broaden}; an unknown one falls back to {@code add_constraints}.
 */
public final class Evolver {

    public static final List<String> OPERATIONS = List.of("add_constraints", "deepen", "concretize", "add_reasoning",
            "broaden");

    private static final Map<String, List<String>> CLAUSES = Map.of(
            "add_constraints", List.of("Only do this if nothing else has to change.",
                    "Make sure it is done before the end of the week.", "Keep everything else exactly as it is.",
                    "Do not touch anything that is already finished.", "Use exactly the wording I gave."),
            "deepen", List.of("Also tell me what changes as a result.",
                    "And explain what happens if this cannot be done.",
                    "Also check whether anything depends on it first."),
            "concretize", List.of("This is for the Monday 10:00 team meeting.",
                    "It is for the Berlin office, starting next quarter.",
                    "It concerns the onboarding of our two new hires."),
            "add_reasoning", List.of("Think it through step by step before you answer.",
                    "Explain your reasoning briefly before giving the result.",
                    "Walk me through how you decide, then do it."),
            "broaden", List.of("And do the same for anything similar.",
                    "Then apply the same to the rest of my list.",
                    "If there are related items, handle those too."));

    private Evolver() {
    }

    /** Every sentence an evolution may add (for tests that look for them). */
    static List<String> clauses() {
        return CLAUSES.values().stream().flatMap(List::stream).toList();
    }

    public static String operation(String requested) {
        return requested != null && CLAUSES.containsKey(requested) ? requested : "add_constraints";
    }

    public static Example evolve(Example example, String operation, SplittableRandom random) {
        List<String> clauses = CLAUSES.get(operation(operation));
        String clause = clauses.get(random.nextInt(clauses.size()));
        List<Turn> turns = new ArrayList<>(example.messages());
        for (int i = turns.size() - 1; i >= 0; i--) {
            Turn turn = turns.get(i);
            if (turn.isUser()) {
                // the request is what comes before a blank line; what follows is its material (an Alpaca input, a
                // document, passages), which a harder request leaves as it is
                String content = turn.content();
                int blank = content.indexOf("\n\n");
                String text = (blank < 0 ? content : content.substring(0, blank)).stripTrailing();
                String material = blank < 0 ? "" : content.substring(blank);
                String joined = text.isEmpty() || text.matches("(?s).*[.!?]$") ? text : text + ".";
                turns.set(i, turn.withContent((joined + " " + clause).strip() + material));
                return new Example(turns, example.tools());
            }
        }
        turns.add(0, new Turn(Turn.USER, clause));
        return new Example(turns, example.tools());
    }
}
