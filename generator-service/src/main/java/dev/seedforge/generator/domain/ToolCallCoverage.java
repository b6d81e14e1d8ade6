package dev.seedforge.generator.domain;

import java.util.List;

import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.FieldError;
import dev.seedforge.contracts.JobSpec;

/**
 * A job with tools whose seeds call none: each call asks for as many calling examples as the seeds' share
 * ({@link PromptBuilder#toolDirective}), so its dataset would hold no tool call. Said in the plan, before it is paid
 * for; with examples that declare their own tools and seeds that declare none, the examples would offer none either.
 */
public final class ToolCallCoverage {

    private ToolCallCoverage() {
    }

    public static List<FieldError> check(JobSpec spec) {
        if (!spec.withTools() || spec.seeds().isEmpty() || spec.seeds().stream().anyMatch(Conversation::callsTools)) {
            return List.of();
        }
        boolean noneOffered = spec.perExampleTools() && spec.seeds().stream().allMatch(seed -> seed.tools().isEmpty());
        return List.of(new FieldError("seeds", "no seed calls a tool, so no example will: the examples call tools in"
                + " the share the seeds do" + (noneOffered ? ", and with no seed declaring tools of its own they will"
                        + " offer none either" : "")
                + "; add seeds that call "
                + (spec.perExampleTools() ? "the tools they declare" : "the job's tools")));
    }
}
