package dev.seedforge.validator.domain;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.Reason;
import dev.seedforge.support.rules.ToolCatalog;

/**
 * Every tool call names a declared tool and its arguments conform to that tool's JSON Schema. The declarations are the
 * job's tools; a job that declares none falls back on the tools the record declares itself (LLaMA-Factory's
 * {@code tools} column, OpenAI's {@code tools}), and a job whose examples declare their own tools always takes the
 * record's ({@link JobSpec#perExampleTools()}); with none, any tool call is an unknown tool. Runs after the format
 * check, so the arguments are known to be JSON objects.
 */
public class ToolCallCheck implements CandidateCheck {

    private final ToolCatalog jobTools;

    private ToolCallCheck(ToolCatalog jobTools) {
        this.jobTools = jobTools;
    }

    /**
     * The check for a job: against the job's tools, or where it declares none (as a job whose examples declare their
     * own never does), the record's own.
     */
    public static ToolCallCheck forJob(JobSpec spec) {
        return new ToolCallCheck(ToolCatalog.of(spec.tools()));
    }

    @Override
    public List<Reason> check(Candidate candidate) {
        if (!callsTools(candidate)) {
            return List.of();
        }
        return jobTools.forExample(candidate.format(), candidate.example())
                .check(candidate.format().turns(candidate.example()));
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
}
