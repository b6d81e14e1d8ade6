package dev.seedforge.validator.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.Verdict;

/**
 * The judge's batch mode in the database, shared by every validator instance: the candidates that wait for the judge
 * ({@link JudgeWaitEntity}), its rounds ({@link JudgeRoundEntity}) and the jobs cancelled ({@link CancelledJobEntity}).
 * Who works on what is decided here by conditional updates: a round is claimed only if its lease ran out, a waiting
 * candidate joins a round only if no other round took it first.
 */
@ApplicationScoped
public class JudgeBatchStore {

    /** A round as {@code GET /judge/rounds} shows it. */
    public record Round(long id, String jobId, String state, String batchStatus, String batchId, String inputFileId,
            int requests, int candidates, int completed, int failed, int judged, int leftOver, double costUsd,
            boolean cancelRequested, Instant createdAt, Instant submittedAt, Instant endedAt) {

        static Round of(JudgeRoundEntity e) {
            return new Round(e.id, e.jobId, e.state, e.batchStatus, e.batchId, e.inputFileId, e.requests,
                    e.candidates, e.completed, e.failed, e.judged, e.leftOver, e.costUsd, e.cancelRequested,
                    e.createdAt, e.submittedAt, e.endedAt);
        }
    }

    /**
     * Stores a candidate as waiting for the judge; a second delivery while it waits changes nothing. One that comes
     * after its verdict was sent and forgotten gets that verdict (returned; null while it waits): queued again, it
     * would be judged and paid for a second time, its second verdict dropped downstream with its cost.
     */
    @WithTransaction
    public Uni<Verdict> await(String candidateId, String jobId, String cell, String candidateJson) {
        return JudgeWaitEntity.<JudgeWaitEntity> findById(candidateId).flatMap(found -> {
            if (found != null) {
                return Uni.createFrom().nullItem();
            }
            // read after the waiting row: that row is forgotten only once its verdict was stored, so neither found
            // means a first delivery
            return VerdictEntity.<VerdictEntity> findById(candidateId).flatMap(decided -> {
                if (decided != null) {
                    return Uni.createFrom().item(decided.verdict());
                }
                JudgeWaitEntity row = new JudgeWaitEntity();
                row.candidateId = candidateId;
                row.jobId = jobId;
                row.cell = cell;
                row.candidate = candidateJson;
                row.waitingSince = Instant.now();
                return row.persist().replaceWith((Verdict) null);
            });
        });
    }

    /** Candidates no round holds and with no verdict yet. */
    @WithSession
    public Uni<List<JudgeWaitEntity>> waiting() {
        return JudgeWaitEntity.list("roundId is null and decided = false order by waitingSince");
    }

    @WithSession
    public Uni<List<String>> cancelledJobs() {
        return CancelledJobEntity.<CancelledJobEntity> listAll().map(rows -> rows.stream().map(r -> r.jobId).toList());
    }

    /** Notes a job as cancelled; true the first time. */
    @WithTransaction
    public Uni<Boolean> cancelled(String jobId, String status) {
        return CancelledJobEntity.<CancelledJobEntity> findById(jobId).flatMap(found -> {
            if (found != null) {
                return Uni.createFrom().item(false);
            }
            CancelledJobEntity row = new CancelledJobEntity();
            row.jobId = jobId;
            row.status = status;
            row.cancelledAt = Instant.now();
            return row.persist().replaceWith(true);
        });
    }

    /**
     * Stores a new round, PREPARED, and puts its candidates in it, call by call: before anything is sent to the
     * provider. Fails (and stores nothing) when another instance put one of them in a round first.
     */
    @WithTransaction
    public Uni<JudgeRoundEntity> prepare(String jobId, List<List<String>> calls) {
        JudgeRoundEntity round = new JudgeRoundEntity();
        round.jobId = jobId;
        round.state = JudgeRoundEntity.PREPARED;
        round.requests = calls.size();
        round.candidates = calls.stream().mapToInt(List::size).sum();
        round.createdAt = Instant.now();
        Uni<Void> chain = round.persist().replaceWithVoid();
        for (int c = 0; c < calls.size(); c++) {
            for (int p = 0; p < calls.get(c).size(); p++) {
                int call = c;
                int position = p;
                String id = calls.get(c).get(p);
                chain = chain.flatMap(v -> JudgeWaitEntity.update("roundId = ?1, callIndex = ?2, position = ?3"
                        + " where candidateId = ?4 and roundId is null and decided = false", round.id, call, position,
                        id)
                        .map(updated -> {
                            if (updated != 1) {
                                throw new IllegalStateException("candidate " + id + " was taken by another round");
                            }
                            return null;
                        }));
            }
        }
        return chain.replaceWith(round);
    }

    /** The candidates of a round, by call and position. */
    @WithSession
    public Uni<List<JudgeWaitEntity>> members(long roundId) {
        return JudgeWaitEntity.list("roundId = ?1 order by callIndex, position", roundId);
    }

    @WithSession
    public Uni<List<JudgeRoundEntity>> open() {
        return JudgeRoundEntity.list("state <> ?1 order by id", JudgeRoundEntity.ENDED);
    }

    @WithSession
    public Uni<List<Round>> view(String jobId) {
        Uni<List<JudgeRoundEntity>> rows = jobId == null ? JudgeRoundEntity.list("order by id")
                : JudgeRoundEntity.list("jobId = ?1 order by id", jobId);
        return rows.map(list -> list.stream().map(Round::of).toList());
    }

    /** The batch ids every round holds: batches a search for a lost create must not take up (Anthropic's). */
    @WithSession
    public Uni<List<String>> batchIds() {
        return JudgeRoundEntity.<JudgeRoundEntity> list("batchId is not null")
                .map(rows -> rows.stream().map(r -> r.batchId).toList());
    }

    /** Takes a round for {@code owner} until {@code until}, if no other instance holds it now; true when taken. */
    @WithTransaction
    public Uni<Boolean> claim(long roundId, String owner, Instant until, Instant now) {
        return JudgeRoundEntity.update("owner = ?1, leaseUntil = ?2 where id = ?3 and state <> ?4 and (owner is null"
                + " or owner = ?1 or leaseUntil < ?5)", owner, until, roundId, JudgeRoundEntity.ENDED, now)
                .map(updated -> updated == 1);
    }

    /** Changes a round in its own transaction and returns it as stored. */
    @WithTransaction
    public Uni<JudgeRoundEntity> update(long id, Consumer<JudgeRoundEntity> change) {
        return JudgeRoundEntity.<JudgeRoundEntity> findById(id).map(row -> {
            change.accept(row);
            return row;
        });
    }

    /**
     * Ends a round in one transaction: the verdicts it reached are stored (a verdict already there stands) and their
     * candidates marked decided; the candidates it did not answer wait for the next round, one attempt more.
     */
    @WithTransaction
    public Uni<JudgeRoundEntity> end(long roundId, Map<String, Verdict> verdicts, List<String> again,
            Consumer<JudgeRoundEntity> change) {
        Uni<Void> chain = decide(verdicts);
        for (String id : again) {
            chain = chain.flatMap(v -> JudgeWaitEntity.update("roundId = null, callIndex = null, position = null,"
                    + " attempts = attempts + 1 where candidateId = ?1 and roundId = ?2", id, roundId).replaceWithVoid());
        }
        return chain.flatMap(v -> JudgeRoundEntity.<JudgeRoundEntity> findById(roundId)).map(row -> {
            change.accept(row);
            return row;
        });
    }

    /** Stores verdicts of waiting candidates outside a round (given up, job cancelled). */
    @WithTransaction
    public Uni<Void> decideWaiting(Map<String, Verdict> verdicts) {
        return decide(verdicts);
    }

    private Uni<Void> decide(Map<String, Verdict> verdicts) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        Instant now = Instant.now();
        for (Map.Entry<String, Verdict> entry : verdicts.entrySet()) {
            String id = entry.getKey();
            chain = chain.flatMap(v -> JudgeWaitEntity.<JudgeWaitEntity> findById(id)).flatMap(row -> {
                if (row == null || row.decided) {
                    return Uni.createFrom().voidItem();
                }
                row.decided = true;
                return VerdictEntity.<VerdictEntity> findById(id).flatMap(existing -> existing != null
                        ? Uni.createFrom().voidItem()
                        : VerdictEntity.of(id, row.jobId, entry.getValue(), now).persist().replaceWithVoid());
            });
        }
        return chain;
    }

    /**
     * Takes the decided candidates no other instance is sending now for {@code owner} until {@code until}, and returns
     * them with their verdicts.
     */
    @WithTransaction
    public Uni<List<ToSend>> claimToSend(String owner, Instant until, Instant now) {
        return JudgeWaitEntity.update("sender = ?1, sendingUntil = ?2 where decided = true and (sendingUntil is null"
                + " or sendingUntil < ?3 or sender = ?1)", owner, until, now)
                .flatMap(n -> JudgeWaitEntity.<JudgeWaitEntity> list("decided = true and sender = ?1", owner))
                .flatMap(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().item(List.<ToSend> of());
                    }
                    List<String> ids = rows.stream().map(r -> r.candidateId).toList();
                    return VerdictEntity.<VerdictEntity> list("candidateId in ?1", ids).map(found -> {
                        Map<String, VerdictEntity> byId = new HashMap<>();
                        found.forEach(v -> byId.put(v.candidateId, v));
                        List<ToSend> out = new ArrayList<>();
                        for (JudgeWaitEntity row : rows) {
                            VerdictEntity verdict = byId.get(row.candidateId);
                            if (verdict != null) {
                                out.add(new ToSend(row.candidateId, row.jobId, row.candidate, verdict.verdict()));
                            }
                        }
                        return out;
                    });
                });
    }

    /** A decided candidate to send on {@code validated}. */
    public record ToSend(String candidateId, String jobId, String candidateJson, Verdict verdict) {
    }

    /** Forgets candidates whose verdicts the broker acknowledged. */
    @WithTransaction
    public Uni<Long> sent(List<String> candidateIds) {
        if (candidateIds.isEmpty()) {
            return Uni.createFrom().item(0L);
        }
        return JudgeWaitEntity.delete("candidateId in ?1 and decided = true", candidateIds);
    }
}
