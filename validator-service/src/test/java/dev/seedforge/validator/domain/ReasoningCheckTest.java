package dev.seedforge.validator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.ReasoningSpec;
import dev.seedforge.contracts.ValidationRules;
import dev.seedforge.contracts.Verdict;
import dev.seedforge.contracts.tokens.TokenCounter;

/** Reasoning traces: present before the final answer, within the budget, and the answer still bound by the rules. */
class ReasoningCheckTest {

    private static final ReasoningSpec BUDGET_20 = new ReasoningSpec(true, 20, null, null);

    private static Candidate answer(ExampleFormat format, String trace, String reply) {
        ChatTurn assistant = ChatTurn.of(ChatTurn.ASSISTANT, reply);
        ObjectNode record = format.render(List.of(ChatTurn.of(ChatTurn.USER, "What is 12 times 3?"),
                trace == null ? assistant : assistant.withReasoning(trace)));
        return RealDataTest.candidate(format, record);
    }

    private static List<String> codes(List<Reason> reasons) {
        return reasons.stream().map(Reason::code).toList();
    }

    @Test
    void aTraceWithinItsBudgetPassesInEveryFormat() {
        for (ExampleFormat format : ExampleFormat.values()) {
            assertEquals(List.of(), new ReasoningCheck(BUDGET_20, new TokenCounter())
                    .check(answer(format, "12 times 3 is 36.", "Answer: 36")), format.id());
        }
    }

    @Test
    void aMissingTraceIsRejectedWithItsCode() {
        assertEquals(List.of("reasoning_missing"), codes(new ReasoningCheck(BUDGET_20, new TokenCounter())
                .check(answer(ExampleFormat.OPENAI, null, "Answer: 36"))));
        assertEquals(List.of("reasoning_missing"), codes(new ReasoningCheck(BUDGET_20, new TokenCounter())
                .check(answer(ExampleFormat.SHAREGPT, "  ", "Answer: 36"))));
    }

    @Test
    void aTraceOverItsBudgetIsRejectedNamingTheBudget() {
        String longTrace = "Twelve times three: add twelve three times, twelve and twelve and twelve, which is thirty"
                + " six, and I check it by dividing thirty six by three to get twelve again.";
        List<Reason> reasons = new ReasoningCheck(BUDGET_20, new TokenCounter())
                .check(answer(ExampleFormat.ALPACA, longTrace, "Answer: 36"));
        assertEquals(List.of("reasoning_too_long"), codes(reasons));
        assertTrue(reasons.get(0).message().contains("reasoning.max_tokens 20"), reasons.toString());
    }

    @Test
    void anAnswerThatIsOnlyATraceIsEmpty() {
        assertEquals(List.of("empty_turn"), codes(new ReasoningCheck(BUDGET_20, new TokenCounter())
                .check(answer(ExampleFormat.SHAREGPT, "36.", ""))));
    }

    @Test
    void theJobsRulesSeeTheAnswerWithoutItsTrace() {
        JobSpec spec = JobSpec.builder().task("multiply").format(ExampleFormat.OPENAI).target(10)
                .seeds(List.of(new Conversation(List.of(ChatTurn.of(ChatTurn.USER, "2 times 2?"),
                        ChatTurn.of(ChatTurn.ASSISTANT, "Answer: 4")))))
                .rules(new ValidationRules(List.of("^Answer: \\d+$"), null, null, null, null))
                .reasoning(BUDGET_20).build();
        CandidateValidator validator = CandidateValidator.forJob(spec);
        assertEquals(Verdict.accept(), validator.validate(answer(ExampleFormat.OPENAI, "12 times 3 is 36.",
                "Answer: 36")), "the trace does not break ^...$");
        Verdict wrong = validator.validate(answer(ExampleFormat.OPENAI, "12 times 3 is 36.", "It is 36"));
        assertEquals(List.of("reply_pattern"), codes(wrong.reasons()), "the answer itself still obeys the rules");
        Verdict missing = validator.validate(answer(ExampleFormat.OPENAI, null, "Answer: 36"));
        assertEquals(List.of("reasoning_missing"), codes(missing.reasons()));
        Verdict without = CandidateValidator.forJob(spec.toBuilder().reasoning(null).build())
                .validate(answer(ExampleFormat.OPENAI, null, "Answer: 36"));
        assertEquals(Verdict.accept(), without, "a job without reasoning asks for no trace");
    }
}
