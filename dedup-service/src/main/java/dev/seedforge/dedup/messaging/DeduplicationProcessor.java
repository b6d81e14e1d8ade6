package dev.seedforge.dedup.messaging;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.opentelemetry.api.OpenTelemetry;
import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.DedupDecision;
import dev.seedforge.contracts.DeduplicatedCandidate;
import dev.seedforge.contracts.SchemaVersions;
import dev.seedforge.contracts.Topics;
import dev.seedforge.contracts.ValidatedCandidate;
import dev.seedforge.dedup.observability.DedupMetricsInterceptors;
import dev.seedforge.dedup.service.DedupService;
import dev.seedforge.support.messaging.ConsumerGuard;
import dev.seedforge.support.messaging.DeadLetters;
import dev.seedforge.support.messaging.RecordTraces;
import dev.seedforge.support.metrics.PipelineMetrics;

/**
 * Turns each record of {@code validated} into exactly one record of {@code deduplicated}, keyed by job id. Records
 * come in batches (what one poll of the broker returns): a batch's texts are embedded a chunk ahead of their
 * evaluation and its decisions stored in one transaction per job, and the batch is acknowledged once every outcome is
 * on {@code deduplicated}. A record that cannot be read (not JSON, another schema version, no ids) goes to
 * {@code validated-dlq} as it came. Each
 * outcome continues its record's trace.
 */
@ApplicationScoped
public class DeduplicationProcessor {

    private final DedupService dedup;
    private final ObjectMapper mapper;
    private final MutinyEmitter<DeduplicatedCandidate> deduplicated;
    private final MutinyEmitter<String> deadLetters;
    private final PipelineMetrics metrics;
    private final OpenTelemetry openTelemetry;

    public DeduplicationProcessor(DedupService dedup, ObjectMapper mapper, OpenTelemetry openTelemetry,
            @Channel(Topics.DEDUPLICATED) MutinyEmitter<DeduplicatedCandidate> deduplicated,
            @Channel(DEAD_LETTERS) MutinyEmitter<String> deadLetters, PipelineMetrics metrics) {
        this.dedup = dedup;
        this.mapper = mapper;
        this.deduplicated = deduplicated;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.openTelemetry = openTelemetry;
    }

    /** The channel of {@code validated-dlq} (the batch's poison records, sent by this consumer). */
    public static final String DEAD_LETTERS = "validated-dead-letters";

    /**
     * Blocking and ordered: embedding is CPU work, and one job's candidates are decided one after another. A failure of
     * the database, broker or a service retries the whole batch in place, which gives the same decisions (they are
     * stored by candidate id); only an unreadable record is dead-lettered.
     */
    @ApplyGuard(ConsumerGuard.NAME)
    @Incoming(Topics.VALIDATED)
    @Blocking
    public void deduplicate(ConsumerRecords<String, String> records) {
        List<ValidatedCandidate> readable = new ArrayList<>();
        List<ConsumerRecord<String, String>> readableRecords = new ArrayList<>();
        List<Uni<Void>> sends = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                readable.add(read(record.value()));
                readableRecords.add(record);
            } catch (IllegalArgumentException e) {
                metrics.failed(DedupMetricsInterceptors.STAGE, Topics.VALIDATED);
                sends.add(DeadLetters.send(deadLetters, record, e));
            }
        }
        List<DedupDecision> decisions = readable.isEmpty() ? List.of() : dedup.decisionsFor(readable);
        for (int i = 0; i < readable.size(); i++) {
            ValidatedCandidate validated = readable.get(i);
            OutgoingKafkaRecordMetadata<String> key = OutgoingKafkaRecordMetadata.<String> builder()
                    .withKey(validated.candidate().jobId()).build();
            sends.add(deduplicated.sendMessage(Message.of(DeduplicatedCandidate.of(validated, decisions.get(i)))
                    .addMetadata(key).addMetadata(RecordTraces.continuing(openTelemetry, readableRecords.get(i)))));
        }
        if (!sends.isEmpty()) {
            Uni.join().all(sends).andFailFast().await().indefinitely();
        }
    }

    private ValidatedCandidate read(String json) {
        if (json == null) {
            throw new IllegalArgumentException("empty record on " + Topics.VALIDATED);
        }
        ValidatedCandidate validated;
        try {
            validated = mapper.readValue(json, ValidatedCandidate.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable validated candidate: " + e.getOriginalMessage(), e);
        }
        if (validated == null || validated.candidate() == null || validated.verdict() == null) {
            throw new IllegalArgumentException("a validated candidate needs a candidate and a verdict");
        }
        Candidate candidate = validated.candidate();
        SchemaVersions.requireSupported(validated.schemaVersion(), "validated candidate " + candidate.candidateId());
        SchemaVersions.requireSupported(candidate.schemaVersion(), "candidate " + candidate.candidateId());
        if (candidate.candidateId() == null || candidate.candidateId().isBlank() || candidate.jobId() == null
                || candidate.jobId().isBlank()) {
            throw new IllegalArgumentException("a candidate needs a candidateId and a jobId");
        }
        return validated;
    }
}
