package dev.seedforge.validator.service;

import static dev.seedforge.support.reactive.Blocking.await;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.Verdict;
import dev.seedforge.validator.config.ValidatorConfig;
import dev.seedforge.validator.judge.JudgeBatcher.JudgeUnavailableException;
import dev.seedforge.validator.judge.JudgeRuling;
import dev.seedforge.validator.persistence.VerdictEntity;

/**
 * Decides each candidate once: the cheap checks of its job, then (if they pass and the job wants it) the LLM judge.
 * A redelivered candidate gets its stored verdict back, never a second opinion nor a second judge call. Runs on
 * worker threads: it blocks on the database, the generator and the judge.
 */
@ApplicationScoped
public class VerdictService {

    private static final TypeReference<List<Reason>> REASONS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Integer>> SCORES = new TypeReference<>() {
    };

    private final JobChecks jobs;
    private final JudgeService judge;
    private final JudgeBatchRounds batchJudge;
    private final ValidatorConfig config;
    private final ObjectMapper mapper;

    public VerdictService(JobChecks jobs, JudgeService judge, JudgeBatchRounds batchJudge, ValidatorConfig config,
            ObjectMapper mapper) {
        this.jobs = jobs;
        this.judge = judge;
        this.batchJudge = batchJudge;
        this.config = config;
        this.mapper = mapper;
    }

    /**
     * The candidate's verdict; null when its job's judge works in batch mode and the candidate passed the cheap checks:
     * it is stored as waiting for a judge round ({@link JudgeBatchRounds}), which sends its verdict later.
     */
    public Verdict verdictFor(Candidate candidate) {
        Verdict stored = stored(candidate.candidateId());
        if (stored != null) {
            return stored;
        }
        JobChecks.Compiled job = jobs.forJob(candidate.jobId());
        Verdict verdict = job.validator().validate(candidate);
        if (verdict.accepted() && Boolean.TRUE.equals(job.spec().judge().enabled())) {
            if (job.spec().judgeBatch()) {
                batchJudge.awaitJudge(candidate);
                return null;
            }
            verdict = judged(job, candidate);
        }
        return store(candidate, verdict);
    }

    @WithSession
    public Uni<StoredVerdict> find(String candidateId) {
        return VerdictEntity.<VerdictEntity> findById(candidateId)
                .map(found -> found == null ? null
                        : new StoredVerdict(found.candidateId, found.jobId, toVerdict(found), found.decidedAt));
    }

    private Verdict judged(JobChecks.Compiled job, Candidate candidate) {
        try {
            return judge.judge(job.spec(), candidate).get(config.judge().maxWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof JudgeUnavailableException unavailable) {
                throw unavailable;
            }
            throw new IllegalStateException("judging candidate " + candidate.candidateId() + " failed", e.getCause());
        } catch (TimeoutException e) {
            if (config.judge().onUnavailable() == ValidatorConfig.OnUnavailable.RETRY) {
                throw new JudgeUnavailableException("no judge verdict within " + config.judge().maxWait(), e);
            }
            return JudgeRuling.unavailable("no verdict within " + config.judge().maxWait(), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while judging " + candidate.candidateId(), e);
        }
    }

    private Verdict stored(String candidateId) {
        return await(() -> Panache.withSession(() -> VerdictEntity.<VerdictEntity> findById(candidateId))
                .map(found -> found == null ? null : toVerdict(found)));
    }

    private Verdict store(Candidate candidate, Verdict verdict) {
        VerdictEntity entity = new VerdictEntity();
        entity.candidateId = candidate.candidateId();
        entity.jobId = candidate.jobId();
        entity.accepted = verdict.accepted();
        entity.reasons = write(verdict.reasons());
        entity.judgeScores = verdict.judgeScores().isEmpty() ? null : write(verdict.judgeScores());
        entity.judgeCostUsd = verdict.judgeCostUsd();
        entity.decidedAt = Instant.now();
        try {
            await(() -> Panache.withTransaction(entity::persist));
            return verdict;
        } catch (RuntimeException e) {
            // a concurrent delivery of the same candidate stored its verdict first: that one stands
            Verdict first = stored(candidate.candidateId());
            if (first != null) {
                return first;
            }
            throw e;
        }
    }

    private Verdict toVerdict(VerdictEntity stored) {
        try {
            return new Verdict(stored.accepted, mapper.readValue(stored.reasons, REASONS),
                    stored.judgeScores == null ? Map.of() : mapper.readValue(stored.judgeScores, SCORES),
                    stored.judgeCostUsd == null ? 0 : stored.judgeCostUsd);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored verdict of candidate " + stored.candidateId + " is unreadable", e);
        }
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value, e);
        }
    }
}
