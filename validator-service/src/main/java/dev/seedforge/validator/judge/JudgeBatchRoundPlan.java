package dev.seedforge.validator.judge;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Decides the judge's next batch rounds from the candidates that wait for it: per job, a round is due when enough
 * wait to fill {@code minCalls} judge calls of the job's {@code judge.batch_size}, or when the oldest has waited
 * {@code linger}; its candidates are grouped into judge calls of that size (by plan cell, so a call shows a cell's
 * heading once, then by arrival), at most {@code maxCallsPerRound} calls a round (the rest go in the next one). A
 * candidate already asked {@code maxAttempts} times (its call failed or its batch expired each time) is given up: it
 * gets a {@code judge_unavailable} verdict instead of another round. Pure: the caller stores and carries it out.
 */
public final class JudgeBatchRoundPlan {

    /** A candidate waiting for the judge: which job and cell, since when, and in how many rounds it was asked. */
    public record Waiting(String candidateId, String jobId, String cell, Instant since, int attempts) {
    }

    /** The settings of the decision. */
    public record Settings(Duration linger, int minCalls, int maxCallsPerRound, int maxAttempts) {
        public Settings {
            if (minCalls < 1 || maxCallsPerRound < 1 || maxAttempts < 1) {
                throw new IllegalArgumentException("min-calls, max-calls-per-round and max-attempts must be at least 1,"
                        + " got " + minCalls + ", " + maxCallsPerRound + ", " + maxAttempts);
            }
        }
    }

    /** One round to submit: a job's judge calls, each the candidate ids of one call in prompt order. */
    public record Round(String jobId, List<List<String>> calls) {
        public int candidates() {
            return calls.stream().mapToInt(List::size).sum();
        }
    }

    /** The rounds due now and the candidates given up. */
    public record Next(List<Round> rounds, List<Waiting> givenUp) {
    }

    private JudgeBatchRoundPlan() {
    }

    public static Next next(List<Waiting> waiting, ToIntFunction<String> batchSizeOfJob, Settings settings,
            Instant now) {
        Map<String, List<Waiting>> byJob = new LinkedHashMap<>();
        List<Waiting> givenUp = new ArrayList<>();
        waiting.stream().sorted(Comparator.comparing(Waiting::since).thenComparing(Waiting::candidateId))
                .forEach(w -> {
                    if (w.attempts() >= settings.maxAttempts()) {
                        givenUp.add(w);
                    } else {
                        byJob.computeIfAbsent(w.jobId(), id -> new ArrayList<>()).add(w);
                    }
                });
        List<Round> rounds = new ArrayList<>();
        byJob.forEach((jobId, list) -> {
            int batchSize = Math.max(1, batchSizeOfJob.applyAsInt(jobId));
            boolean full = list.size() >= (long) batchSize * settings.minCalls();
            boolean lingered = !list.get(0).since().plus(settings.linger()).isAfter(now);
            if (!full && !lingered) {
                return;
            }
            int take = (int) Math.min(list.size(), (long) batchSize * settings.maxCallsPerRound());
            // the oldest are taken; grouped by cell within the round, each cell's in arrival order
            List<Waiting> taken = new ArrayList<>(list.subList(0, take));
            Map<String, List<Waiting>> byCell = new LinkedHashMap<>();
            taken.forEach(w -> byCell.computeIfAbsent(w.cell() == null ? "" : w.cell(), c -> new ArrayList<>())
                    .add(w));
            List<String> ordered = new ArrayList<>();
            byCell.values().forEach(cell -> cell.forEach(w -> ordered.add(w.candidateId())));
            List<List<String>> calls = new ArrayList<>();
            for (int i = 0; i < ordered.size(); i += batchSize) {
                calls.add(List.copyOf(ordered.subList(i, Math.min(ordered.size(), i + batchSize))));
            }
            rounds.add(new Round(jobId, List.copyOf(calls)));
        });
        return new Next(List.copyOf(rounds), List.copyOf(givenUp));
    }
}
