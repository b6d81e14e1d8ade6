package dev.seedforge.exporter.messaging;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import dev.seedforge.contracts.DatasetCompleted;
import dev.seedforge.contracts.JobEvent;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.Topics;

/**
 * Announces the end of a job: {@link DatasetCompleted} as a structured CloudEvent on {@code datasets}, and COMPLETED on
 * {@code job-events}. Each send completes once Kafka has acknowledged it.
 */
@ApplicationScoped
public class DatasetAnnouncer {

    /** The {@code source} of the exporter's own job events, which its job-events consumer skips. */
    public static final String SOURCE = "exporter";
    public static final String JOB_EVENTS_OUT = "job-events-out";

    private final MutinyEmitter<DatasetCompleted> datasets;
    private final MutinyEmitter<JobEvent> jobEvents;

    public DatasetAnnouncer(@Channel(Topics.DATASETS) MutinyEmitter<DatasetCompleted> datasets,
            @Channel(JOB_EVENTS_OUT) MutinyEmitter<JobEvent> jobEvents) {
        this.datasets = datasets;
        this.jobEvents = jobEvents;
    }

    public Uni<Void> datasetCompleted(DatasetCompleted completed) {
        Message<DatasetCompleted> message = Message.of(completed)
                .addMetadata(OutgoingCloudEventMetadata.<DatasetCompleted> builder()
                        .withId(completed.jobId())
                        .withType(DatasetCompleted.CLOUD_EVENT_TYPE)
                        .withSource(URI.create(DatasetCompleted.CLOUD_EVENT_SOURCE))
                        .withSubject(completed.jobId())
                        .withDataContentType("application/json")
                        .build())
                .addMetadata(OutgoingKafkaRecordMetadata.<String> builder().withKey(completed.jobId()).build());
        return CallerContext.backOnCaller(datasets.sendMessage(message));
    }

    public Uni<Void> jobCompleted(String jobId) {
        JobEvent event = JobEvent.of(jobId, JobStatus.COMPLETED, null, null, SOURCE);
        Message<JobEvent> message = Message.of(event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String> builder().withKey(jobId).build());
        return CallerContext.backOnCaller(jobEvents.sendMessage(message));
    }
}
