package dev.seedforge.exporter.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.AcceptedJob;
import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.CellProgress;
import dev.seedforge.contracts.JobProgress;
import dev.seedforge.exporter.config.ExporterConfig;
import dev.seedforge.exporter.domain.Outcome;
import dev.seedforge.exporter.domain.ProgressThrottle;
import dev.seedforge.exporter.messaging.ProgressPublisher;
import dev.seedforge.exporter.persistence.OutcomeCounts;
import dev.seedforge.exporter.persistence.OutcomeEntity;
import dev.seedforge.support.lifecycle.ShutdownGate;
import dev.seedforge.support.specs.KnownJobs;

/** The exporter's account of every candidate: stores each outcome once and reports a job's progress from it. */
@ApplicationScoped
public class OutcomeLedger {

    private static final Logger LOG = Logger.getLogger(OutcomeLedger.class);

    private final KnownJobs known;
    private final ProgressPublisher progress;
    private final ProgressThrottle throttle;
    private final ShutdownGate gate;
    /** Sends each held-back change when it falls due. */
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "exporter-progress-timer");
        thread.setDaemon(true);
        return thread;
    });

    public OutcomeLedger(KnownJobs known, ProgressPublisher progress, ExporterConfig config, ShutdownGate gate) {
        this.known = known;
        this.gate = gate;
        this.progress = progress;
        this.throttle = new ProgressThrottle(config.progressInterval());
    }

    /** Stores the outcome unless its candidate is already accounted for; true when it was new. */
    public Uni<Boolean> record(Outcome outcome) {
        return Panache.withTransaction(() -> OutcomeEntity.<OutcomeEntity> findById(outcome.candidateId())
                .chain(existing -> existing != null ? Uni.createFrom().item(false)
                        : OutcomeEntity.from(outcome, Instant.now()).persist().replaceWith(true)));
    }

    /**
     * Stores a batch's outcomes in one transaction, each unless its candidate is already accounted for (a redelivery,
     * or twice in the batch); answers the jobs that got a new outcome, in the batch's order.
     */
    public Uni<Set<String>> recordAll(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        List<String> ids = outcomes.stream().map(Outcome::candidateId).distinct().toList();
        return Panache.withTransaction(() -> OutcomeEntity.ofCandidates(ids)
                .chain(existing -> {
                    Set<String> known = new HashSet<>();
                    existing.forEach(entity -> known.add(entity.candidateId));
                    Set<String> jobs = new LinkedHashSet<>();
                    List<OutcomeEntity> fresh = new ArrayList<>();
                    Instant now = Instant.now();
                    for (Outcome outcome : outcomes) {
                        if (known.add(outcome.candidateId())) {
                            fresh.add(OutcomeEntity.from(outcome, now));
                            jobs.add(outcome.jobId());
                        }
                    }
                    return fresh.isEmpty() ? Uni.createFrom().item((Set<String>) jobs)
                            : OutcomeEntity.persist(fresh).replaceWith((Set<String>) jobs);
                }));
    }

    /** The job's counts, an example a reviewer rejected counted as rejected. */
    public Uni<OutcomeCounts> counts(String jobId) {
        return Panache.withSession(() -> OutcomeEntity.countsOf(jobId));
    }

    public Uni<List<Outcome>> outcomes(String jobId) {
        return Panache.withSession(() -> OutcomeEntity.ofJob(jobId))
                .map(entities -> entities.stream().map(OutcomeEntity::toOutcome).toList());
    }

    /**
     * A new outcome of the job: its progress goes out now, or, if it went out less than
     * {@code exporter.progress-interval} ago, when the interval has passed (a timer; the sweep as a backstop)
     * ({@link ProgressThrottle}).
     */
    public Uni<Void> outcomeRecorded(String jobId) {
        Instant now = Instant.now();
        if (throttle.changed(jobId, now)) {
            return publishProgress(jobId);
        }
        // from a thread of its own, not an event loop: the send then gets a Vert.x context of its own (the database's
        // sessions need one), which an event loop's timer is refused
        throttle.dueAt(jobId).ifPresent(due -> timers.schedule(
                () -> VertxContextSupport.subscribe(() -> publishHeldBack().toMulti(),
                        subscribe -> subscribe.with(done -> {
                        }, failure -> LOG.warnf(failure, "Could not publish the progress held back for job %s",
                                jobId))),
                Math.max(1, Duration.between(now, due).toMillis() + 1), TimeUnit.MILLISECONDS));
        return Uni.createFrom().voidItem();
    }

    @PreDestroy
    void stopTimers() {
        timers.shutdownNow();
    }

    /**
     * Sends the progress the throttle held back: when a held change falls due, and every second (the scheduler's
     * finest step) for one whose timer was lost.
     */
    @Scheduled(every = "${exporter.progress-sweep-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> publishHeldBack() {
        return gate.runReactive(() -> {
            Uni<Void> all = Uni.createFrom().voidItem();
            for (String jobId : throttle.due(Instant.now())) {
                all = all.chain(() -> publishProgress(jobId));
            }
            return all;
        });
    }

    /**
     * Publishes the job's counts from the database per plan cell with its quota (without a plan: the one cell
     * {@code all} with the target as quota). A progress event is a snapshot, so a failed one is logged and the next
     * outcome's replaces it.
     */
    public Uni<Void> publishProgress(String jobId) {
        return counts(jobId).chain(counts -> quotas(jobId).map(quotas -> progressOf(jobId, counts, quotas)))
                .chain(progress::publish)
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf(e, "Could not publish the progress of job %s", jobId);
                    return null;
                });
    }

    /**
     * Quota per cell id, from the job's plan on {@code job-specs} (waited for if the spec has not arrived yet: a
     * progress event with no quotas would tell the generator the job needs nothing).
     */
    private Uni<Map<String, Long>> quotas(String jobId) {
        return known.when(jobId).map(OutcomeLedger::quotasOf);
    }

    /** Per plan cell; without a plan, the one cell {@code all} with the target as quota. */
    static Map<String, Long> quotasOf(AcceptedJob job) {
        Map<String, Long> quotas = new LinkedHashMap<>();
        if (job.plan() != null && !job.plan().cells().isEmpty()) {
            job.plan().cells().forEach(cell -> quotas.merge(cell.id(), (long) cell.quota(), Long::sum));
        } else {
            quotas.put(Candidate.DEFAULT_CELL, job.spec().target() == null ? 0L : (long) job.spec().target());
        }
        return quotas;
    }

    /**
     * Per-cell progress: with one cell {@code all} (no plan), every outcome counts for it whatever its cell; with a
     * plan, each outcome for its own cell (a cell outside the plan is reported with quota 0). The cost by stage is
     * that of the candidates with an outcome: their teacher share and their judge calls, the only record of the
     * judge's cost (the generator's call log is the record of the teacher's, failed calls and candidates in flight
     * included).
     */
    static JobProgress progressOf(String jobId, OutcomeCounts counts, Map<String, Long> quotas) {
        Map<String, CellProgress> cells = new LinkedHashMap<>();
        boolean unplanned = quotas.size() == 1 && quotas.containsKey(Candidate.DEFAULT_CELL);
        if (unplanned) {
            cells.put(Candidate.DEFAULT_CELL, new CellProgress(quotas.get(Candidate.DEFAULT_CELL), counts.accepted(),
                    counts.rejected(), counts.duplicates()));
        } else {
            quotas.forEach((cell, quota) -> {
                OutcomeCounts.CellCounts c = counts.cells().getOrDefault(cell, new OutcomeCounts.CellCounts(0, 0, 0));
                cells.put(cell, new CellProgress(quota, c.accepted(), c.rejected(), c.duplicates()));
            });
            counts.cells().forEach((cell, c) -> cells.putIfAbsent(cell,
                    new CellProgress(0, c.accepted(), c.rejected(), c.duplicates())));
        }
        return JobProgress.of(jobId, cells, counts.accepted(), counts.rejected(), counts.duplicates(),
                counts.generationCostUsd(), counts.judgeCostUsd(), Instant.now(), counts.reviewerRejected());
    }
}
