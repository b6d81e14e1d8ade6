package dev.seedforge.generator.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.JobProgress;
import dev.seedforge.contracts.SchemaVersions;
import dev.seedforge.contracts.Topics;
import dev.seedforge.generator.service.GenerationLoop;
import dev.seedforge.generator.service.JobService;

/** Follows the exporter's counts, so generation goes on only while accepted examples are missing. */
@ApplicationScoped
public class JobProgressConsumer {

    private final JobService jobs;
    private final GenerationLoop loop;

    public JobProgressConsumer(JobService jobs, GenerationLoop loop) {
        this.jobs = jobs;
        this.loop = loop;
    }

    @Incoming(Topics.JOB_PROGRESS)
    public Uni<Void> onProgress(JobProgress progress) {
        SchemaVersions.requireSupported(progress.schemaVersion(), "job progress of " + progress.jobId());
        return jobs.recordProgress(progress).invoke(known -> {
            if (known) {
                loop.trigger(progress.jobId());
            }
        }).replaceWithVoid();
    }
}
