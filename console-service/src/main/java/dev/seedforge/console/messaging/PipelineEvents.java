package dev.seedforge.console.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

import dev.seedforge.contracts.JobEvent;
import dev.seedforge.contracts.JobProgress;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.Topics;

/**
 * Passes {@code job-progress} and {@code job-events} on to the browsers watching a job. Each console instance reads
 * both topics whole in its own consumer group from the latest offset (every instance serves its own browsers) and
 * keeps nothing: a page asks the services for the state when it opens and follows these records after.
 */
@ApplicationScoped
public class PipelineEvents {

    private static final Logger LOG = Logger.getLogger(PipelineEvents.class);

    private final BroadcastProcessor<Object> events = BroadcastProcessor.create();

    @Incoming(Topics.JOB_PROGRESS)
    public void onProgress(String json) {
        read(json, JobProgress.class);
    }

    @Incoming(Topics.JOB_EVENTS)
    public void onEvent(String json) {
        read(json, JobEvent.class);
    }

    /** The records of one job, as they arrive from now on. */
    public Multi<Object> of(String jobId) {
        return events.filter(event -> switch (event) {
            case JobProgress progress -> jobId.equals(progress.jobId());
            case JobEvent jobEvent -> jobId.equals(jobEvent.jobId());
            default -> false;
        });
    }

    private void read(String json, Class<?> type) {
        try {
            events.onNext(Json.MAPPER.readValue(json, type));
        } catch (JsonProcessingException | RuntimeException e) {
            // the services dead-letter unreadable records; a display skips them
            LOG.debugf("Skipped an unreadable %s record: %s", type.getSimpleName(), e.getMessage());
        }
    }
}
