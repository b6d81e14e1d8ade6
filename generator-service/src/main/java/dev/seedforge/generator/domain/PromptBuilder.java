package dev.seedforge.generator.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.Json;

/**
 * Builds the teacher prompt of one call: the task, a rotated subset of the seeds as few-shot examples (a different
 * subset per call, reproducible from the job's random seed), and how many new examples to write.
 */
public final class PromptBuilder {

    /** Seeds shown per call: enough to fix the format, few enough to leave room for variety. */
    public static final int SEEDS_PER_CALL = 4;

    static final String SYSTEM = """
            You write training examples for fine-tuning a language model. Each example is a conversation: user \
            turns that make a realistic, new request, and assistant turns that give the ideal reply. Follow the \
            conventions and reply format of the seed examples exactly, but never copy them: vary the content \
            (names, titles, dates, numbers, priorities) and the wording of the requests. Answer with JSON only, \
            in the schema you are given.""";

    private PromptBuilder() {
    }

    public static GenerationPrompt build(JobSpec spec, long callSequence, int count) {
        List<Integer> seedsUsed = rotateSeeds(spec.seeds().size(), spec.randomSeed(), callSequence);
        ArrayNode seeds = Json.MAPPER.createArrayNode();
        for (int index : seedsUsed) {
            seeds.add(fewShot(spec.seeds().get(index)));
        }
        StringBuilder user = new StringBuilder();
        user.append("<task>\n").append(spec.task().strip()).append("\n</task>\n\n");
        if (spec.systemPrompt() != null) {
            user.append("<system_prompt>\n").append(spec.systemPrompt().strip()).append("\n</system_prompt>\n\n");
        }
        user.append("<seed_examples>\n").append(seeds.toPrettyString()).append("\n</seed_examples>\n\n");
        user.append("<directives>\nWrite requests a real user would send, each different from the seeds and from ")
                .append("each other. Keep every reply in the exact format the seeds use.\n</directives>\n\n");
        user.append("<count>").append(count).append("</count>\n");
        user.append("Write ").append(count).append(count == 1 ? " new example." : " new examples.");
        double temperature = spec.temperature();
        String hash = Hashing.sha256(spec.teacherModel(), String.valueOf(temperature), SYSTEM, user.toString());
        return new GenerationPrompt(SYSTEM, user.toString(), seedsUsed, count, temperature, hash);
    }

    /** A different, reproducible subset of seed indexes for each call. */
    static List<Integer> rotateSeeds(int seedCount, long randomSeed, long callSequence) {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < seedCount; i++) {
            indexes.add(i);
        }
        SplittableRandom random = new SplittableRandom(randomSeed * 31 + callSequence);
        for (int i = indexes.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            indexes.set(i, indexes.set(j, indexes.get(i)));
        }
        List<Integer> chosen = new ArrayList<>(indexes.subList(0, Math.min(SEEDS_PER_CALL, seedCount)));
        chosen.sort(Integer::compare);
        return chosen;
    }

    /** The seed as the teacher should imitate it: its user and assistant turns, without the system prompt. */
    private static ObjectNode fewShot(Conversation seed) {
        ObjectNode example = Json.MAPPER.createObjectNode();
        ArrayNode messages = example.putArray("messages");
        for (ChatTurn turn : seed.messages()) {
            if (ChatTurn.USER.equals(turn.role()) || ChatTurn.ASSISTANT.equals(turn.role())) {
                messages.addObject().put("role", turn.role()).put("content", turn.content());
            }
        }
        return example;
    }
}
