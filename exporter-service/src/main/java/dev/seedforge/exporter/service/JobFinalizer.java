package dev.seedforge.exporter.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

import dev.seedforge.contracts.DatasetCompleted;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.SchemaVersions;
import dev.seedforge.exporter.config.ExporterConfig;
import dev.seedforge.exporter.domain.DatasetExporter;
import dev.seedforge.exporter.domain.ExportJob;
import dev.seedforge.exporter.domain.ExportResult;
import dev.seedforge.exporter.domain.Outcome;
import dev.seedforge.exporter.domain.QualityReport;
import dev.seedforge.exporter.domain.Reviews;
import dev.seedforge.exporter.hub.DatasetPublisher;
import dev.seedforge.exporter.messaging.DatasetAnnouncer;
import dev.seedforge.exporter.persistence.DatasetManifestEntity;
import dev.seedforge.exporter.persistence.ExportJobEntity;
import dev.seedforge.exporter.persistence.OutcomeCounts;
import dev.seedforge.exporter.persistence.ReviewEntity;
import dev.seedforge.support.lifecycle.ShutdownGate;
import dev.seedforge.support.specs.KnownJobs;

/**
 * Finishes jobs, exactly once each. A job is finishable when its FINALIZING event is stored and an outcome is stored
 * for every candidate emitted, in whichever order they came, or when the generator ended it. Every trigger (an outcome,
 * an event, the periodic sweep) calls {@link #tryFinalize} after its own transaction committed, so the last of two
 * racing writers always sees both; a conditional update then lets only one trigger proceed.
 */
@ApplicationScoped
public class JobFinalizer {

    private static final Logger LOG = Logger.getLogger(JobFinalizer.class);

    private final OutcomeLedger ledger;
    /** How long a finalization waits for a job's spec before it gives its claim back to the sweep. */
    private static final Duration SPEC_WAIT = Duration.ofMinutes(1);

    private final KnownJobs known;
    private final DatasetExporter exporter;
    private final DatasetAnnouncer announcer;
    private final ExporterConfig config;
    private final Vertx vertx;
    private final DatasetPublisher publisher;
    private final ReviewService reviews;
    private final ShutdownGate gate;

    public JobFinalizer(OutcomeLedger ledger, KnownJobs known, DatasetExporter exporter,
            DatasetAnnouncer announcer, ExporterConfig config, Vertx vertx, DatasetPublisher publisher,
            ReviewService reviews, ShutdownGate gate) {
        this.reviews = reviews;
        this.gate = gate;
        this.ledger = ledger;
        this.known = known;
        this.exporter = exporter;
        this.announcer = announcer;
        this.config = config;
        this.vertx = vertx;
        this.publisher = publisher;
    }

    /**
     * Stores how many candidates the generator emitted; a later FINALIZING (a redelivery) carries the same number. A
     * larger number for a job written and held for review (still FINALIZING here) means the generator made more
     * after a reviewer's rejection: the job is finished again once their outcomes are in.
     */
    public Uni<Void> recordFinalizing(String jobId, long candidatesEmitted) {
        return Panache.withTransaction(() -> ExportJobEntity.findOrCreate(jobId).invoke(job -> {
            boolean grown = job.finalized && JobStatus.FINALIZING.name().equals(job.status)
                    && job.candidatesEmitted != null && candidatesEmitted > job.candidatesEmitted;
            if (grown) {
                LOG.infof("Job %s: %d candidates emitted, %d before; its held export is written again once their"
                        + " outcomes are in", jobId, candidatesEmitted, job.candidatesEmitted);
                job.finalized = false;
                job.finalizeAttempts = 0;
            }
            if (!job.finalized) {
                job.candidatesEmitted = candidatesEmitted;
                if (job.jobStatus() == null || !job.jobStatus().terminal()) {
                    job.status = JobStatus.FINALIZING.name();
                }
                job.updatedAt = Instant.now();
            }
        })).replaceWithVoid();
    }

    /** Stores that the generator ended the job (FAILED or CANCELLED), unless it is already finished. */
    public Uni<Void> recordEnded(String jobId, JobStatus status, String reason) {
        return Panache.withTransaction(() -> ExportJobEntity.findOrCreate(jobId).invoke(job -> {
            if (!job.finalized) {
                job.status = status.name();
                job.reason = reason;
                job.updatedAt = Instant.now();
            }
        })).replaceWithVoid();
    }

    /**
     * Finishes the job if it is finishable and nobody else has claimed it. Never fails: a failed attempt gives the
     * claim back and is retried by the sweep, so the message that triggered it is not dead-lettered for it.
     */
    public Uni<Void> tryFinalize(String jobId) {
        return Panache.withTransaction(() -> ExportJobEntity.claim(jobId, config.maxFinalizeAttempts())
                .chain(claimed -> claimed == 1 ? ExportJobEntity.<ExportJobEntity> findById(jobId)
                        : Uni.createFrom().nullItem()))
                .chain(job -> job == null ? Uni.createFrom().voidItem()
                        : finish(job)
                                .onFailure().recoverWithUni(e -> giveBack(job, e)));
    }

    @Scheduled(every = "${exporter.finalize-retry-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> sweep() {
        return gate.runReactive(() -> Panache.withSession(() -> ExportJobEntity.pendingJobIds(
                config.maxFinalizeAttempts()))
                .chain(ids -> {
                    Uni<Void> all = Uni.createFrom().voidItem();
                    for (String id : ids) {
                        all = all.chain(() -> tryFinalize(id));
                    }
                    return all;
                })
                .onFailure().recoverWithItem(e -> {
                    LOG.warn("The finalization sweep failed", e);
                    return null;
                }));
    }

    private Uni<Void> finish(ExportJobEntity job) {
        if (job.endedByGenerator()) {
            return finishEnded(job);
        }
        return known.when(job.jobId).ifNoItem().after(SPEC_WAIT)
                .failWith(() -> new IllegalStateException("the spec of job " + job.jobId + " is not on job-specs yet"))
                .chain(accepted -> Panache.withSession(() -> ReviewEntity.ofJob(job.jobId))
                        .map(entities -> entities.stream().map(ReviewEntity::toAction).toList())
                        .chain(actions -> ledger.outcomes(job.jobId).map(outcomes -> new Finishing(
                                ExportJob.of(job.jobId, accepted.spec(), accepted.plan(), job.candidatesEmitted),
                                Reviews.apply(outcomes, actions), ReviewService.holds(accepted.spec())
                                        && actions.stream().noneMatch(a -> Reviews.APPROVED.equals(a.action())),
                                !actions.isEmpty()))))
                .chain(finishing -> write(finishing.job(), finishing.outcomes(), finishing.held())
                        .chain(written -> complete(job.jobId, finishing, written)));
    }

    /**
     * What a finish writes from: the job, its outcomes as reviews leave them, whether it is held (its spec asks for a
     * review and nobody approved yet: an approval given while replacements were generated releases it now), and
     * whether reviewers acted on it.
     */
    private record Finishing(ExportJob job, List<Outcome> outcomes, boolean held, boolean reviewed) {
    }

    private Uni<Void> complete(String jobId, Finishing finishing, Written written) {
        boolean held = finishing.held();
        DatasetManifestEntity manifest = manifestOf(written.result());
        manifest.reason = written.hubProblem();
        if (held) {
            // written, not announced: the job waits in FINALIZING for a reviewer's approval
            manifest.status = JobStatus.FINALIZING.name();
        }
        return Panache.withTransaction(() -> manifest.save().chain(() -> markFinished(jobId,
                held ? JobStatus.FINALIZING : JobStatus.COMPLETED)))
                .chain(() -> held
                        ? Uni.createFrom().voidItem().invoke(() -> LOG.infof(
                                "Job %s written to %s and held for review (review.sample in its spec)%s", jobId,
                                written.result().directory(),
                                finishing.reviewed() ? "; written again with replacements for reviewers' rejections"
                                        : ""))
                                // an approval stored since this finish read the reviews releases it now
                                .chain(() -> reviews.releaseIfApproved(jobId))
                        : announce(jobId, written));
    }

    private Uni<Void> announce(String jobId, Written written) {
        return announcer.datasetCompleted(completedOf(written.result(), written.hubProblem()))
                .chain(() -> announcer.jobCompleted(jobId))
                .invoke(() -> {
                    ExportResult result = written.result();
                    LOG.infof("Job %s finished: %d train, %d validation examples in %s, gate %s", jobId,
                            result.report().counts().train(), result.report().counts().validation(),
                            result.directory(), result.report().gate().passed() ? "passed" : "failed");
                });
    }

    /** The files written, and what went wrong publishing them to the Hub ({@code null}: nothing, or not asked). */
    private record Written(ExportResult result, String hubProblem) {
    }

    /** A dataset held for review is published only once its files are final, so not here. */
    private Uni<Written> write(ExportJob exportJob, List<Outcome> outcomes, boolean held) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            ExportResult result = exporter.export(exportJob, outcomes);
            return new Written(result, held ? null : publisher.publishIfAsked(exportJob, result));
        }));
    }

    /** The generator ended the job: announce it with the counts so far; no files are written. */
    private Uni<Void> finishEnded(ExportJobEntity job) {
        return ledger.counts(job.jobId).chain(counts -> {
            String name = known.find(job.jobId).map(accepted -> accepted.spec().name()).orElse(null);
            String failure = "job " + job.status.toLowerCase(Locale.ROOT)
                    + (job.reason == null ? "" : ": " + job.reason);
            DatasetManifestEntity manifest = endedManifest(job, name, counts, failure);
            DatasetCompleted completed = new DatasetCompleted(SchemaVersions.CURRENT, job.jobId, name, job.jobStatus(),
                    job.reason, job.candidatesEmitted == null ? counts.outcomes() : job.candidatesEmitted,
                    counts.accepted(), counts.rejected(), counts.duplicates(), 0, 0, false, List.of(failure), null,
                    List.of(), counts.costUsd());
            return Panache.withTransaction(manifest::save)
                    .chain(() -> announcer.datasetCompleted(completed))
                    .invoke(() -> {
                        LOG.infof("Job %s ended by the generator: %s", job.jobId, failure);
                    });
        });
    }

    private Uni<Void> giveBack(ExportJobEntity job, Throwable error) {
        boolean lastAttempt = job.finalizeAttempts >= config.maxFinalizeAttempts();
        if (lastAttempt) {
            LOG.errorf(error, "Job %s: finalization attempt %d failed; no attempts left, an operator must look",
                    job.jobId, job.finalizeAttempts);
        } else {
            LOG.warnf(error, "Job %s: finalization attempt %d failed; it will be retried", job.jobId,
                    job.finalizeAttempts);
        }
        String message = String.valueOf(error);
        return Panache.withTransaction(() -> ExportJobEntity.release(job.jobId,
                message.length() > 2000 ? message.substring(0, 2000) : message))
                .replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    LOG.errorf(e, "Job %s: could not give back the finalization claim", job.jobId);
                    return null;
                });
    }

    private static Uni<Void> markFinished(String jobId, JobStatus status) {
        return ExportJobEntity.update("status = ?2, lastError = null, updatedAt = ?3 where jobId = ?1", jobId, status.name(),
                Instant.now()).replaceWithVoid();
    }

    /** The manifest of a written dataset (also after a review writes it again). */
    static DatasetManifestEntity manifestOf(ExportResult result) {
        QualityReport report = result.report();
        DatasetManifestEntity manifest = new DatasetManifestEntity();
        manifest.jobId = report.jobId();
        manifest.name = report.name();
        manifest.format = report.format().id();
        manifest.status = JobStatus.COMPLETED.name();
        manifest.directory = result.directory().toString();
        manifest.files(result.fileNames());
        manifest.candidatesEmitted = report.counts().candidatesEmitted();
        manifest.outcomes = report.counts().outcomes();
        manifest.accepted = report.counts().accepted();
        manifest.rejected = report.counts().rejected();
        manifest.duplicates = report.counts().duplicates();
        manifest.trainExamples = report.counts().train();
        manifest.validationExamples = report.counts().validation();
        manifest.gatePassed = report.gate().passed();
        manifest.gateFailures(report.gate().failures());
        manifest.costUsd = report.cost().totalUsd();
        manifest.reportJson = json(report);
        manifest.finishedAt = Instant.now();
        return manifest;
    }

    private static DatasetManifestEntity endedManifest(ExportJobEntity job, String name, OutcomeCounts counts,
            String failure) {
        DatasetManifestEntity manifest = new DatasetManifestEntity();
        manifest.jobId = job.jobId;
        manifest.name = name;
        manifest.status = job.status;
        manifest.reason = job.reason;
        manifest.files(List.of());
        manifest.candidatesEmitted = job.candidatesEmitted == null ? 0 : job.candidatesEmitted;
        manifest.outcomes = counts.outcomes();
        manifest.accepted = counts.accepted();
        manifest.rejected = counts.rejected();
        manifest.duplicates = counts.duplicates();
        manifest.gatePassed = false;
        manifest.gateFailures(List.of(failure));
        manifest.costUsd = counts.costUsd();
        manifest.finishedAt = Instant.now();
        return manifest;
    }

    private static DatasetCompleted completedOf(ExportResult result, String hubProblem) {
        QualityReport report = result.report();
        QualityReport.Counts counts = report.counts();
        return new DatasetCompleted(SchemaVersions.CURRENT, report.jobId(), report.name(), JobStatus.COMPLETED,
                hubProblem,
                counts.candidatesEmitted(), counts.accepted(), counts.rejected(), counts.duplicates(), counts.train(),
                counts.validation(), report.gate().passed(), report.gate().failures(), result.directory().toString(),
                result.fileNames(), report.cost().totalUsd());
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unwritable report", e);
        }
    }
}
