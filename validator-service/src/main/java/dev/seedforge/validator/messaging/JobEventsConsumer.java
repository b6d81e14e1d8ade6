package dev.seedforge.validator.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.JobEvent;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.Topics;
import dev.seedforge.support.messaging.ConsumedRecords;
import dev.seedforge.support.messaging.ConsumerGuard;
import dev.seedforge.validator.persistence.JudgeBatchStore;

/**
 * Follows {@code job-events} for a job that ends early (CANCELLED, FAILED): it is noted in the database, so that
 * whichever instance holds the job's judge rounds cancels their batches at the provider and starts no new one.
 */
@ApplicationScoped
public class JobEventsConsumer {

    private final JudgeBatchStore store;

    public JobEventsConsumer(JudgeBatchStore store) {
        this.store = store;
    }

    @ApplyGuard(ConsumerGuard.NAME)
    @Incoming(Topics.JOB_EVENTS)
    public Uni<Void> consume(String json) {
        JobEvent event = ConsumedRecords.read(json, JobEvent.class, Topics.JOB_EVENTS, JobEvent::schemaVersion,
                e -> "JobEvent");
        if (event.jobId() == null || (event.status() != JobStatus.CANCELLED && event.status() != JobStatus.FAILED)) {
            return Uni.createFrom().voidItem();
        }
        return store.cancelled(event.jobId(), event.status().name()).replaceWithVoid();
    }
}
