package dev.seedforge.validator.domain;

import java.util.ArrayList;
import java.util.List;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.ReasonCode;
import dev.seedforge.contracts.ReasoningSpec;
import dev.seedforge.contracts.tokens.TokenCounter;

/**
 * A job with reasoning traces: the final answer has its trace, and the answer is still there once the trace is set
 * apart; every trace stays within {@code reasoning.max_tokens} (o200k_base tokens). The other checks see the answers
 * without their traces, so the job's rules bind the answer exactly as without reasoning.
 */
public class ReasoningCheck implements CandidateCheck {

    private final int maxTokens;
    private final TokenCounter tokens;

    public ReasoningCheck(ReasoningSpec reasoning, TokenCounter tokens) {
        this.maxTokens = reasoning.maxTokensOrDefault();
        this.tokens = tokens;
    }

    @Override
    public List<Reason> check(Candidate candidate) {
        List<ChatTurn> turns = candidate.format().turns(candidate.example());
        List<Reason> reasons = new ArrayList<>();
        ChatTurn last = null;
        for (int i = 0; i < turns.size(); i++) {
            ChatTurn turn = turns.get(i);
            if (!ChatTurn.ASSISTANT.equals(turn.role())) {
                continue;
            }
            last = turn;
            if (turn.reasoning() != null) {
                int count = tokens.count(turn.reasoning());
                if (count > maxTokens) {
                    reasons.add(ReasonCode.REASONING_TOO_LONG.reason("turn " + (i + 1) + "'s reasoning has " + count
                            + " tokens, more than reasoning.max_tokens " + maxTokens));
                }
            }
        }
        if (last == null || last.reasoning() == null || last.reasoning().isBlank()) {
            reasons.add(0, ReasonCode.REASONING_MISSING.reason(
                    "the final answer has no reasoning trace before it (the job asks for reasoning)"));
        } else if (last.toolCalls().isEmpty() && (last.content() == null || last.content().isBlank())) {
            reasons.add(ReasonCode.EMPTY_TURN.reason("the final answer is empty once its reasoning is set apart"));
        }
        return reasons;
    }
}
