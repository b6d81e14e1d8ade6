package dev.seedforge.simulator.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Breaks an example the way real teachers occasionally do, with defects a format validator must reject: an empty
 * assistant reply, two user turns in a row, or a conversation that ends on the user's turn.
 */
public final class StructuralDefects {

    public enum Defect {
        EMPTY_ASSISTANT,
        CONSECUTIVE_USER_TURNS,
        ENDS_WITH_USER
    }

    private static final List<String> FOLLOW_UPS = List.of("Thanks!", "Wait, one more thing.",
            "Actually, can you change that?", "Hmm, are you sure about that?", "And what about the rest?",
            "Okay, and then what?");

    private StructuralDefects() {
    }

    public static Example apply(Example example, SplittableRandom random) {
        Defect[] defects = Defect.values();
        return apply(example, defects[random.nextInt(defects.length)], random);
    }

    public static Example apply(Example example, Defect defect, SplittableRandom random) {
        List<Turn> turns = new ArrayList<>(example.messages());
        String followUp = FOLLOW_UPS.get(random.nextInt(FOLLOW_UPS.size()));
        switch (defect) {
            case EMPTY_ASSISTANT -> {
                List<Integer> replies = indexesOf(turns, Turn.ASSISTANT);
                if (replies.isEmpty()) {
                    turns.add(new Turn(Turn.ASSISTANT, ""));
                } else {
                    int at = replies.get(random.nextInt(replies.size()));
                    turns.set(at, turns.get(at).withContent(""));
                }
            }
            case CONSECUTIVE_USER_TURNS -> {
                List<Integer> asks = indexesOf(turns, Turn.USER);
                int at = asks.isEmpty() ? 0 : asks.get(random.nextInt(asks.size())) + 1;
                turns.add(at, new Turn(Turn.USER, followUp));
                if (asks.isEmpty()) {
                    turns.add(0, new Turn(Turn.USER, followUp));
                }
            }
            case ENDS_WITH_USER -> turns.add(new Turn(Turn.USER, followUp));
        }
        return new Example(turns, example.tools());
    }

    private static List<Integer> indexesOf(List<Turn> turns, String role) {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < turns.size(); i++) {
            if (role.equals(turns.get(i).role())) {
                indexes.add(i);
            }
        }
        return indexes;
    }
}
