package dev.seedforge.validator.judge;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.Json;

/**
 * What the judge model is asked: the task, the rubric, the tools the assistant may call, and several candidates
 * numbered from 0, each with the plan cell it was written for (so a judge can tell an example that ignores its axis
 * values or complexity from a good one), in one message. Tokens are what the judge costs, so a system prompt the
 * candidates share is shown once rather than with each of them, and a comment is asked for only where a score falls
 * short (a kept example needs none).
 */
public record JudgePrompt(String system, String user, List<String> criteria, int count, int minScore) {

    public static final String SCHEMA_NAME = "judge_scores";

    public static JudgePrompt of(JobSpec spec, List<Candidate> candidates) {
        Map<String, String> rubric = spec.withDefaults().judge().rubric();
        StringBuilder system = new StringBuilder("""
                You are a strict reviewer of training examples for fine-tuning a language model. Score every \
                example on each criterion from 1 (unusable) to 10 (perfect), independently of the others.
                Criteria:
                """);
        rubric.forEach((name, meaning) -> system.append("- ").append(name).append(": ").append(meaning).append('\n'));
        int minScore = spec.withDefaults().judge().minScore();
        system.append("An example's `cell` names what it was written to show (axis values, complexity, multi-turn):"
                + " an example that does not fit its cell falls short on quality.\n");
        system.append("Answer with `scores` holding one entry per example, under `example_<index>`: an integer score"
                + " per criterion and a `comment`: ").append(commentRule(minScore)).append('.');
        StringBuilder user = new StringBuilder();
        if (spec.task() != null) {
            user.append("The dataset's task: ").append(spec.task().strip()).append("\n\n");
        }
        if (spec.tools() != null && !spec.tools().isEmpty()) {
            user.append("The assistant may call these tools: ").append(Json.MAPPER.valueToTree(spec.tools()).toString())
                    .append("\n\n");
        }
        String sharedSystemPrompt = sharedSystemPrompt(candidates);
        if (sharedSystemPrompt != null) {
            user.append("Every example starts with this system message: ")
                    .append(Json.MAPPER.valueToTree(sharedSystemPrompt).toString()).append("\n\n");
        }
        user.append("Examples (").append(candidates.size()).append("):\n");
        for (int i = 0; i < candidates.size(); i++) {
            ObjectNode example = Json.MAPPER.createObjectNode();
            example.put("index", i);
            String cell = candidates.get(i).cell();
            if (cell != null && !cell.isBlank() && !Candidate.DEFAULT_CELL.equals(cell)) {
                example.put("cell", cell);
            }
            List<ChatTurn> turns = candidates.get(i).conversation().messages();
            if (sharedSystemPrompt != null) {
                turns = turns.stream().filter(turn -> !ChatTurn.SYSTEM.equals(turn.role())).toList();
            }
            ArrayNode messages = (ArrayNode) ExampleFormat.OPENAI.render(turns).get("messages");
            example.set("messages", messages);
            user.append(example).append('\n');
        }
        return new JudgePrompt(system.toString(), user.toString(), List.copyOf(rubric.keySet()), candidates.size(),
                minScore);
    }

    /** The instruction for an example's comment, in the prompt and in the answer's schema alike. */
    public static String commentRule(int minScore) {
        return "empty when every score is " + minScore + " or more; otherwise one short sentence naming the main"
                + " weakness";
    }

    /** The one system message every candidate opens with, or null when they differ or have none. */
    static String sharedSystemPrompt(List<Candidate> candidates) {
        String shared = null;
        for (Candidate candidate : candidates) {
            List<ChatTurn> systemTurns = candidate.conversation().messages().stream()
                    .filter(turn -> ChatTurn.SYSTEM.equals(turn.role())).toList();
            if (systemTurns.size() != 1 || !ChatTurn.SYSTEM.equals(candidate.conversation().messages().get(0).role())) {
                return null;
            }
            String content = systemTurns.get(0).content();
            if (shared == null) {
                shared = content;
            } else if (!shared.equals(content)) {
                return null;
            }
        }
        return shared;
    }
}
