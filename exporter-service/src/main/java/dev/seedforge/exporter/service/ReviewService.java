package dev.seedforge.exporter.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

import dev.seedforge.contracts.DatasetCompleted;
import dev.seedforge.contracts.FieldError;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.ReviewSample;
import dev.seedforge.contracts.SchemaVersions;
import dev.seedforge.exporter.client.ValidatorClient;
import dev.seedforge.exporter.domain.DatasetExporter;
import dev.seedforge.exporter.domain.ExportJob;
import dev.seedforge.exporter.domain.ExportResult;
import dev.seedforge.exporter.domain.Outcome;
import dev.seedforge.exporter.domain.Reviews;
import dev.seedforge.exporter.hub.DatasetPublisher;
import dev.seedforge.exporter.messaging.DatasetAnnouncer;
import dev.seedforge.exporter.persistence.DatasetManifestEntity;
import dev.seedforge.exporter.persistence.ExportJobEntity;
import dev.seedforge.exporter.persistence.ReviewEntity;
import dev.seedforge.support.specs.KnownJobs;

/**
 * Carries out reviews of a finished job's dataset: records each (who, when, why), and after a rejection or an edit
 * writes the dataset again from the reviewed outcomes, so the files, the report and {@code rejected.jsonl} change. A
 * job whose spec asks for {@code review: {sample: N}} is held (written, not announced) until a reviewer approves.
 * <p>
 * A rejected example is replaced from its cell's surplus when the cell has one. When it has none and the export is
 * held, the job's export is opened again (GENERATING, here and on the review page) and a progress record counts the
 * example as rejected: the generator, which follows {@code job-progress}, generates for the cell again through the
 * whole pipeline and announces FINALIZING with its new count of candidates, and the finalizer writes the files again
 * and holds them for review, or releases them if a reviewer approved meanwhile. A released dataset's cell is left one
 * short.
 */
@ApplicationScoped
public class ReviewService {

    private static final Logger LOG = Logger.getLogger(ReviewService.class);

    /** A review that cannot be done, with HTTP status and the fields at fault. */
    public static class Refused extends RuntimeException {

        private final int status;
        private final List<FieldError> errors;

        public Refused(int status, String title, List<FieldError> errors) {
            super(title, null, false, false);
            this.status = status;
            this.errors = List.copyOf(errors);
        }

        public int status() {
            return status;
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    private record Reviewed(DatasetManifestEntity manifest, ExportJob job, List<Outcome> outcomes,
            List<Reviews.Action> actions) {
    }

    private final OutcomeLedger ledger;
    private final KnownJobs specs;
    private final DatasetExporter exporter;
    private final DatasetAnnouncer announcer;
    private final ValidatorClient validator;
    private final Vertx vertx;
    private final DatasetPublisher publisher;

    public ReviewService(OutcomeLedger ledger, KnownJobs specs, DatasetExporter exporter,
            DatasetAnnouncer announcer, @RestClient ValidatorClient validator, Vertx vertx, DatasetPublisher publisher) {
        this.ledger = ledger;
        this.specs = specs;
        this.exporter = exporter;
        this.announcer = announcer;
        this.validator = validator;
        this.vertx = vertx;
        this.publisher = publisher;
    }

    /** Whether a finished job's export waits for a reviewer's approval. */
    public static boolean holds(JobSpec spec) {
        return spec != null && spec.review() != null && spec.review().sample() != null;
    }

    public Uni<ReviewSample> sample(String jobId, Integer perCell) {
        return reviewed(jobId).map(r -> {
            JobSpec spec = r.job().spec();
            int size = perCell != null && perCell > 0 ? perCell
                    : holds(spec) ? spec.review().sample() : 3;
            return Reviews.sample(r.job(), Reviews.apply(r.outcomes(), r.actions()), r.actions(), size,
                    held(r.manifest()), replacing(r.manifest()));
        });
    }

    public Uni<ReviewSample.Review> reject(String jobId, String candidateId, ReviewSample.Rejection rejection,
            String reviewer) {
        if (rejection == null || rejection.reason() == null || rejection.reason().isBlank()) {
            return Uni.createFrom().failure(new Refused(400, "a rejection needs a reason",
                    List.of(new FieldError("reason", "is required: say why the example is rejected"))));
        }
        Reviews.Action action = new Reviews.Action(candidateId, Reviews.REJECTED, rejection.reason().strip(),
                reviewer, Instant.now(), null);
        return reviewed(jobId).chain(r -> requireExported(r, candidateId)
                .chain(() -> recordAndExport(r, action, (job, reviewed) -> replace(r, job, reviewed, candidateId))));
    }

    /**
     * After a rejection: when its cell has no surplus and the export is held, opens the export again for the generator
     * to make the replacement (status GENERATING); in any case tells the generator and the console the new counts.
     */
    private Uni<String> replace(Reviewed r, ExportJob job, List<Outcome> reviewed, String candidateId) {
        String cell = r.outcomes().stream().filter(o -> o.candidateId().equals(candidateId)).map(job::cellOf)
                .findFirst().orElseThrow();
        Reviews.Replacement replacement = Reviews.replacement(job, reviewed, cell, held(r.manifest()));
        LOG.infof("Job %s: %s of cell %s rejected; replaced %s", job.jobId(), candidateId, cell,
                switch (replacement) {
                    case SURPLUS -> "from the cell's surplus";
                    case GENERATE -> "by generating more for the cell";
                    case NONE -> "not at all: the dataset is released, the cell is one short";
                });
        Uni<String> status = replacement == Reviews.Replacement.GENERATE
                ? Panache.withTransaction(() -> ExportJobEntity.reopen(job.jobId()))
                        .replaceWith(JobStatus.GENERATING.name())
                : Uni.createFrom().item(r.manifest().status);
        return status;
    }

    public Uni<ReviewSample.Review> edit(String jobId, String candidateId, ReviewSample.Edit edit, String reviewer) {
        if (edit == null || edit.example() == null || edit.example().isNull()) {
            return Uni.createFrom().failure(new Refused(400, "an edit needs the example",
                    List.of(new FieldError("example", "is required"))));
        }
        String json;
        try {
            json = Json.MAPPER.writeValueAsString(edit.example());
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new Refused(400, "unwritable example",
                    List.of(new FieldError("example", e.getOriginalMessage()))));
        }
        Reviews.Action action = new Reviews.Action(candidateId, Reviews.EDITED, "edited", reviewer, Instant.now(),
                json);
        return reviewed(jobId).chain(r -> requireExported(r, candidateId)
                .chain(() -> validator.check(jobId, edit.example()))
                .chain(check -> {
                    if (!check.accepted()) {
                        return Uni.createFrom().failure(new Refused(400, "the edited example breaks the job's rules",
                                check.reasons().stream()
                                        .map(reason -> new FieldError("example",
                                                reason.code() + ": " + reason.message()))
                                        .toList()));
                    }
                    return recordAndExport(r, action, (job, reviewed) -> Uni.createFrom().item(r.manifest().status));
                }));
    }

    /**
     * Approves the sample; a held export is then announced as every other finished job is. One whose replacements
     * are being generated is released when they are in (the finalizer sees the approval).
     */
    public Uni<ReviewSample.Review> approve(String jobId, String reviewer) {
        Reviews.Action action = new Reviews.Action(null, Reviews.APPROVED, null, reviewer, Instant.now(), null);
        return reviewed(jobId).chain(r -> Panache.withTransaction(() -> ReviewEntity.of(jobId, action).persist())
                .invoke(() -> {
                    if (replacing(r.manifest())) {
                        LOG.infof("Job %s: sample approved by %s; the dataset is released once the replacements"
                                + " being generated are in", jobId, reviewer);
                    } else {
                        LOG.infof("Job %s: sample approved by %s", jobId, reviewer);
                    }
                })
                // held: released now; replacing: the replacements may have been written, held, while this approval
                // was being stored, and are released now too; else the finalizer releases them when they are in
                .chain(() -> releaseIfApproved(jobId)).replaceWith(action.view()));
    }

    /**
     * Releases a held dataset that a reviewer has approved. The approval of a dataset whose replacements are being
     * generated and the finalizer's held write of those replacements are stored apart, each having read the other's
     * side before: both call this once theirs is stored, so whichever comes second sees the other and releases, and
     * the guarded update on the export job lets only one of them announce it.
     */
    public Uni<Void> releaseIfApproved(String jobId) {
        return Panache.withTransaction(() -> claimApprovedRelease(jobId))
                .chain(manifest -> manifest == null ? Uni.createFrom().voidItem()
                        : exportJob(jobId, manifest).chain(job -> release(job, manifest))
                                .invoke(() -> LOG.infof("Job %s: sample approved; dataset released with its"
                                        + " replacements", jobId)));
    }

    /**
     * The held, approved dataset's manifest marked COMPLETED, when this caller is the one whose guarded update moved
     * the export job from FINALIZING; {@code null} otherwise. Runs in the caller's transaction.
     */
    private static Uni<DatasetManifestEntity> claimApprovedRelease(String jobId) {
        return ReviewEntity.ofJob(jobId).chain(reviews -> {
            if (reviews.stream().noneMatch(review -> Reviews.APPROVED.equals(review.action))) {
                return Uni.createFrom().nullItem();
            }
            return DatasetManifestEntity.<DatasetManifestEntity> findById(jobId).chain(manifest -> {
                if (manifest == null || !JobStatus.FINALIZING.name().equals(manifest.status)) {
                    return Uni.createFrom().nullItem();
                }
                return ExportJobEntity.update("status = ?2 where jobId = ?1 and status = ?3", jobId,
                        JobStatus.COMPLETED.name(), JobStatus.FINALIZING.name()).map(claimed -> {
                            if (claimed != 1) {
                                return null;
                            }
                            manifest.status = JobStatus.COMPLETED.name();
                            return manifest;
                        });
            });
        });
    }

    /** The job as its dataset was written: its spec and plan, and the candidate count its manifest holds. */
    private Uni<ExportJob> exportJob(String jobId, DatasetManifestEntity manifest) {
        return specs.when(jobId).map(known -> ExportJob.of(jobId, known.spec(), known.plan(),
                manifest.candidatesEmitted));
    }

    /**
     * Publishes an approved dataset to the Hub when its spec asks (held, it was not published when written), then
     * announces it. A failed push leaves it COMPLETED with the failure as its reason, as for a job without review.
     */
    private Uni<Void> release(ExportJob job, DatasetManifestEntity manifest) {
        return vertx.executeBlocking(Uni.createFrom().item(
                () -> publisher.publishIfAsked(job, java.nio.file.Path.of(manifest.directory), manifest.files())))
                .chain(problem -> problem == null ? Uni.createFrom().item(manifest)
                        : Panache.withTransaction(() -> DatasetManifestEntity
                                .<DatasetManifestEntity> findById(job.jobId()).invoke(m -> m.reason = problem)))
                .chain(released -> announcer.datasetCompleted(completedOf(released)))
                .chain(() -> announcer.jobCompleted(job.jobId()));
    }

    /** Written and not released: waiting for approval, or for replacements of rejected examples. */
    private static boolean held(DatasetManifestEntity manifest) {
        return JobStatus.FINALIZING.name().equals(manifest.status) || replacing(manifest);
    }

    /** Generating replacements for examples reviewers rejected; the files are written again when they are in. */
    private static boolean replacing(DatasetManifestEntity manifest) {
        return JobStatus.GENERATING.name().equals(manifest.status);
    }

    /** The manifest's status after a review, from the job and its outcomes as the reviews leave them. */
    @FunctionalInterface
    private interface StatusAfter {
        Uni<String> of(ExportJob job, List<Outcome> reviewed);
    }

    private Uni<Reviewed> reviewed(String jobId) {
        return Panache.withSession(() -> DatasetManifestEntity.<DatasetManifestEntity> findById(jobId))
                .chain(manifest -> {
                    if (manifest == null || manifest.directory == null) {
                        return Uni.createFrom().failure(new Refused(404, "job " + jobId + " has no dataset yet",
                                List.of()));
                    }
                    return exportJob(jobId, manifest).chain(job -> ledger.outcomes(jobId)
                            .chain(outcomes -> Panache.withSession(() -> ReviewEntity.ofJob(jobId))
                                    .map(entities -> new Reviewed(manifest, job, outcomes,
                                            entities.stream().map(ReviewEntity::toAction).toList()))));
                });
    }

    private static Uni<Void> requireExported(Reviewed r, String candidateId) {
        if (!Reviews.exported(r.job(), Reviews.apply(r.outcomes(), r.actions()), candidateId)) {
            return Uni.createFrom().failure(new Refused(409, "candidate " + candidateId
                    + " is not an exported example of job " + r.job().jobId(), List.of()));
        }
        return Uni.createFrom().voidItem();
    }

    /**
     * Stores the review, writes the dataset from the reviewed outcomes and updates its manifest with the status
     * {@code after} gives; then publishes the job's counts, which reviewers' rejections change.
     */
    private Uni<ReviewSample.Review> recordAndExport(Reviewed r, Reviews.Action action, StatusAfter after) {
        String jobId = r.job().jobId();
        List<Reviews.Action> actions = new java.util.ArrayList<>(r.actions());
        actions.add(action);
        List<Outcome> reviewed = Reviews.apply(r.outcomes(), actions);
        return Panache.withTransaction(() -> ReviewEntity.of(jobId, action).persist())
                .chain(() -> vertx.executeBlocking(Uni.createFrom().item(() -> exporter.export(r.job(), reviewed))))
                .chain((ExportResult result) -> after.of(r.job(), reviewed).chain(status -> {
                    DatasetManifestEntity manifest = JobFinalizer.manifestOf(result);
                    manifest.status = status;
                    return Panache.withTransaction(manifest::save);
                }))
                .invoke(() -> LOG.infof("Job %s: %s %s by %s; dataset written again", jobId, action.candidateId(),
                        action.action(), action.reviewer()))
                .chain(() -> ledger.publishProgress(jobId))
                .replaceWith(action.view());
    }

    private static DatasetCompleted completedOf(DatasetManifestEntity m) {
        return new DatasetCompleted(SchemaVersions.CURRENT, m.jobId, m.name, JobStatus.COMPLETED, m.reason,
                m.candidatesEmitted, m.accepted, m.rejected, m.duplicates, m.trainExamples, m.validationExamples,
                m.gatePassed, m.gateFailures(), m.directory, m.files(), m.costUsd);
    }
}
