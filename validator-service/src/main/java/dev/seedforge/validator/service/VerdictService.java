package dev.seedforge.validator.service;

import static dev.seedforge.support.reactive.Blocking.await;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.Verdict;
import dev.seedforge.validator.config.ValidatorConfig;
import dev.seedforge.validator.judge.JudgeBatcher.JudgeUnavailableException;
import dev.seedforge.validator.judge.JudgeRuling;
import dev.seedforge.validator.persistence.VerdictEntity;

/**
 * Decides each candidate once: the cheap checks of its job, then (if they pass and the job wants it) the LLM judge.
 * A redelivered candidate gets its stored verdict back, never a second opinion nor a second judge call. Runs on
 * worker threads: it blocks on the database, the generator and the judge. Works a poll's candidates at once: one
 * query, one transaction.
 */
@ApplicationScoped
public class VerdictService {

    private final JobChecks jobs;
    private final JudgeService judge;
    private final JudgeBatchRounds batchJudge;
    private final ValidatorConfig config;

    public VerdictService(JobChecks jobs, JudgeService judge, JudgeBatchRounds batchJudge, ValidatorConfig config) {
        this.jobs = jobs;
        this.judge = judge;
        this.batchJudge = batchJudge;
        this.config = config;
    }

    /**
     * A candidate's verdict, or why it has none now: the judge stayed unavailable and the job asks for a retry, or
     * (both null) its job's judge works in batch mode and it waits for a judge round ({@link JudgeBatchRounds}), which
     * sends its verdict later.
     */
    public record Decision(Verdict verdict, JudgeUnavailableException unavailable) {

        public boolean waitsForJudgeRound() {
            return verdict == null && unavailable == null;
        }
    }

    /** The candidate's verdict; null while it waits for a batch judge round. */
    public Verdict verdictFor(Candidate candidate) {
        Decision decision = verdictsFor(List.of(candidate)).get(0);
        if (decision.unavailable() != null) {
            throw decision.unavailable();
        }
        return decision.verdict();
    }

    /**
     * The verdicts of a poll's candidates, in order: their stored verdicts read in one query, the rest checked, those
     * to judge sent to the judge together (so its batches fill at once), and the new verdicts stored in one
     * transaction. A candidate that comes twice gets one verdict.
     */
    public List<Decision> verdictsFor(List<Candidate> candidates) {
        return verdictsFor(candidates, Set.of());
    }

    /**
     * As {@link #verdictsFor(List)}; the judge batches of the jobs in {@code judgeNow} go out once these are added,
     * full or not (the generator marked them: nothing more of those jobs is on its way).
     */
    public List<Decision> verdictsFor(List<Candidate> candidates, Set<String> judgeNow) {
        Map<String, Verdict> decided = new HashMap<>(storedAll(candidates.stream().map(Candidate::candidateId)
                .distinct().toList()));
        Map<String, Candidate> fresh = new LinkedHashMap<>();
        Map<String, Verdict> checked = new HashMap<>();
        Map<String, CompletableFuture<Verdict>> judging = new HashMap<>();
        Set<String> waiting = new HashSet<>();
        for (Candidate candidate : candidates) {
            if (decided.containsKey(candidate.candidateId()) || fresh.containsKey(candidate.candidateId())
                    || waiting.contains(candidate.candidateId())) {
                continue;
            }
            JobChecks.Compiled job = jobs.forJob(candidate.jobId());
            Verdict verdict = job.validator().validate(candidate);
            boolean toJudge = verdict.accepted() && Boolean.TRUE.equals(job.spec().judge().enabled());
            if (toJudge && job.spec().judgeBatch()) {
                Verdict judged = batchJudge.awaitJudge(candidate);
                if (judged != null) {
                    decided.put(candidate.candidateId(), judged);
                } else {
                    waiting.add(candidate.candidateId());
                }
                continue;
            }
            fresh.put(candidate.candidateId(), candidate);
            if (toJudge) {
                judging.put(candidate.candidateId(), judge.judge(job.spec(), candidate));
            } else {
                checked.put(candidate.candidateId(), verdict);
            }
        }
        judgeNow.forEach(judge::judgeWaitingNow);
        long deadline = System.nanoTime() + config.judge().maxWait().toNanos();
        Map<String, JudgeUnavailableException> unavailable = new HashMap<>();
        for (Candidate candidate : List.copyOf(fresh.values())) {
            CompletableFuture<Verdict> verdict = judging.get(candidate.candidateId());
            if (verdict != null) {
                try {
                    checked.put(candidate.candidateId(), judged(candidate, verdict, deadline));
                } catch (JudgeUnavailableException e) {
                    unavailable.put(candidate.candidateId(), e);
                    fresh.remove(candidate.candidateId());
                }
            }
        }
        decided.putAll(storeAll(fresh.values(), checked));
        return candidates.stream().map(candidate -> new Decision(decided.get(candidate.candidateId()),
                unavailable.get(candidate.candidateId()))).toList();
    }

    @WithSession
    public Uni<StoredVerdict> find(String candidateId) {
        return VerdictEntity.<VerdictEntity> findById(candidateId)
                .map(found -> found == null ? null
                        : new StoredVerdict(found.candidateId, found.jobId, found.verdict(), found.decidedAt));
    }

    private Verdict judged(Candidate candidate, CompletableFuture<Verdict> verdict, long deadline) {
        try {
            return verdict.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
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

    private Map<String, Verdict> storedAll(List<String> candidateIds) {
        List<VerdictEntity> found = await(() -> Panache.withSession(() -> VerdictEntity.ofCandidates(candidateIds)));
        Map<String, Verdict> verdicts = new HashMap<>();
        for (VerdictEntity entity : found) {
            verdicts.put(entity.candidateId, entity.verdict());
        }
        return verdicts;
    }

    /** Stores the new verdicts in one transaction; those another delivery stored first are read back and stand. */
    private Map<String, Verdict> storeAll(Collection<Candidate> candidates, Map<String, Verdict> verdicts) {
        if (candidates.isEmpty()) {
            return Map.of();
        }
        Instant now = Instant.now();
        List<VerdictEntity> entities = new ArrayList<>();
        for (Candidate candidate : candidates) {
            entities.add(VerdictEntity.of(candidate.candidateId(), candidate.jobId(),
                    verdicts.get(candidate.candidateId()), now));
        }
        try {
            await(() -> Panache.withTransaction(() -> VerdictEntity.persist(entities)));
            return verdicts;
        } catch (RuntimeException e) {
            // a concurrent delivery stored some of these first: theirs stand, the others are stored one by one
            Map<String, Verdict> stored = new HashMap<>(verdicts);
            for (Candidate candidate : candidates) {
                stored.put(candidate.candidateId(), storeOne(candidate, verdicts.get(candidate.candidateId()), now, e));
            }
            return stored;
        }
    }

    private Verdict storeOne(Candidate candidate, Verdict verdict, Instant decidedAt, RuntimeException batchFailure) {
        Verdict first = storedAll(List.of(candidate.candidateId())).get(candidate.candidateId());
        if (first != null) {
            return first;
        }
        VerdictEntity entity = VerdictEntity.of(candidate.candidateId(), candidate.jobId(), verdict, decidedAt);
        try {
            await(() -> Panache.withTransaction(entity::persist));
            return verdict;
        } catch (RuntimeException e) {
            Verdict raced = storedAll(List.of(candidate.candidateId())).get(candidate.candidateId());
            if (raced != null) {
                return raced;
            }
            e.addSuppressed(batchFailure);
            throw e;
        }
    }
}
