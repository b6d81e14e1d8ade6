package dev.seedforge.validator.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.SchemaVersions;
import dev.seedforge.contracts.Topics;
import dev.seedforge.contracts.ValidatedCandidate;
import dev.seedforge.contracts.Verdict;
import dev.seedforge.support.messaging.ConsumerGuard;
import dev.seedforge.validator.service.VerdictService;

/**
 * Turns each record of {@code candidates} into exactly one record of {@code validated}. Candidates come keyed by
 * candidate id, so one job's spread over the validator instances; each verdict is re-keyed by job id here (the
 * returned {@link Record}'s key; the incoming key is not propagated), so that dedup finds a job's records on one
 * partition. A record that cannot be read (not JSON, another schema version, no ids) fails and goes to
 * {@code candidates-dlq}. Records are processed concurrently on the {@value #WORKERS} pool (its size is
 * {@code smallrye.messaging.worker.validator-workers.max-concurrency}), so that the candidates of a job this instance
 * holds wait for the judge together and fill its batches; the order of a job's verdicts on {@code validated} does not
 * matter downstream. A candidate of a batch-judged job that passes the cheap checks is stored as waiting for the
 * judge and its record acknowledged with no verdict sent (the method returns null, which skips the output):
 * {@code JudgeBatchRounds} sends its verdict when its round ends.
 */
@ApplicationScoped
public class CandidateProcessor {

    public static final String WORKERS = "validator-workers";

    private final VerdictService verdicts;
    private final ObjectMapper mapper;

    public CandidateProcessor(VerdictService verdicts, ObjectMapper mapper) {
        this.verdicts = verdicts;
        this.mapper = mapper;
    }

    /** A failure of the database, broker or a service is retried in place; only an unreadable record is dead-lettered. */
    @ApplyGuard(ConsumerGuard.NAME)
    @Incoming(Topics.CANDIDATES)
    @Outgoing(Topics.VALIDATED)
    @Blocking(value = WORKERS, ordered = false)
    public Record<String, ValidatedCandidate> validate(String json) {
        Candidate candidate = read(json);
        Verdict verdict = verdicts.verdictFor(candidate);
        // null: the candidate waits for a batch judge round; the record is acknowledged and nothing is sent now
        return verdict == null ? null : Record.of(candidate.jobId(), ValidatedCandidate.of(candidate, verdict));
    }

    private Candidate read(String json) {
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
