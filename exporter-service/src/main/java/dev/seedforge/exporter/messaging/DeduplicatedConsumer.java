package dev.seedforge.exporter.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.DeduplicatedCandidate;
import dev.seedforge.contracts.Topics;
import dev.seedforge.exporter.domain.Outcome;
import dev.seedforge.exporter.service.JobFinalizer;
import dev.seedforge.exporter.service.OutcomeLedger;
import dev.seedforge.support.messaging.ConsumedRecords;
import dev.seedforge.support.messaging.ConsumerGuard;

/**
 * Takes each candidate's final outcome from {@code deduplicated}: stores it once, reports progress when it is new
 * (at most once per {@code exporter.progress-interval} per job),
 * then lets the finalizer check whether the job is complete. A record it cannot read goes to the dead-letter topic.
 */
@ApplicationScoped
public class DeduplicatedConsumer {

    private final OutcomeLedger ledger;
    private final JobFinalizer finalizer;

    public DeduplicatedConsumer(OutcomeLedger ledger, JobFinalizer finalizer) {
        this.ledger = ledger;
        this.finalizer = finalizer;
    }

    /** A failure of the database, broker or a service is retried in place; only an unreadable record is dead-lettered. */
    @ApplyGuard(ConsumerGuard.NAME)
    @Incoming(Topics.DEDUPLICATED)
    public Uni<Void> consume(String json) {
        Outcome outcome = read(ConsumedRecords.read(json, DeduplicatedCandidate.class, Topics.DEDUPLICATED,
                DeduplicatedCandidate::schemaVersion, d -> "DeduplicatedCandidate"));
        return ledger.record(outcome)
                .chain(isNew -> isNew ? ledger.outcomeRecorded(outcome.jobId()) : Uni.createFrom().voidItem())
                .chain(() -> finalizer.tryFinalize(outcome.jobId()));
    }

    private static Outcome read(DeduplicatedCandidate received) {
        if (received.candidate() == null || received.candidate().candidateId() == null
                || received.candidate().jobId() == null) {
            throw new IllegalArgumentException("DeduplicatedCandidate without candidate, candidate id or job id");
        }
        return Outcome.of(received);
    }
}
