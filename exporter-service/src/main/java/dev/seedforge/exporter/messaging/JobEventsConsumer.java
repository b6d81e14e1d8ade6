package dev.seedforge.exporter.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.JobEvent;
import dev.seedforge.contracts.Topics;
import dev.seedforge.exporter.service.JobFinalizer;
import dev.seedforge.support.messaging.ConsumedRecords;
import dev.seedforge.support.messaging.ConsumerGuard;

/**
 * Follows {@code job-events} for what ends a job: FINALIZING (how many candidates to expect) and the generator's
 * FAILED or CANCELLED. Skips the exporter's own events and every other status.
 */
@ApplicationScoped
public class JobEventsConsumer {

    private final JobFinalizer finalizer;

    public JobEventsConsumer(JobFinalizer finalizer) {
        this.finalizer = finalizer;
    }

    /** A failure of the database, broker or a service is retried in place; only an unreadable record is dead-lettered. */
    @ApplyGuard(ConsumerGuard.NAME)
    @Incoming(Topics.JOB_EVENTS)
    public Uni<Void> consume(String json) {
        JobEvent event = ConsumedRecords.read(json, JobEvent.class, Topics.JOB_EVENTS, JobEvent::schemaVersion,
                e -> "JobEvent");
        if (DatasetAnnouncer.SOURCE.equals(event.source()) || event.status() == null) {
            return Uni.createFrom().voidItem();
        }
        if (event.jobId() == null) {
            throw new IllegalArgumentException("JobEvent " + event.status() + " without a job id");
        }
        return switch (event.status()) {
            case FINALIZING -> {
                if (event.candidatesEmitted() == null || event.candidatesEmitted() < 0) {
                    throw new IllegalArgumentException(
                            "FINALIZING event of job " + event.jobId() + " without candidatesEmitted");
                }
                yield finalizer.recordFinalizing(event.jobId(), event.candidatesEmitted())
                        .chain(() -> finalizer.tryFinalize(event.jobId()));
            }
            case FAILED, CANCELLED -> finalizer.recordEnded(event.jobId(), event.status(), event.reason())
                    .chain(() -> finalizer.tryFinalize(event.jobId()));
            default -> Uni.createFrom().voidItem();
        };
    }
}
