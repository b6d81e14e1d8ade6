package dev.seedforge.generator.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.JobProgress;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.Json;

/** Every read and write of the generator's tables, one transaction per method. */
@ApplicationScoped
public class JobStore {

    public record Created(JobEntity job, boolean created) {
    }

    /** The books of one finished teacher call. */
    public record CallRecord(long callSequence, String model, String promptHash, long inputTokens,
            long cachedInputTokens, long outputTokens, double costUsd, int examplesRequested, String problem) {
    }

    @WithTransaction
    public Uni<Created> createOrFind(String jobId, String idempotencyKey, JobSpec spec) {
        return JobEntity.findByIdempotencyKey(idempotencyKey).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(new Created(existing, false));
            }
            JobEntity job = new JobEntity();
            job.id = jobId;
            job.idempotencyKey = idempotencyKey;
            job.name = spec.name();
            job.status = JobStatus.GENERATING;
            job.reason = "approval: auto";
            job.specJson = write(spec);
            job.createdAt = Instant.now();
            job.updatedAt = job.createdAt;
            return job.<JobEntity> persist().map(saved -> new Created(saved, true));
        });
    }

    @WithSession
    public Uni<JobEntity> find(String jobId) {
        return JobEntity.findById(jobId);
    }

    @WithSession
    public Uni<List<JobEntity>> all() {
        return JobEntity.listAll(io.quarkus.panache.common.Sort.by("createdAt"));
    }

    @WithSession
    public Uni<List<String>> idsIn(JobStatus status) {
        return JobEntity.listByStatus(status).map(jobs -> jobs.stream().map(job -> job.id).toList());
    }

    /** Keeps the newest counts; answers whether the job is one of this generator's. */
    @WithTransaction
    public Uni<Boolean> recordProgress(JobProgress progress) {
        return JobEntity.<JobEntity> findById(progress.jobId()).map(job -> {
            if (job == null) {
                return false;
            }
            JobProgress stored = job.progressJson == null ? null : read(job.progressJson, JobProgress.class);
            if (stored == null || progress.outcomes() >= stored.outcomes()) {
                job.progressJson = write(progress);
                job.touch();
            }
            return true;
        });
    }

    @WithTransaction
    public Uni<Void> setStatus(String jobId, JobStatus status, String reason) {
        return JobEntity.<JobEntity> findById(jobId).invoke(job -> {
            if (job != null && !job.status.terminal()) {
                job.status = status;
                job.reason = reason;
                job.touch();
            }
        }).replaceWithVoid();
    }

    @WithTransaction
    public Uni<Long> allocateCall(String jobId) {
        return JobEntity.<JobEntity> findById(jobId).map(job -> {
            job.callsMade++;
            job.touch();
            return job.callsMade;
        });
    }

    /**
     * Stores a call's candidates (unsent) and its cost in one transaction: a crash after this point resends the same
     * candidates, a crash before it loses nothing that was paid for and announced.
     */
    @WithTransaction
    public Uni<List<Candidate>> recordCall(String jobId, CallRecord call, LongFunction<List<Candidate>> candidates) {
        return JobEntity.<JobEntity> findById(jobId).flatMap(job -> {
            List<Candidate> made = candidates.apply(job.candidatesEmitted);
            List<GeneratedCandidateEntity> rows = new ArrayList<>();
            for (int i = 0; i < made.size(); i++) {
                GeneratedCandidateEntity row = new GeneratedCandidateEntity();
                row.candidateId = made.get(i).candidateId();
                row.jobId = jobId;
                row.sequence = job.candidatesEmitted + i;
                row.candidateJson = write(made.get(i));
                rows.add(row);
            }
            job.candidatesEmitted += made.size();
            job.inputTokens += call.inputTokens();
            job.outputTokens += call.outputTokens();
            job.generationCostUsd += call.costUsd();
            job.failedCallsInARow = made.isEmpty() ? job.failedCallsInARow + 1 : 0;
            job.touch();
            TeacherCallEntity log = new TeacherCallEntity();
            log.jobId = jobId;
            log.callSequence = call.callSequence();
            log.model = call.model();
            log.promptHash = call.promptHash();
            log.inputTokens = call.inputTokens();
            log.cachedInputTokens = call.cachedInputTokens();
            log.outputTokens = call.outputTokens();
            log.costUsd = call.costUsd();
            log.examplesRequested = call.examplesRequested();
            log.examplesKept = made.size();
            log.problem = call.problem() == null ? null : truncate(call.problem(), 2000);
            log.calledAt = Instant.now();
            return GeneratedCandidateEntity.persist(rows).chain(() -> log.persist()).replaceWith(made);
        });
    }

    @WithSession
    public Uni<List<Candidate>> unsent(String jobId) {
        return GeneratedCandidateEntity.unsent(jobId)
                .map(rows -> rows.stream().map(row -> read(row.candidateJson, Candidate.class)).toList());
    }

    @WithTransaction
    public Uni<Void> markSent(List<String> candidateIds) {
        return candidateIds.isEmpty() ? Uni.createFrom().voidItem()
                : GeneratedCandidateEntity.markSent(candidateIds).replaceWithVoid();
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is unreadable", e);
        }
    }

    private static String write(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store " + value.getClass().getSimpleName(), e);
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
