package dev.seedforge.validator.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.PreferencePair;
import dev.seedforge.contracts.PreferenceSpec;
import dev.seedforge.contracts.PreferenceSpec.FailureMode;
import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.ReasonCode;
import dev.seedforge.contracts.ToolDefinitions;
import dev.seedforge.contracts.tokens.TokenCounter;

/**
 * The rejected side of a preference pair must fail the way its failure mode names, or the pair teaches nothing: every
 * check of the job runs on the rejected side (the prompt followed by the rejected answer, offered the tools the chosen
 * side is: the job's, or the example's own), and wrong_format needs a format or reply-schema code among what they
 * find, wrong_tool_arguments a tool-argument code; incomplete needs the rejected answer at most
 * {@link PreferenceSpec#INCOMPLETE_SHARE} of the chosen one's tokens, hallucinated_fact a figure or proper name that
 * neither the prompt nor the chosen answer has. A pair that fails none of these is {@code preference_not_worse}; one
 * without a rejected answer, or with a mode the job did not ask for, {@code preference_missing}. Runs after the chosen
 * side passed every check.
 */
public class PreferenceCheck implements CandidateCheck {

    static final Set<String> FORMAT_CODES = codes(ReasonCode.REPLY_SCHEMA_MISMATCH, ReasonCode.REPLY_PATTERN,
            ReasonCode.FORBIDDEN_PATTERN, ReasonCode.MISSING_FIELD, ReasonCode.WRONG_TYPE, ReasonCode.EMPTY_TURN,
            ReasonCode.NOT_AN_OBJECT);
    static final Set<String> TOOL_CODES = codes(ReasonCode.TOOL_ARGUMENTS_SCHEMA, ReasonCode.INVALID_TOOL_ARGUMENTS);
    /** A figure (digits, with separators inside) or a capitalised word: what a made-up fact names. */
    private static final Pattern SPECIFIC = Pattern.compile("\\d+(?:[.,:/-]\\d+)*|\\p{Lu}[\\p{L}'-]+");

    private final List<FailureMode> modes;
    private final List<CandidateCheck> checks;
    private final JobSpec job;
    private final TokenCounter tokens;

    /** {@code job} says which tools the rejected side is offered: the job's, or the example's own. */
    public PreferenceCheck(List<FailureMode> modes, List<CandidateCheck> checks, JobSpec job, TokenCounter tokens) {
        this.modes = List.copyOf(modes);
        this.checks = List.copyOf(checks);
        this.job = job;
        this.tokens = tokens;
    }

    @Override
    public List<Reason> check(Candidate candidate) {
        PreferencePair pair;
        try {
            pair = PreferencePair.of(candidate.format(), candidate.example());
        } catch (IllegalArgumentException e) {
            return List.of(ReasonCode.PREFERENCE_MISSING.reason(e.getMessage()));
        }
        FailureMode mode = FailureMode.fromId(pair.failureMode());
        if (mode == null || !modes.contains(mode)) {
            return List.of(ReasonCode.PREFERENCE_MISSING.reason("failure mode '" + pair.failureMode()
                    + "' is not one of the job's " + modes.stream().map(FailureMode::id).toList()));
        }
        List<JsonNode> offered = ToolDefinitions.offeredIn(job, candidate.format(), candidate.example());
        Candidate rejected = new Candidate(candidate.schemaVersion(), candidate.candidateId(), candidate.jobId(),
                candidate.cell(), candidate.format(), pair.rejectedRecord(candidate.format(), offered),
                candidate.lineage());
        List<Reason> found = new ArrayList<>();
        for (CandidateCheck check : checks) {
            found.addAll(check.check(rejected));
        }
        String why = switch (mode) {
            case WRONG_FORMAT -> anyOf(found, FORMAT_CODES) ? null
                    : "no format or reply-schema check fails on it" + passed(found);
            case WRONG_TOOL_ARGUMENTS -> anyOf(found, TOOL_CODES) ? null
                    : "no tool call of it has arguments that violate the tool's schema" + passed(found);
            case INCOMPLETE -> incomplete(pair);
            case HALLUCINATED_FACT -> unsupported(pair).isEmpty()
                    ? "it names no figure or name that the prompt and the chosen answer do not have"
                    : null;
        };
        return why == null ? List.of()
                : List.of(ReasonCode.PREFERENCE_NOT_WORSE.reason("the rejected answer (" + mode.id() + ") is not worse: "
                        + why));
    }

    private String incomplete(PreferencePair pair) {
        int chosen = tokens.count(text(pair.chosen()));
        int rejected = tokens.count(text(pair.rejected()));
        return rejected <= PreferenceSpec.INCOMPLETE_SHARE * chosen ? null
                : "it has " + rejected + " tokens against the chosen answer's " + chosen + " (at most "
                        + Math.round(PreferenceSpec.INCOMPLETE_SHARE * 100) + "% for incomplete)";
    }

    /** The figures and capitalised words of the rejected answer found neither in the prompt nor the chosen answer. */
    static Set<String> unsupported(PreferencePair pair) {
        String known = pair.prompt().stream().map(PreferenceCheck::text).collect(Collectors.joining("\n")) + "\n"
                + text(pair.chosen());
        String knownLower = known.toLowerCase(Locale.ROOT);
        String knownDigits = known.replaceAll("(?<=\\d)[,](?=\\d)", "");
        Set<String> unsupported = new LinkedHashSet<>();
        String rejected = text(pair.rejected());
        Matcher m = SPECIFIC.matcher(rejected);
        while (m.find()) {
            String specific = m.group();
            boolean figure = Character.isDigit(specific.charAt(0));
            if (!figure && opensSentence(rejected, m.start())) {
                continue; // "The", "Sure": capitalised by grammar, not a name
            }
            boolean known1 = figure ? knownDigits.contains(specific.replace(",", ""))
                    : knownLower.contains(specific.toLowerCase(Locale.ROOT));
            if (!known1) {
                unsupported.add(specific);
            }
        }
        return unsupported;
    }

    private static boolean opensSentence(String text, int at) {
        int i = at - 1;
        while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '"' || text.charAt(i) == '\'')) {
            i--;
        }
        return i < 0 || ".!?:\n\r{[(".indexOf(text.charAt(i)) >= 0;
    }

    static String text(ChatTurn turn) {
        StringBuilder text = new StringBuilder(turn.content() == null ? "" : turn.content());
        turn.toolCalls().forEach(call -> text.append('\n').append(call.name()).append(' ').append(call.arguments()));
        return text.toString();
    }

    private static boolean anyOf(List<Reason> reasons, Set<String> codes) {
        return reasons.stream().anyMatch(r -> codes.contains(r.code()));
    }

    private static String passed(List<Reason> found) {
        return found.isEmpty() ? " (it passes every check)"
                : " (it fails only " + found.stream().map(Reason::code).distinct().toList() + ")";
    }

    private static Set<String> codes(ReasonCode... codes) {
        Set<String> set = new LinkedHashSet<>();
        for (ReasonCode code : codes) {
            set.add(code.code());
        }
        return Set.copyOf(set);
    }
}
