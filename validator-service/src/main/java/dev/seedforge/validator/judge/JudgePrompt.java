package dev.seedforge.validator.judge;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.Json;

/** What the judge model is asked: the task, the rubric, and several candidates numbered from 0, in one message. */
public record JudgePrompt(String system, String user, List<String> criteria, int count) {

    public static final String SCHEMA_NAME = "judge_scores";

    public static JudgePrompt of(JobSpec spec, List<Candidate> candidates) {
        Map<String, String> rubric = spec.withDefaults().judge().rubric();
        StringBuilder system = new StringBuilder("""
                You are a strict reviewer of training examples for fine-tuning a language model. Score every \
                example on each criterion from 1 (unusable) to 10 (perfect), independently of the others.
                Criteria:
                """);
        rubric.forEach((name, meaning) -> system.append("- ").append(name).append(": ").append(meaning).append('\n'));
        system.append("Answer with `scores` holding one entry per example, under `example_<index>`: an integer score"
                + " per criterion and a one-sentence `comment` naming the main weakness.");
        StringBuilder user = new StringBuilder();
        if (spec.task() != null) {
            user.append("The dataset's task: ").append(spec.task().strip()).append("\n\n");
        }
        user.append("Examples (").append(candidates.size()).append("):\n");
        for (int i = 0; i < candidates.size(); i++) {
            ObjectNode example = Json.MAPPER.createObjectNode();
            example.put("index", i);
            ArrayNode messages = (ArrayNode) ExampleFormat.OPENAI.render(candidates.get(i).conversation().messages())
                    .get("messages");
            example.set("messages", messages);
            user.append(example).append('\n');
        }
        return new JudgePrompt(system.toString(), user.toString(), List.copyOf(rubric.keySet()), candidates.size());
    }
}
