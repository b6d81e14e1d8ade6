package dev.seedforge.generator.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.JobProgress;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobSpecs;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.JobView;
import dev.seedforge.generator.domain.JobIds;
import dev.seedforge.generator.messaging.PipelinePublisher;
import dev.seedforge.generator.persistence.JobEntity;
import dev.seedforge.generator.persistence.JobStore;

/**
 * Accepts jobs from REST and Kafka alike: a spec is checked in full before anything is stored, so a refused job
 * leaves nothing behind, and a repeated idempotency key returns the job it already made.
 */
@ApplicationScoped
public class JobService {

    public record Submission(JobView job, boolean created) {
    }

    private final JobStore store;
    private final PipelinePublisher publisher;
    private final GenerationLoop loop;

    public JobService(JobStore store, PipelinePublisher publisher, GenerationLoop loop) {
        this.store = store;
        this.publisher = publisher;
        this.loop = loop;
    }

    /** A spec as a user wrote it (YAML or JSON text). */
    public Uni<Submission> submit(String specText, String idempotencyKey) {
        return Uni.createFrom().item(() -> JobSpecs.parse(specText, null))
                .flatMap(spec -> create(spec, idempotencyKey));
    }

    /** A spec already parsed as a tree, from a {@code JobRequest} on the topic. */
    public Uni<Submission> submit(JsonNode specTree, String idempotencyKey) {
        return Uni.createFrom().item(() -> JobSpecs.fromTree(specTree, null))
                .flatMap(spec -> create(spec, idempotencyKey));
    }

    private Uni<Submission> create(JobSpec spec, String idempotencyKey) {
        String jobId = idempotencyKey == null ? JobIds.random() : JobIds.forKey(idempotencyKey);
        String key = idempotencyKey == null ? jobId : idempotencyKey;
        return store.createOrFind(jobId, key, spec).flatMap(created -> {
            Submission submission = new Submission(view(created.job()), created.created());
            if (!created.created()) {
                return Uni.createFrom().item(submission);
            }
            return publisher.jobEvent(jobId, JobStatus.PLANNED, "one plan cell, quota " + spec.target(), 0L)
                    .chain(() -> publisher.jobEvent(jobId, JobStatus.GENERATING, "approval: auto", 0L))
                    .invoke(() -> loop.trigger(jobId))
                    .replaceWith(submission);
        });
    }

    public Uni<JobView> find(String jobId) {
        return store.find(jobId).map(job -> job == null ? null : view(job));
    }

    public Uni<List<JobView>> list() {
        return store.all().map(jobs -> jobs.stream().map(JobService::view).toList());
    }

    public Uni<Boolean> recordProgress(JobProgress progress) {
        return store.recordProgress(progress);
    }

    public Uni<Void> recordEnd(String jobId, JobStatus status, String reason) {
        return store.setStatus(jobId, status, reason);
    }

    static JobView view(JobEntity job) {
        return new JobView(job.id, job.status, job.reason, JobStore.read(job.specJson, JobSpec.class), null,
                job.candidatesEmitted,
                job.progressJson == null ? null : JobStore.read(job.progressJson, JobProgress.class), job.createdAt,
                job.updatedAt);
    }
}
