package dev.seedforge.generator.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.JobProgress;
import dev.seedforge.contracts.Topics;
import dev.seedforge.generator.service.GenerationLoop;
import dev.seedforge.generator.service.JobService;
import dev.seedforge.support.messaging.ConsumedRecords;
import dev.seedforge.support.messaging.ConsumerGuard;

/**
 * Follows the exporter's counts, so generation goes on only while accepted examples are missing. A record it cannot
 * read fails and goes to {@code job-progress-dlq}.
 */
@ApplicationScoped
public class JobProgressConsumer {

    private static final Logger LOG = Logger.getLogger(JobProgressConsumer.class);

    private final JobService jobs;
    private final GenerationLoop loop;

    public JobProgressConsumer(JobService jobs, GenerationLoop loop) {
        this.jobs = jobs;
        this.loop = loop;
    }

    /** A failure of the database, broker or a service is retried in place; only an unreadable record is dead-lettered. */
    @ApplyGuard(ConsumerGuard.NAME)
    @Incoming(Topics.JOB_PROGRESS)
    public Uni<Void> onProgress(String json) {
        JobProgress progress = ConsumedRecords.read(json, JobProgress.class, Topics.JOB_PROGRESS,
                JobProgress::schemaVersion, p -> "job progress of " + p.jobId());
        if (progress.jobId() == null) {
            throw new IllegalArgumentException("job progress without a jobId");
        }
        return jobs.recordProgress(progress).invoke(known -> {
            LOG.debugf("Job %s progress: %d accepted, %d outcomes", progress.jobId(), progress.accepted(),
                    progress.outcomes());
            if (known) {
                loop.trigger(progress.jobId());
            }
        }).replaceWithVoid();
    }
}
