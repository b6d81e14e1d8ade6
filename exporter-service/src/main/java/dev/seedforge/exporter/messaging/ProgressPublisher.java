package dev.seedforge.exporter.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import dev.seedforge.contracts.JobProgress;
import dev.seedforge.contracts.Topics;

/** Publishes what the exporter holds of a job on {@code job-progress}, keyed by job id; completes once Kafka has it. */
@ApplicationScoped
public class ProgressPublisher {

    private final MutinyEmitter<JobProgress> emitter;

    public ProgressPublisher(@Channel(Topics.JOB_PROGRESS) MutinyEmitter<JobProgress> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(JobProgress progress) {
        Message<JobProgress> message = Message.of(progress)
                .addMetadata(OutgoingKafkaRecordMetadata.<String> builder().withKey(progress.jobId()).build());
        return CallerContext.backOnCaller(emitter.sendMessage(message));
    }
}
