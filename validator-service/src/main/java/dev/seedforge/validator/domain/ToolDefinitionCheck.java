package dev.seedforge.validator.domain;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.ReasonCode;
import dev.seedforge.contracts.ToolDefinitions;

/**
 * In a job whose examples declare their own tools, the teacher writes each list, so each is held to what a job's list
 * is held to ({@link ToolDefinitions#problems}): an example cannot teach calling a tool that has no name, two tools of
 * one name, or parameters no call could be checked against. Runs before {@link ToolCallCheck}, which relies on it.
 */
public class ToolDefinitionCheck implements CandidateCheck {

    @Override
    public List<Reason> check(Candidate candidate) {
        List<JsonNode> tools;
        try {
            tools = candidate.format().tools(candidate.example());
        } catch (IllegalArgumentException unreadable) {
            return List.of(ReasonCode.INVALID_TOOL_DEFINITION.reason(unreadable.getMessage()));
        }
        return ToolDefinitions.problems(tools, "tools").stream()
                .map(problem -> ReasonCode.INVALID_TOOL_DEFINITION.reason(problem.toString())).toList();
    }
}
