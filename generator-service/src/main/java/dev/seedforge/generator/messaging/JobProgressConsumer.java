package dev.seedforge.generator.messaging;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.JobProgress;
import dev.seedforge.contracts.Topics;
import dev.seedforge.generator.service.GenerationLoop;
import dev.seedforge.generator.service.JobService;
import dev.seedforge.support.messaging.ConsumedRecords;

/**
 * Follows the exporter's counts, so generation goes on only while accepted examples are missing. A record it cannot
 * read fails and goes to {@code job-progress-dlq}.
 */
@ApplicationScoped
public class JobProgressConsumer {

    private final JobService jobs;
    private final GenerationLoop loop;

    public JobProgressConsumer(JobService jobs, GenerationLoop loop) {
        this.jobs = jobs;
        this.loop = loop;
    }

    /** A failure of the database, broker or a service is retried in place; only an unreadable record is dead-lettered. */
    @Retry(maxRetries = -1, delay = 500, jitter = 200, maxDuration = 10, durationUnit = ChronoUnit.MINUTES, abortOn = IllegalArgumentException.class)
    @ExponentialBackoff(factor = 2, maxDelay = 10, maxDelayUnit = ChronoUnit.SECONDS)
    @Incoming(Topics.JOB_PROGRESS)
    public Uni<Void> onProgress(String json) {
        JobProgress progress = ConsumedRecords.read(json, JobProgress.class, Topics.JOB_PROGRESS,
                JobProgress::schemaVersion, p -> "job progress of " + p.jobId());
        if (progress.jobId() == null) {
            throw new IllegalArgumentException("job progress without a jobId");
        }
        return jobs.recordProgress(progress).invoke(known -> {
            if (known) {
                loop.trigger(progress.jobId());
            }
        }).replaceWithVoid();
    }
}
