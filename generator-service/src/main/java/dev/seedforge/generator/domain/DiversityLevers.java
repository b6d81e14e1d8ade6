package dev.seedforge.generator.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.DiversitySpec;

/**
 * Chooses the levers of one call from the spec's switches and the cell's record. Personas and digests are shown on
 * every call when switched on (they cost a few tokens); temperature and seed rotation move only when the cell's
 * duplicate rate climbs, a step per {@link #PRESSURE_STEP} of duplicates.
 */
public final class DiversityLevers {

    /** Digests shown per call: enough to steer away from what exists, few enough to keep the prompt short. */
    public static final int DIGESTS_PER_CALL = 8;
    static final int DIGEST_WORDS = 15;
    /** Outcomes a cell needs before its duplicate rate moves the adaptive levers. */
    static final int MIN_OUTCOMES = 5;
    static final double PRESSURE_STEP = 0.2;
    static final int MAX_PRESSURE = 3;
    static final double TEMPERATURE_STEP = 0.15;

    private DiversityLevers() {
    }

    /**
     * The levers of call {@code callSequence} for a cell with {@code duplicates} of {@code outcomes}, given the
     * persona library and the digests of the cell's latest examples (newest first).
     */
    public static Diversity choose(DiversitySpec spec, long randomSeed, long callSequence, long duplicates,
            long outcomes, List<String> personas, List<String> digests) {
        DiversitySpec levers = spec == null ? DiversitySpec.DEFAULT : spec.withDefaults();
        String persona = null;
        if (levers.personas() && !personas.isEmpty()) {
            persona = personas.get(new SplittableRandom(randomSeed * 1_000_003L + callSequence).nextInt(
                    personas.size()));
        }
        List<String> shown = levers.alreadyHave() ? digests.subList(0, Math.min(DIGESTS_PER_CALL, digests.size()))
                : List.of();
        int pressure = levers.adaptive() ? pressure(duplicates, outcomes) : 0;
        return new Diversity(persona, shown, pressure * TEMPERATURE_STEP, pressure);
    }

    /** 0 while a cell repeats little; one step more per {@link #PRESSURE_STEP} of its outcomes found duplicate. */
    static int pressure(long duplicates, long outcomes) {
        if (outcomes < MIN_OUTCOMES) {
            return 0;
        }
        // the epsilon keeps 0.6 / 0.2 at 3 steps, not 2.999...
        return (int) Math.min(MAX_PRESSURE, Math.floor((double) duplicates / outcomes / PRESSURE_STEP + 1e-9));
    }

    /** The first words of an example's first user request, on one line: what the teacher is told the cell has. */
    public static String digest(Conversation example) {
        String request = example.messages().stream().filter(t -> ChatTurn.USER.equals(t.role())).map(ChatTurn::content)
                .filter(c -> c != null && !c.isBlank()).findFirst().orElse("");
        String[] words = request.strip().split("\\s+");
        String head = String.join(" ", Arrays.asList(words).subList(0, Math.min(DIGEST_WORDS, words.length)));
        return words.length > DIGEST_WORDS ? head + " ..." : head;
    }

    /** Digests of examples, newest first, without repeats. */
    public static List<String> digests(List<Conversation> newestFirst) {
        List<String> digests = new ArrayList<>();
        for (Conversation example : newestFirst) {
            String digest = digest(example);
            if (!digest.isEmpty() && !digests.contains(digest)) {
                digests.add(digest);
            }
        }
        return digests;
    }
}
