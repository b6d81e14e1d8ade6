package dev.seedforge.validator.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.ReasonCode;
import dev.seedforge.contracts.Verdict;

/** Turns one candidate's scores into a verdict: kept when every criterion scores at least the job's minimum. */
public final class JudgeRuling {

    private JudgeRuling() {
    }

    public static Verdict verdict(JudgeScores.Score score, int minScore, double costUsd) {
        List<Reason> reasons = new ArrayList<>();
        for (Map.Entry<String, Integer> entry : score.byCriterion().entrySet()) {
            if (entry.getValue() < minScore) {
                reasons.add(ReasonCode.JUDGE_LOW_SCORE.reason("judge: " + entry.getKey() + " scored "
                        + entry.getValue() + ", below the minimum " + minScore
                        + (score.comment().isBlank() ? "" : " (" + score.comment() + ")")));
            }
        }
        return new Verdict(reasons.isEmpty(), reasons, score.byCriterion(), costUsd);
    }

    public static Verdict unavailable(String why, double costUsd) {
        return new Verdict(false, List.of(ReasonCode.JUDGE_UNAVAILABLE.reason("the judge gave no usable answer after"
                + " retries: " + why)), Map.of(), costUsd);
    }
}
