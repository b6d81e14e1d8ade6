package dev.seedforge.validator.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.PreferencePair;
import dev.seedforge.contracts.PreferenceSpec;
import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.ReasonCode;
import dev.seedforge.contracts.ReasoningSpec;
import dev.seedforge.contracts.Verdict;
import dev.seedforge.contracts.format.FormatChecker;
import dev.seedforge.contracts.tokens.TokenCounter;
import dev.seedforge.support.rules.JobRules;
import dev.seedforge.support.rules.ReplyJsonSchema;

/**
 * Runs the cheap checks in order, cheapest first; the first check that finds problems rejects the candidate, so a
 * malformed example never reaches a costlier check (tool schemas, tokenizer, and last of all the LLM judge, which
 * runs outside this class on what it accepts).
 */
public class CandidateValidator {

    private final List<CandidateCheck> checks;

    public CandidateValidator(List<CandidateCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    /** The checks every job gets whatever its spec: the letter of the format. */
    public static CandidateValidator standard() {
        return new CandidateValidator(List.of(new FormatCheck(new FormatChecker())));
    }

    /**
     * The format, the job's format, its declared tools (or each example's own, the list checked before the calls), its
     * user rules, its reasoning traces (when asked for) and reply schema, compiled once per job.
     */
    public static CandidateValidator forJob(JobSpec spec) {
        JobSpec full = spec.withDefaults();
        CandidateCheck jobFormat = candidate -> full.format() == null || candidate.format() == null
                || candidate.format() == full.format() ? List.of()
                        : List.of(ReasonCode.FORMAT_MISMATCH.reason("the job's format is " + full.format().id()
                                + " but the candidate is " + candidate.format().id()));
        List<CandidateCheck> checks = new ArrayList<>(List.of(new FormatCheck(new FormatChecker()), jobFormat));
        if (full.perExampleTools()) {
            checks.add(new ToolDefinitionCheck());
        }
        checks.add(ToolCallCheck.forJob(full));
        checks.add(onTurns(new JobRules(full.rules())::check));
        ReasoningSpec reasoning = ReasoningSpec.of(full);
        if (reasoning.on()) {
            checks.add(new ReasoningCheck(reasoning, new TokenCounter()));
        }
        if (full.rules().replyJsonSchema() != null) {
            checks.add(onTurns(new ReplyJsonSchema(full.rules().replyJsonSchema())::check));
        }
        if (PreferenceSpec.on(full)) {
            // the ordinary checks see the chosen side; the pair's own check runs them again on the rejected side
            List<CandidateCheck> chosen = checks.stream().map(CandidateValidator::onChosenSide).toList();
            List<CandidateCheck> all = new ArrayList<>(chosen);
            all.add(new PreferenceCheck(PreferenceSpec.modesOf(full), checks, full, new TokenCounter()));
            return new CandidateValidator(all);
        }
        return new CandidateValidator(checks);
    }

    /** A check of an example's turns (one the generator holds seeds to as well) as a check of a candidate. */
    static CandidateCheck onTurns(Function<List<ChatTurn>, List<Reason>> check) {
        return candidate -> check.apply(candidate.format().turns(candidate.example()));
    }

    /** {@code check} on the example without its rejected side. */
    static CandidateCheck onChosenSide(CandidateCheck check) {
        return candidate -> check.check(new Candidate(candidate.schemaVersion(), candidate.candidateId(),
                candidate.jobId(), candidate.cell(), candidate.format(),
                PreferencePair.withoutPreference(candidate.example()), candidate.lineage()));
    }

    public Verdict validate(Candidate candidate) {
        for (CandidateCheck check : checks) {
            List<Reason> reasons = check.check(candidate);
            if (!reasons.isEmpty()) {
                return Verdict.reject(reasons);
            }
        }
        return Verdict.accept();
    }
}
