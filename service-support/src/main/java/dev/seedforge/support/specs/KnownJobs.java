package dev.seedforge.support.specs;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
 * The one way validator, dedup and exporter learn a job; the generator, which owns the specs, excludes this bean.
 */
@ApplicationScoped
public class KnownJobs {

    private static final Logger LOG = Logger.getLogger(KnownJobs.class);
    private static final Duration LOG_EVERY = Duration.ofMinutes(1);

    private record Kept(AcceptedJob job, long bytes) {
    }

    private final int maxJobs;
    private final long maxBytes;
    private final LinkedHashMap<String, Kept> kept = new LinkedHashMap<>(64, 0.75f, true);
    private final Map<String, CompletableFuture<AcceptedJob>> waiting = new ConcurrentHashMap<>();
    private long bytes;

    @Inject
    public KnownJobs(KnownJobsConfig config) {
        this(config.maxJobs(), config.maxBytes());
    }

    public KnownJobs(int maxJobs, long maxBytes) {
        if (maxJobs < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("seedforge.job-specs.max-jobs and max-bytes must be at least 1, got "
                    + maxJobs + " and " + maxBytes);
        }
        this.maxJobs = maxJobs;
        this.maxBytes = maxBytes;
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
        return waiter;
    }

    /** How many jobs are kept now (for tests and metrics). */
    public int size() {
        synchronized (kept) {
            return kept.size();
        }
    }
}
