package dev.seedforge.generator.domain;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.Lineage;
import dev.seedforge.contracts.ReplyWeights;
import dev.seedforge.contracts.SchemaVersions;
import dev.seedforge.contracts.ToolDefinitions;

/**
 * Turns what the teacher wrote into candidates: each record in the job's format (converted only if the teacher
 * answered in another) with the system prompt and the job's tools added back (or its own, in the format's form), and the seeds'
 * reply weights
 * ({@link ReplyWeights}), each carrying its share of the call's cost.
 */
public final class CandidateFactory {

    private CandidateFactory() {
    }

    public record TeacherCall(String model, GenerationPrompt prompt, long inputTokens, long outputTokens,
            double costUsd) {
    }

    public static List<Candidate> candidates(String jobId, JobSpec spec, long firstSequence,
            List<Conversation> examples, TeacherCall call) {
        List<Candidate> candidates = new ArrayList<>();
        int n = examples.size();
        ReplyWeights weights = ReplyWeights.ofSeeds(spec.seeds());
        for (int i = 0; i < n; i++) {
            String systemPrompt = systemPrompt(spec, call.prompt().callSequence());
            ObjectNode record = spec.format().record(examples.get(i));
            List<JsonNode> tools = toolsOf(spec, record);
            if (spec.perExampleTools() && tools != null && tools.isEmpty()) {
                record.remove("tools");
            }
            ObjectNode example = weights.apply(spec.format(), spec.format().complete(record,
                    systemPrompt == null ? null : systemPrompt.strip(), tools));
            Lineage lineage = new Lineage(call.model(), call.prompt().hash(), call.prompt().seedsUsed(),
                    call.prompt().temperature(), share(call.inputTokens(), n, i), share(call.outputTokens(), n, i),
                    call.costUsd() / n);
            candidates.add(new Candidate(SchemaVersions.CURRENT, JobIds.candidate(jobId, firstSequence + i), jobId,
                    call.prompt().cellId(), spec.format(), example, lineage));
        }
        return candidates;
    }

    /**
     * The system prompt a call's examples carry: the job's one, or of several the call's turn, so each goes with an
     * even share of calls and the teacher, told which, writes every example to fit its own.
     */
    static String systemPrompt(JobSpec spec, long callSequence) {
        if (spec.systemPrompts() != null && !spec.systemPrompts().isEmpty()) {
            return spec.systemPrompts().get((int) Math.floorMod(callSequence, (long) spec.systemPrompts().size()));
        }
        return spec.systemPrompt();
    }

    /**
     * The tools a record carries: the job's, or the teacher's list for this example written in the format's own form
     * (OpenAI's array for the string the teacher wrote). A list that cannot be read is left as written, for the
     * validator to reject by name.
     */
    static List<JsonNode> toolsOf(JobSpec spec, ObjectNode record) {
        try {
            return ToolDefinitions.offeredIn(spec, spec.format(), record);
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }

    /** Splits a token count over n candidates so that the shares add up to the whole. */
    static long share(long total, int n, int index) {
        return total / n + (index < total % n ? 1 : 0);
    }
}
