package dev.seedforge.exporter.messaging;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

import dev.seedforge.contracts.DeduplicatedCandidate;
import dev.seedforge.contracts.Topics;
import dev.seedforge.exporter.domain.Outcome;
import dev.seedforge.exporter.observability.OutcomeMetricsInterceptor;
import dev.seedforge.exporter.service.JobFinalizer;
import dev.seedforge.exporter.service.OutcomeLedger;
import dev.seedforge.support.messaging.ConsumedRecords;
import dev.seedforge.support.messaging.ConsumerGuard;
import dev.seedforge.support.messaging.DeadLetters;
import dev.seedforge.support.metrics.PipelineMetrics;

/**
 * Takes each candidate's final outcome from {@code deduplicated}, a batch (what one poll returns) at a time: stores
 * the batch's new outcomes in one transaction, reports progress for each job that got one (at most once per
 * {@code exporter.progress-interval} per job), then lets the finalizer check once per job whether it is complete. A
 * record it cannot read goes to {@code deduplicated-dlq} as it came.
 */
@ApplicationScoped
public class DeduplicatedConsumer {

    /** The channel of {@code deduplicated-dlq} (the batch's poison records, sent by this consumer). */
    public static final String DEAD_LETTERS = "deduplicated-dead-letters";

    private final OutcomeLedger ledger;
    private final JobFinalizer finalizer;
    private final MutinyEmitter<String> deadLetters;
    private final PipelineMetrics metrics;

    public DeduplicatedConsumer(OutcomeLedger ledger, JobFinalizer finalizer,
            @Channel(DEAD_LETTERS) MutinyEmitter<String> deadLetters, PipelineMetrics metrics) {
        this.ledger = ledger;
        this.finalizer = finalizer;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    /**
     * A failure of the database, broker or a service retries the whole batch in place (an outcome is stored once by
     * candidate id, so a retry adds nothing twice); only an unreadable record is dead-lettered.
     */
    @ApplyGuard(ConsumerGuard.NAME)
    @Incoming(Topics.DEDUPLICATED)
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        List<Outcome> outcomes = new ArrayList<>();
        List<Uni<Void>> dead = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                outcomes.add(read(ConsumedRecords.read(record.value(), DeduplicatedCandidate.class,
                        Topics.DEDUPLICATED, DeduplicatedCandidate::schemaVersion, d -> "DeduplicatedCandidate")));
            } catch (IllegalArgumentException e) {
                metrics.failed(OutcomeMetricsInterceptor.STAGE, Topics.DEDUPLICATED);
                dead.add(DeadLetters.send(deadLetters, record, e));
            }
        }
        Uni<Void> deadSent = dead.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(dead).andFailFast().replaceWithVoid();
        Set<String> jobs = new LinkedHashSet<>();
        outcomes.forEach(outcome -> jobs.add(outcome.jobId()));
        return deadSent.chain(() -> ledger.recordAll(outcomes))
                .chain(fresh -> each(fresh, ledger::outcomeRecorded))
                .chain(() -> each(jobs, finalizer::tryFinalize));
    }

    private static Uni<Void> each(Set<String> jobs, Function<String, Uni<Void>> step) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (String jobId : jobs) {
            all = all.chain(() -> step.apply(jobId));
        }
        return all;
    }

    private static Outcome read(DeduplicatedCandidate received) {
        if (received.candidate() == null || received.candidate().candidateId() == null
                || received.candidate().jobId() == null) {
            throw new IllegalArgumentException("DeduplicatedCandidate without candidate, candidate id or job id");
        }
        return Outcome.of(received);
    }
}
