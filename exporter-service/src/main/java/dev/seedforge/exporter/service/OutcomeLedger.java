package dev.seedforge.exporter.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.CellProgress;
import dev.seedforge.contracts.JobProgress;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.SchemaVersions;
import dev.seedforge.exporter.client.JobSpecCache;
import dev.seedforge.exporter.domain.Outcome;
import dev.seedforge.exporter.messaging.ProgressPublisher;
import dev.seedforge.exporter.persistence.OutcomeCounts;
import dev.seedforge.exporter.persistence.OutcomeEntity;

/** The exporter's account of every candidate: stores each outcome once and reports a job's progress from it. */
@ApplicationScoped
public class OutcomeLedger {

    private static final Logger LOG = Logger.getLogger(OutcomeLedger.class);

    private final JobSpecCache specs;
    private final ProgressPublisher progress;

    public OutcomeLedger(JobSpecCache specs, ProgressPublisher progress) {
        this.specs = specs;
        this.progress = progress;
    }

    /** Stores the outcome unless its candidate is already accounted for; true when it was new. */
    public Uni<Boolean> record(Outcome outcome) {
        return Panache.withTransaction(() -> OutcomeEntity.<OutcomeEntity> findById(outcome.candidateId())
                .chain(existing -> existing != null ? Uni.createFrom().item(false)
                        : OutcomeEntity.from(outcome, Instant.now()).persist().replaceWith(true)));
    }

    public Uni<OutcomeCounts> counts(String jobId) {
        return Panache.withSession(() -> OutcomeEntity.countsOf(jobId));
    }

    public Uni<List<Outcome>> outcomes(String jobId) {
        return Panache.withSession(() -> OutcomeEntity.ofJob(jobId))
                .map(entities -> entities.stream().map(OutcomeEntity::toOutcome).toList());
    }

    /**
     * Publishes the job's counts from the database, with the target as the quota of the single cell {@code all}. A
     * progress event is a snapshot, so a failed one is logged and the next outcome's replaces it.
     */
    public Uni<Void> publishProgress(String jobId) {
        return counts(jobId).chain(counts -> quota(jobId).map(quota -> progressOf(jobId, counts, quota)))
                .chain(progress::publish)
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf(e, "Could not publish the progress of job %s", jobId);
                    return null;
                });
    }

    private Uni<Long> quota(String jobId) {
        return specs.spec(jobId).map(spec -> spec.target() == null ? 0L : (long) spec.target())
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Job %s: no target from the generator (%s); progress quota 0", jobId, e.toString());
                    return specs.cached(jobId).map(JobSpec::target).map(Integer::longValue).orElse(0L);
                });
    }

    static JobProgress progressOf(String jobId, OutcomeCounts counts, long quota) {
        return new JobProgress(SchemaVersions.CURRENT, jobId,
                Map.of(Candidate.DEFAULT_CELL,
                        new CellProgress(quota, counts.accepted(), counts.rejected(), counts.duplicates())),
                counts.outcomes(), counts.accepted(), counts.rejected(), counts.duplicates(), counts.costUsd(),
                Instant.now());
    }
}
