package dev.seedforge.validator.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.Verdict;
import dev.seedforge.validator.domain.CandidateValidator;
import dev.seedforge.validator.persistence.VerdictEntity;

/** Decides each candidate once: a redelivered candidate gets its stored verdict back, never a second opinion. */
@ApplicationScoped
public class VerdictService {

    private static final TypeReference<List<Reason>> REASONS = new TypeReference<>() {
    };

    private final CandidateValidator validator;
    private final ObjectMapper mapper;

    public VerdictService(CandidateValidator validator, ObjectMapper mapper) {
        this.validator = validator;
        this.mapper = mapper;
    }

    @WithTransaction
    public Uni<Verdict> verdictFor(Candidate candidate) {
        return VerdictEntity.<VerdictEntity> findById(candidate.candidateId())
                .chain(stored -> stored != null ? Uni.createFrom().item(toVerdict(stored)) : decide(candidate));
    }

    @WithSession
    public Uni<StoredVerdict> find(String candidateId) {
        return VerdictEntity.<VerdictEntity> findById(candidateId)
                .map(stored -> stored == null ? null
                        : new StoredVerdict(stored.candidateId, stored.jobId, toVerdict(stored), stored.decidedAt));
    }

    private Uni<Verdict> decide(Candidate candidate) {
        Verdict verdict = validator.validate(candidate);
        VerdictEntity entity = new VerdictEntity();
        entity.candidateId = candidate.candidateId();
        entity.jobId = candidate.jobId();
        entity.accepted = verdict.accepted();
        entity.reasons = write(verdict.reasons());
        entity.decidedAt = Instant.now();
        return entity.persist().replaceWith(verdict);
    }

    private Verdict toVerdict(VerdictEntity stored) {
        try {
            return new Verdict(stored.accepted, mapper.readValue(stored.reasons, REASONS), Map.of(), 0);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored reasons of candidate " + stored.candidateId + " are unreadable", e);
        }
    }

    private String write(List<Reason> reasons) {
        try {
            return mapper.writeValueAsString(reasons);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write reasons " + reasons, e);
        }
    }
}
