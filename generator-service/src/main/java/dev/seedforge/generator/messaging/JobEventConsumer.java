package dev.seedforge.generator.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.JobEvent;
import dev.seedforge.contracts.SchemaVersions;
import dev.seedforge.contracts.Topics;
import dev.seedforge.generator.service.JobService;

/** Learns from the exporter when a job it finalized has ended, so {@code GET /jobs/{id}} tells the whole story. */
@ApplicationScoped
public class JobEventConsumer {

    private final JobService jobs;

    public JobEventConsumer(JobService jobs) {
        this.jobs = jobs;
    }

    @Incoming(Topics.JOB_EVENTS)
    public Uni<Void> onEvent(JobEvent event) {
        SchemaVersions.requireSupported(event.schemaVersion(), "job event of " + event.jobId());
        if (PipelinePublisher.SOURCE.equals(event.source()) || !event.status().terminal()) {
            return Uni.createFrom().voidItem();
        }
        return jobs.recordEnd(event.jobId(), event.status(), event.reason());
    }
}
