package dev.seedforge.support.specs;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.AcceptedJob;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.Topics;

/**
 * The specs of the jobs this stage may meet, read from the compacted {@code job-specs} topic (every instance reads
 * all of it from the start, in a consumer group of its own), kept in a store bounded by count and bytes, least
 * recently used out first. A stage that meets a candidate of a job not known yet waits for its spec ({@link #await},
 * {@link #when}): the generator writes the spec before the job's first candidate, but topics are read independently.
 * A job dropped from the store and met again (a job running while thousands of newer ones, or a few very large
 * specs, came after it) is read again from the topic ({@link JobSpecsTopic}) rather than waited for: its record will
 * not come again on this stage's consumer. The one way validator, dedup and exporter learn a job; the generator,
 * which owns the specs, excludes this bean.
 */
@ApplicationScoped
public class KnownJobs {

    private static final Logger LOG = Logger.getLogger(KnownJobs.class);
    private static final Duration LOG_EVERY = Duration.ofMinutes(1);
    private static final int REREAD_ATTEMPTS = 3;
    private static final Duration REREAD_PAUSE = Duration.ofSeconds(5);

    private record Kept(AcceptedJob job, long bytes) {
    }

    private final int maxJobs;
    private final long maxBytes;
    private final LinkedHashMap<String, Kept> kept = new LinkedHashMap<>(64, 0.75f, true);
    private final Map<String, CompletableFuture<AcceptedJob>> waiting = new ConcurrentHashMap<>();
    /** Jobs dropped from the store, most recent last, bounded as the store is by count. */
    private final LinkedHashMap<String, Boolean> dropped = new LinkedHashMap<>();
    /** Jobs being read again from the topic now. */
    private final Map<String, Boolean> rereading = new ConcurrentHashMap<>();
    /** A job's latest record on the topic, read again from its start. */
    private final Function<String, Optional<String>> reread;
    private final ExecutorService rereads = Executors.newVirtualThreadPerTaskExecutor();
    private long bytes;

    @Inject
    public KnownJobs(KnownJobsConfig config, JobSpecsTopic topic) {
        this(config.maxJobs(), config.maxBytes(), topic::latest);
    }

    /** A store that cannot read a dropped job again (it waits for it as for any other). */
    public KnownJobs(int maxJobs, long maxBytes) {
        this(maxJobs, maxBytes, jobId -> Optional.empty());
    }

    public KnownJobs(int maxJobs, long maxBytes, Function<String, Optional<String>> reread) {
        if (maxJobs < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("seedforge.job-specs.max-jobs and max-bytes must be at least 1, got "
                    + maxJobs + " and " + maxBytes);
        }
        this.maxJobs = maxJobs;
        this.maxBytes = maxBytes;
        this.reread = reread;
    }

    /**
     * One record of {@code job-specs}. A record that is not a job spec is dead-lettered (the topic's failure strategy);
     * a tombstone (a job deleted) is skipped.
     */
    @Incoming(Topics.JOB_SPECS)
    public void learn(String json) {
        if (json == null) {
            return;
        }
        AcceptedJob job;
        try {
            job = Json.MAPPER.readValue(json, AcceptedJob.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable record on " + Topics.JOB_SPECS + ": "
                    + e.getOriginalMessage(), e);
        }
        if (job == null) {
            throw new IllegalArgumentException("empty record on " + Topics.JOB_SPECS);
        }
        learn(job.requireComplete(), json.length());
    }

    void learn(AcceptedJob job, long size) {
        AcceptedJob complete = new AcceptedJob(job.schemaVersion(), job.jobId(), job.spec().withDefaults(), job.plan(),
                job.owner(), job.acceptedAt());
        synchronized (kept) {
            Kept previous = kept.put(job.jobId(), new Kept(complete, size));
            bytes += size - (previous == null ? 0 : previous.bytes());
            Iterator<Map.Entry<String, Kept>> eldest = kept.entrySet().iterator();
            while ((kept.size() > maxJobs || bytes > maxBytes) && kept.size() > 1 && eldest.hasNext()) {
                Map.Entry<String, Kept> out = eldest.next();
                bytes -= out.getValue().bytes();
                eldest.remove();
                dropped.put(out.getKey(), Boolean.TRUE);
            }
            dropped.remove(job.jobId());
            Iterator<String> oldestDropped = dropped.keySet().iterator();
            while (dropped.size() > maxJobs && oldestDropped.hasNext()) {
                oldestDropped.next();
                oldestDropped.remove();
            }
        }
        CompletableFuture<AcceptedJob> waiter = waiting.remove(job.jobId());
        if (waiter != null) {
            waiter.complete(complete);
        }
    }

    /** The job if this stage knows it now. */
    public Optional<AcceptedJob> find(String jobId) {
        synchronized (kept) {
            Kept known = kept.get(jobId);
            return known == null ? Optional.empty() : Optional.of(known.job());
        }
    }

    /** The job once its spec is known; for reactive consumers. Never fails for want of the spec: it waits. */
    public Uni<AcceptedJob> when(String jobId) {
        Optional<AcceptedJob> known = find(jobId);
        if (known.isPresent()) {
            return Uni.createFrom().item(known.get());
        }
        return Uni.createFrom().completionStage(() -> waiterFor(jobId));
    }

    /**
     * The job, waiting on this (worker) thread for its spec as long as it takes, with a log line every minute: a
     * candidate never fails or goes to a dead-letter topic for want of its job's spec.
     */
    public AcceptedJob await(String jobId) {
        long started = System.nanoTime();
        while (true) {
            Optional<AcceptedJob> known = find(jobId);
            if (known.isPresent()) {
                return known.get();
            }
            try {
                return waiterFor(jobId).get(LOG_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                LOG.warnf("waiting %d s for the spec of job %s on %s", TimeUnit.NANOSECONDS.toSeconds(
                        System.nanoTime() - started), jobId, Topics.JOB_SPECS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the spec of job " + jobId, e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    private CompletableFuture<AcceptedJob> waiterFor(String jobId) {
        CompletableFuture<AcceptedJob> waiter = waiting.computeIfAbsent(jobId, id -> new CompletableFuture<>());
        // the spec may have arrived between the caller's look and the waiter's creation
        find(jobId).ifPresent(job -> {
            waiting.remove(jobId, waiter);
            waiter.complete(job);
        });
        if (!waiter.isDone() && wasDropped(jobId) && rereading.putIfAbsent(jobId, Boolean.TRUE) == null) {
            rereads.submit(() -> readAgain(jobId));
        }
        return waiter;
    }

    private boolean wasDropped(String jobId) {
        synchronized (kept) {
            return dropped.containsKey(jobId);
        }
    }

    /**
     * Learns a dropped job again from the topic, trying a few times (the broker may be away for a moment); after that
     * the next wait for the job tries again.
     */
    private void readAgain(String jobId) {
        try {
            for (int attempt = 1; attempt <= REREAD_ATTEMPTS; attempt++) {
                try {
                    Optional<String> record = reread.apply(jobId);
                    if (record.isPresent()) {
                        LOG.infof("job %s was dropped from the specs kept (at most %d jobs, %d bytes); read again from %s",
                                jobId, maxJobs, maxBytes, Topics.JOB_SPECS);
                        learn(record.get());
                    } else {
                        LOG.warnf("job %s was dropped from the specs kept and %s no longer holds it", jobId,
                                Topics.JOB_SPECS);
                    }
                    return;
                } catch (RuntimeException e) {
                    LOG.warnf("could not read job %s again from %s (attempt %d of %d): %s", jobId, Topics.JOB_SPECS,
                            attempt, REREAD_ATTEMPTS, e.getMessage());
                    Thread.sleep(REREAD_PAUSE.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            rereading.remove(jobId);
        }
    }

    @PreDestroy
    void stop() {
        rereads.shutdownNow();
    }

    /** How many jobs are kept now (for tests and metrics). */
    public int size() {
        synchronized (kept) {
            return kept.size();
        }
    }
}
