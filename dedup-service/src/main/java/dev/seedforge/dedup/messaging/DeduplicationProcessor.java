package dev.seedforge.dedup.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.DedupDecision;
import dev.seedforge.contracts.DeduplicatedCandidate;
import dev.seedforge.contracts.SchemaVersions;
import dev.seedforge.contracts.Topics;
import dev.seedforge.contracts.ValidatedCandidate;
import dev.seedforge.dedup.service.DedupService;
import dev.seedforge.support.messaging.ConsumerGuard;

/**
 * Turns each record of {@code validated} into exactly one record of {@code deduplicated}, keyed by job id. A record
 * that cannot be read (not JSON, another schema version, no ids) fails and goes to {@code validated-dlq}.
 */
@ApplicationScoped
public class DeduplicationProcessor {

    private final DedupService dedup;
    private final ObjectMapper mapper;

    public DeduplicationProcessor(DedupService dedup, ObjectMapper mapper) {
        this.dedup = dedup;
        this.mapper = mapper;
    }

    /**
     * Blocking and ordered: embedding is CPU work, and one job's candidates are decided one after another. A failure of
     * the database, broker or a service is retried in place; only an unreadable record is dead-lettered.
     */
    @ApplyGuard(ConsumerGuard.NAME)
    @Incoming(Topics.VALIDATED)
    @Outgoing(Topics.DEDUPLICATED)
    @Blocking
    public Record<String, DeduplicatedCandidate> deduplicate(String json) {
        ValidatedCandidate validated = read(json);
        DedupDecision decision = dedup.decisionFor(validated);
        return Record.of(validated.candidate().jobId(), DeduplicatedCandidate.of(validated, decision));
    }

    private ValidatedCandidate read(String json) {
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
