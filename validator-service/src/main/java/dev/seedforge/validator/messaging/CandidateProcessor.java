package dev.seedforge.validator.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.opentelemetry.api.OpenTelemetry;
import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.CandidateHeaders;
import dev.seedforge.contracts.SchemaVersions;
import dev.seedforge.contracts.Topics;
import dev.seedforge.contracts.ValidatedCandidate;
import dev.seedforge.support.messaging.ConsumerGuard;
import dev.seedforge.support.messaging.DeadLetters;
import dev.seedforge.support.messaging.RecordTraces;
import dev.seedforge.support.metrics.PipelineMetrics;
import dev.seedforge.validator.observability.ValidationMetricsInterceptors;
import dev.seedforge.validator.service.VerdictService;

/**
 * Turns each record of {@code candidates} into exactly one record of {@code validated}. Candidates come keyed by
 * candidate id, so one job's spread over the validator instances; each verdict is re-keyed by job id here, so that
 * dedup finds a job's records on one partition. Records come in batches (what one poll returns): a batch's stored
 * verdicts are read in one query, its candidates to judge go to the judge together, its new verdicts are stored in
 * one transaction, and the batch is acknowledged once every verdict is on {@code validated}. Batches are worked
 * concurrently on the {@value #WORKERS} pool (its size is
 * {@code smallrye.messaging.worker.validator-workers.max-concurrency}); the order of a job's verdicts does not matter
 * downstream. A record that cannot be read (not JSON, another schema version, no ids), or whose judge stayed
 * unavailable when the job asks for a retry, goes to {@code candidates-dlq} as it came. A candidate of a batch-judged
 * job that passes the cheap checks is stored as waiting for the judge and no verdict is sent now:
 * {@code JudgeBatchRounds} sends it when its round ends.
 */
@ApplicationScoped
public class CandidateProcessor {

    public static final String WORKERS = "validator-workers";
    /** The channel of {@code candidates-dlq} (a batch's failed records, sent by this consumer). */
    public static final String DEAD_LETTERS = "candidates-dead-letters";

    private final VerdictService verdicts;
    private final ObjectMapper mapper;
    private final MutinyEmitter<ValidatedCandidate> validated;
    private final MutinyEmitter<String> deadLetters;
    private final PipelineMetrics metrics;
    private final OpenTelemetry openTelemetry;

    public CandidateProcessor(VerdictService verdicts, ObjectMapper mapper, OpenTelemetry openTelemetry,
            @Channel(Topics.VALIDATED) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<ValidatedCandidate> validated,
            @Channel(DEAD_LETTERS) MutinyEmitter<String> deadLetters, PipelineMetrics metrics) {
        this.verdicts = verdicts;
        this.mapper = mapper;
        this.validated = validated;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.openTelemetry = openTelemetry;
    }

    /**
     * A failure of the database, broker or a service retries the whole batch in place, which gives the same verdicts
     * (they are stored by candidate id); only unreadable records and unavailable judges are dead-lettered.
     */
    @ApplyGuard(ConsumerGuard.NAME)
    @Incoming(Topics.CANDIDATES)
    @Blocking(value = WORKERS, ordered = false)
    public void validate(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> readableRecords = new ArrayList<>();
        List<Candidate> readable = new ArrayList<>();
        Set<String> judgeNow = new HashSet<>();
        List<Uni<Void>> sends = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                Candidate candidate = read(record.value());
                readable.add(candidate);
                readableRecords.add(record);
                if (nothingFollows(record)) {
                    judgeNow.add(candidate.jobId());
                }
            } catch (IllegalArgumentException e) {
                sends.add(deadLetter(record, e));
            }
        }
        List<VerdictService.Decision> decisions = readable.isEmpty() ? List.of()
                : verdicts.verdictsFor(readable, judgeNow);
        for (int i = 0; i < readable.size(); i++) {
            Candidate candidate = readable.get(i);
            VerdictService.Decision decision = decisions.get(i);
            if (decision.unavailable() != null) {
                sends.add(deadLetter(readableRecords.get(i), decision.unavailable()));
                continue;
            }
            if (decision.waitsForJudgeRound()) {
                continue;
            }
            OutgoingKafkaRecordMetadata<String> key = OutgoingKafkaRecordMetadata.<String> builder()
                    .withKey(candidate.jobId()).build();
            sends.add(validated.sendMessage(Message.of(ValidatedCandidate.of(candidate, decision.verdict()))
                    .addMetadata(key).addMetadata(RecordTraces.continuing(openTelemetry, readableRecords.get(i)))));
        }
        if (!sends.isEmpty()) {
            Uni.join().all(sends).andFailFast().await().indefinitely();
        }
    }

    /** The generator's {@link CandidateHeaders#NOTHING_FOLLOWS}: no more of the job is on its way for now. */
    static boolean nothingFollows(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader(CandidateHeaders.NOTHING_FOLLOWS);
        return header != null && header.value() != null
                && CandidateHeaders.TRUE.equals(new String(header.value(), StandardCharsets.UTF_8));
    }

    private Uni<Void> deadLetter(ConsumerRecord<String, String> record, RuntimeException failure) {
        metrics.failed(ValidationMetricsInterceptors.STAGE, Topics.CANDIDATES);
        return DeadLetters.send(deadLetters, record, failure);
    }

    private Candidate read(String json) {
        if (json == null) {
            throw new IllegalArgumentException("empty candidate record");
        }
        Candidate candidate;
        try {
            candidate = mapper.readValue(json, Candidate.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable candidate: " + e.getOriginalMessage(), e);
        }
        if (candidate == null) {
            throw new IllegalArgumentException("empty candidate record");
        }
        SchemaVersions.requireSupported(candidate.schemaVersion(), "candidate " + candidate.candidateId());
        if (candidate.candidateId() == null || candidate.candidateId().isBlank() || candidate.jobId() == null
                || candidate.jobId().isBlank()) {
            throw new IllegalArgumentException("a candidate needs a candidateId and a jobId");
        }
        return candidate;
    }
}
