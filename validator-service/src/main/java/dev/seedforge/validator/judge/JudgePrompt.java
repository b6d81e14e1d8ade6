package dev.seedforge.validator.judge;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.ToolDefinitions;

/**
 * What the judge model is asked: the task, the rubric, the tools the assistant may call (the job's, shown once, or
 * where each example declares its own, each example's beside it: whether to call one is judged against what was
 * offered), and several candidates numbered from 0 under the plan cell they were written for (so a judge can tell an
 * example that ignores its axis values or complexity from a good one), in one message. Tokens are what the judge
 * costs, so what the candidates share (a system prompt, a cell) is shown once rather than with each of them, and a
 * weakness is asked for only where a score falls short (a kept example needs none).
 */
public record JudgePrompt(String system, String user, List<String> criteria, int count, int minScore) {

    public static final String SCHEMA_NAME = "judge_scores";
    /** Opens the line that names the plan cell of the examples below it. */
    public static final String CELL_HEADING = "Written for cell ";

    public static JudgePrompt of(JobSpec spec, List<Candidate> candidates) {
        Map<String, String> rubric = spec.withDefaults().judge().rubric();
        StringBuilder system = new StringBuilder("""
                You are a strict reviewer of training examples for fine-tuning a language model. Score every \
                example on each criterion from 1 (unusable) to 10 (perfect), independently of the others.
                Criteria:
                """);
        rubric.forEach((name, meaning) -> system.append("- ").append(name).append(": ").append(meaning).append('\n'));
        int minScore = spec.withDefaults().judge().minScore();
        system.append("Examples are grouped under the plan cell they were written for (axis values, complexity,"
                + " multi-turn): an example that does not fit its cell falls short on quality.\n");
        system.append("Answer with `scores`: under each example's index, ").append(rowRule(List.copyOf(rubric.keySet())))
                .append("; and `").append(JudgeScores.WEAKNESSES).append("`: ").append(weaknessRule(minScore))
                .append('.');
        StringBuilder user = new StringBuilder();
        if (spec.task() != null) {
            user.append("The dataset's task: ").append(spec.task().strip()).append("\n\n");
        }
        if (spec.perExampleTools()) {
            user.append("Each example offers the assistant its own tools, listed in its `tools` (none where it has"
                    + " no `tools`): judge its tool calls, and its answers without one, against the tools it offers.")
                    .append("\n\n");
        } else if (spec.tools() != null && !spec.tools().isEmpty()) {
            user.append("The assistant may call these tools: ").append(Json.MAPPER.valueToTree(spec.tools()).toString())
                    .append("\n\n");
        }
        String sharedSystemPrompt = sharedSystemPrompt(candidates);
        if (sharedSystemPrompt != null) {
            user.append("Every example starts with this system message: ")
                    .append(Json.MAPPER.valueToTree(sharedSystemPrompt).toString()).append("\n\n");
        }
        user.append("Examples (").append(candidates.size()).append("), each as `index: record`:\n");
        String shownCell = null;
        for (int i = 0; i < candidates.size(); i++) {
            Candidate candidate = candidates.get(i);
            String cell = candidate.cell();
            cell = cell == null || cell.isBlank() || Candidate.DEFAULT_CELL.equals(cell) ? null : cell;
            if (cell != null && !cell.equals(shownCell)) {
                user.append(CELL_HEADING).append(cell).append(":\n");
            }
            shownCell = cell;
            List<ChatTurn> turns = candidate.conversation().messages();
            if (sharedSystemPrompt != null) {
                turns = turns.stream().filter(turn -> !ChatTurn.SYSTEM.equals(turn.role())).toList();
            }
            ObjectNode example = Json.MAPPER.createObjectNode();
            if (spec.perExampleTools()) {
                List<JsonNode> offered = ToolDefinitions.offeredIn(spec, candidate.format(), candidate.example());
                if (!offered.isEmpty()) {
                    example.set("tools", ToolDefinitions.functions(offered));
                }
            }
            example.set("messages", (ArrayNode) ExampleFormat.OPENAI.render(turns).get("messages"));
            user.append(i).append(": ").append(example).append('\n');
        }
        return new JudgePrompt(system.toString(), user.toString(), List.copyOf(rubric.keySet()), candidates.size(),
                minScore);
    }

    /** What one example's row of scores holds, in the prompt and in the answer's schema alike. */
    public static String rowRule(List<String> criteria) {
        return "its scores for " + String.join(", ", criteria) + ", in that order";
    }

    /** Which examples get a weakness, in the prompt and in the answer's schema alike. */
    public static String weaknessRule(int minScore) {
        return "one entry for each example with a score below " + minScore
                + ": its index and its main weakness in one short sentence (none for the others)";
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
