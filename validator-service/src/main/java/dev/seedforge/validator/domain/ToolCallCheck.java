package dev.seedforge.validator.domain;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.ToolCall;
import dev.seedforge.contracts.format.Problems;

/**
 * Every tool call names a declared tool and its arguments conform to that tool's JSON Schema. The declarations are the
 * job's tools; a job that declares none falls back on the tools the record declares itself (LLaMA-Factory's
 * {@code tools} column, OpenAI's {@code tools}), and a job whose examples declare their own tools always takes the
 * record's ({@link JobSpec#perExampleTools()}); with none, any tool call is an unknown tool. Runs after the format
 * check, so the arguments are known to be JSON objects.
 */
public class ToolCallCheck implements CandidateCheck {

    private final Function<Candidate, ToolCatalog> declared;

    private ToolCallCheck(Function<Candidate, ToolCatalog> declared) {
        this.declared = declared;
    }

    /**
     * The check for a job: against the job's tools, or where it declares none, the record's own; for a job whose
     * examples declare their own tools, always the record's.
     */
    public static ToolCallCheck forJob(JobSpec spec) {
        if (spec.perExampleTools()) {
            return new ToolCallCheck(ToolCallCheck::ownTools);
        }
        ToolCatalog jobTools = ToolCatalog.of(spec.tools());
        return new ToolCallCheck(candidate -> jobTools.isEmpty() ? ownTools(candidate) : jobTools);
    }

    private static ToolCatalog ownTools(Candidate candidate) {
        return ToolCatalog.declaredBy(candidate.format(), candidate.example());
    }

    @Override
    public List<Reason> check(Candidate candidate) {
        if (!callsTools(candidate)) {
            return List.of();
        }
        Problems problems = new Problems();
        ToolCatalog catalog = null;
        List<ChatTurn> turns = candidate.format().turns(candidate.example());
        for (int i = 0; i < turns.size(); i++) {
            ChatTurn turn = turns.get(i);
            for (int c = 0; c < turn.toolCalls().size(); c++) {
                if (catalog == null) {
                    catalog = declared.apply(candidate);
                }
                ToolCall call = turn.toolCalls().get(c);
                String where = "turn " + (i + 1) + ", tool call " + (c + 1);
                catalog.check(where, call.name(), arguments(call.arguments()), problems);
            }
        }
        return problems.reasons();
    }

    /** Whether the record has any tool call, read off the raw record without converting it. */
    private static boolean callsTools(Candidate candidate) {
        JsonNode example = candidate.example();
        switch (candidate.format()) {
            case SHAREGPT -> {
                for (JsonNode turn : example.path("conversations")) {
                    if ("function_call".equals(turn.path("from").asText())) {
                        return true;
                    }
                }
                return false;
            }
            case OPENAI -> {
                for (JsonNode message : example.path("messages")) {
                    if (!message.path("tool_calls").isEmpty()) {
                        return true;
                    }
                }
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    private static JsonNode arguments(String text) {
        try {
            return text == null ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("tool arguments passed the format check but are not JSON: " + text, e);
        }
    }
}
