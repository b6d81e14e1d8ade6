package dev.seedforge.contracts;

/**
 * A job's cost so far by pipeline stage: the teacher's generation calls and the validator's judge calls (dedup's
 * embeddings run in-process and cost nothing), their total, and the total per accepted example (null until one is
 * accepted). Added to {@link JobProgress} and {@link JobView} after schema version 1 was fixed: it is optional, a
 * record without it reads as null, and readers that do not know it ignore it, so the version stays 1.
 */
public record StageCosts(double generationUsd, double judgeUsd, double totalUsd, Double perAcceptedExampleUsd) {

    public static StageCosts of(double generationUsd, double judgeUsd, long accepted) {
        double total = generationUsd + judgeUsd;
        return new StageCosts(generationUsd, judgeUsd, total, accepted > 0 ? total / accepted : null);
    }
}
