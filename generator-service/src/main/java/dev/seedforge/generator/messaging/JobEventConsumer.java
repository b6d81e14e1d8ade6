package dev.seedforge.generator.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.JobEvent;
import dev.seedforge.contracts.Topics;
import dev.seedforge.generator.service.JobService;
import dev.seedforge.support.messaging.ConsumedRecords;
import dev.seedforge.support.messaging.ConsumerGuard;

/**
 * Learns from the exporter when a job it finalized has ended, so {@code GET /jobs/{id}} tells the whole story. A record
 * it cannot read fails and goes to {@code job-events-dlq}.
 */
@ApplicationScoped
public class JobEventConsumer {

    private final JobService jobs;

    public JobEventConsumer(JobService jobs) {
        this.jobs = jobs;
    }

    /** A failure of the database, broker or a service is retried in place; only an unreadable record is dead-lettered. */
    @ApplyGuard(ConsumerGuard.NAME)
    @Incoming(Topics.JOB_EVENTS)
    public Uni<Void> onEvent(String json) {
        JobEvent event = ConsumedRecords.read(json, JobEvent.class, Topics.JOB_EVENTS, JobEvent::schemaVersion,
                e -> "job event of " + e.jobId());
        if (PipelinePublisher.SOURCE.equals(event.source()) || event.status() == null || !event.status().terminal()) {
            return Uni.createFrom().voidItem();
        }
        return jobs.recordEnd(event.jobId(), event.status(), event.reason());
    }
}
