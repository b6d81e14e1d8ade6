package dev.seedforge.generator.persistence;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** The batch rounds of batch-mode jobs ({@link BatchRoundEntity}). */
@ApplicationScoped
public class BatchRoundStore {

    /** A round as the API shows it. */
    public record Round(int round, String state, String batchStatus, String batchId, String inputFileId,
            int requests, int completed, int failed, int booked, int leftOver, double costUsd,
            boolean cancelRequested, Instant createdAt, Instant submittedAt, Instant endedAt) {

        static Round of(BatchRoundEntity e) {
            return new Round(e.round, e.state, e.batchStatus, e.batchId, e.inputFileId, e.requests, e.completed,
                    e.failed, e.booked, e.leftOver, e.costUsd, e.cancelRequested, e.createdAt, e.submittedAt,
                    e.endedAt);
        }
    }

    @WithSession
    public Uni<List<BatchRoundEntity>> rounds(String jobId) {
        return BatchRoundEntity.list("jobId = ?1 order by round", jobId);
    }

    @WithSession
    public Uni<List<Round>> view(String jobId) {
        return BatchRoundEntity.<BatchRoundEntity> list("jobId = ?1 order by round", jobId)
                .map(rows -> rows.stream().map(Round::of).toList());
    }

    /** Open rounds of every job: what the sweep advances for jobs that no longer generate. */
    @WithSession
    public Uni<List<BatchRoundEntity>> open() {
        return BatchRoundEntity.list("state <> ?1 order by id", BatchRoundEntity.ENDED);
    }

    /** The batch ids every stored round holds: batches a search for an unstored one must not take. */
    @WithSession
    public Uni<List<String>> batchIds() {
        return BatchRoundEntity.<BatchRoundEntity> list("batchId is not null")
                .map(rows -> rows.stream().map(r -> r.batchId).toList());
    }

    /** Stores a new round, PREPARED, with its calls' custom_ids: before anything is sent to the provider. */
    @WithTransaction
    public Uni<BatchRoundEntity> prepare(String jobId, int round, List<String> customIds) {
        BatchRoundEntity row = new BatchRoundEntity();
        row.jobId = jobId;
        row.round = round;
        row.state = BatchRoundEntity.PREPARED;
        row.customIds = String.join(",", customIds);
        row.requests = customIds.size();
        row.createdAt = Instant.now();
        return row.persist().replaceWith(row);
    }

    /** Changes a round in its own transaction and returns it as stored. */
    @WithTransaction
    public Uni<BatchRoundEntity> update(long id, Consumer<BatchRoundEntity> change) {
        return BatchRoundEntity.<BatchRoundEntity> findById(id).map(row -> {
            change.accept(row);
            return row;
        });
    }
}
