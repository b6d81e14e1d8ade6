package dev.seedforge.contracts;

import java.util.List;
import java.util.Map;

/** The validator's decision on a candidate. */
public record Verdict(boolean accepted, List<Reason> reasons, Map<String, Integer> judgeScores, double judgeCostUsd) {

    public Verdict {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        judgeScores = judgeScores == null ? Map.of() : Map.copyOf(judgeScores);
    }

    public static Verdict accept() {
        return new Verdict(true, List.of(), Map.of(), 0);
    }

    public static Verdict reject(List<Reason> reasons) {
        return new Verdict(false, reasons, Map.of(), 0);
    }
}
