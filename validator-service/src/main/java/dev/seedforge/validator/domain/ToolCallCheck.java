package dev.seedforge.validator.domain;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.ToolCall;
import dev.seedforge.contracts.format.Problems;

/**
 * Every tool call names a declared tool and its arguments conform to that tool's JSON Schema. The job's tools are the
 * declarations; a job that declares none falls back on the tools the record declares itself (LLaMA-Factory's
 * {@code tools} column, OpenAI's {@code tools}); with neither, any tool call is an unknown tool. Runs after the format
 * check, so the arguments are known to be JSON objects.
 */
public class ToolCallCheck implements CandidateCheck {

    private final ToolCatalog jobTools;

    public ToolCallCheck(ToolCatalog jobTools) {
        this.jobTools = jobTools;
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
                    catalog = jobTools.isEmpty() ? ToolCatalog.declaredBy(candidate.example()) : jobTools;
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
