package dev.seedforge.generator.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.JobProgress;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.Plan;
import dev.seedforge.generator.domain.Diversity;
import dev.seedforge.generator.domain.GenerationPrompt;
import dev.seedforge.generator.domain.ReviewReplacements;
import dev.seedforge.generator.llm.TeacherAnswer;

/** Every read and write of the generator's tables, one transaction (or one statement) per method. */
@ApplicationScoped
public class JobStore {

    public record Created(JobState job, boolean created) {
    }

    /** The books of one finished teacher call. */
    public record CallRecord(long callSequence, String model, String promptHash, long inputTokens,
            long cachedInputTokens, long outputTokens, double costUsd, int examplesRequested, String problem) {
    }

    /** A call decided but not finished: enough to rebuild its prompt exactly. */
    public record PendingCall(long callSequence, String cell, int count, String evolveFrom, Diversity levers) {
    }

    /** Builds a call's prompt from its number and the levers chosen for it. */
    @FunctionalInterface
    public interface PromptOf {
        GenerationPrompt build(long callSequence, Diversity levers);
    }

    /** A kept teacher answer, and whether its cost is already in a job's books (a reuse of it then costs nothing). */
    public record StoredAnswer(TeacherAnswer answer, boolean booked) {
    }

    /**
     * The reactive pool itself, for the single statements every teacher call runs besides its booking (its answer kept,
     * looked up, its candidates marked sent): each commits alone, so neither a Hibernate session nor a transaction's
     * two extra round trips are worth having around it.
     */
    private final Pool pool;
    /** The service's schema, as Hibernate's {@code {h-schema}} names it in native queries. */
    private final String schema;

    public JobStore(Pool pool, @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") String schema) {
        this.pool = pool;
        this.schema = schema + ".";
    }

    @WithTransaction
    public Uni<Created> createOrFind(String jobId, String idempotencyKey, JobSpec spec, Plan plan, String owner) {
        return JobEntity.findByIdempotencyKey(idempotencyKey).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(new Created(JobState.of(existing), false));
            }
            JobEntity job = new JobEntity();
            job.id = jobId;
            job.idempotencyKey = idempotencyKey;
            job.name = spec.name();
            job.owner = owner;
            job.status = JobStatus.PLANNED;
            job.reason = "waiting for approval";
            job.specJson = write(spec);
            job.planJson = write(plan);
            job.createdAt = Instant.now();
            job.updatedAt = job.createdAt;
            return job.<JobEntity> persist().map(saved -> new Created(JobState.of(saved), true));
        });
    }

    /** Replaces a PLANNED job's plan (its estimate measured by a pilot call); a job already under way keeps its own. */
    @WithTransaction
    public Uni<Void> updatePlan(String jobId, Plan plan) {
        return JobEntity.<JobEntity> findById(jobId).invoke(job -> {
            if (job != null && job.status == JobStatus.PLANNED) {
                job.planJson = write(plan);
                job.touch();
            }
        }).replaceWithVoid();
    }

    @WithSession
    public Uni<JobEntity> find(String jobId) {
        return JobEntity.findById(jobId);
    }

    /** The job typed, its spec, plan and progress read; null when unknown. */
    @WithSession
    public Uni<JobState> state(String jobId) {
        return JobEntity.<JobEntity> findById(jobId).map(job -> job == null ? null : JobState.of(job));
    }

    @WithSession
    public Uni<List<JobState>> all() {
        return JobEntity.<JobEntity> listAll(Sort.by("createdAt"))
                .map(jobs -> jobs.stream().map(JobState::of).toList());
    }

    @WithSession
    public Uni<List<String>> idsIn(JobStatus status) {
        return JobEntity.listByStatus(status).map(jobs -> jobs.stream().map(job -> job.id).toList());
    }

    /** Moves a job from {@code from} to {@code to}; answers the job as it is after, or null when unknown. */
    @WithTransaction
    public Uni<JobState> transition(String jobId, JobStatus from, JobStatus to, String reason) {
        return JobEntity.<JobEntity> findById(jobId).invoke(job -> {
            if (job != null && job.status == from) {
                job.status = to;
                job.reason = reason;
                job.touch();
            }
        }).map(job -> job == null ? null : JobState.of(job));
    }

    /** What a progress record did to a job. */
    public enum Recorded {
        /** Not one of this generator's jobs. */
        UNKNOWN,
        /** Counts kept (when newer than those stored). */
        RECORDED,
        /** Counts kept, and the job generates again to replace examples reviewers rejected. */
        REOPENED
    }

    /**
     * Keeps the newest counts, and reopens a FINALIZING job whose cells reviewers' rejections left short (as
     * {@link ReviewReplacements} decides), in the same transaction: the job's reason says what it generates for.
     */
    @WithTransaction
    public Uni<Recorded> recordProgress(JobProgress progress) {
        return JobEntity.<JobEntity> findById(progress.jobId()).map(job -> {
            if (job == null) {
                return Recorded.UNKNOWN;
            }
            JobProgress stored = job.progressJson == null ? null : read(job.progressJson, JobProgress.class);
            if (!progress.supersedes(stored)) {
                return Recorded.RECORDED;
            }
            job.progressJson = write(progress);
            job.touch();
            long answered = job.reviewRejectionsAnswered == null ? 0 : job.reviewRejectionsAnswered;
            ReviewReplacements.Decision decision = ReviewReplacements.decide(job.status, answered, progress,
                    job.planJson == null ? null : read(job.planJson, Plan.class));
            if (progress.reviewerRejected() > answered) {
                job.reviewRejectionsAnswered = progress.reviewerRejected();
            }
            if (!decision.reopen()) {
                return Recorded.RECORDED;
            }
            job.status = JobStatus.GENERATING;
            job.reason = decision.reason();
            job.failedCallsInARow = 0;
            return Recorded.REOPENED;
        });
    }

    @WithTransaction
    public Uni<Void> setStatus(String jobId, JobStatus status, String reason) {
        return JobEntity.<JobEntity> findById(jobId).invoke(job -> {
            if (job != null && !job.status.terminal()) {
                job.status = status;
                job.reason = reason;
                job.touch();
            }
        }).replaceWithVoid();
    }

    @WithTransaction
    public Uni<Void> setReason(String jobId, String reason) {
        return JobEntity.<JobEntity> findById(jobId).invoke(job -> {
            if (job != null && !java.util.Objects.equals(job.reason, reason)) {
                job.reason = reason;
                job.touch();
            }
        }).replaceWithVoid();
    }

    /**
     * Decides a call: takes the next call number, builds its prompt from it, and logs it as pending, so that a
     * restart resumes the same call with the same prompt.
     */
    @WithTransaction
    public Uni<GenerationPrompt> startCall(String jobId, String cell, int count, String evolveFrom,
            LongFunction<GenerationPrompt> prompt) {
        return startCall(jobId, cell, count, evolveFrom, sequence -> Diversity.NONE,
                (sequence, levers) -> prompt.apply(sequence));
    }

    /** As above, with the levers chosen for the call's number stored beside it. */
    @WithTransaction
    public Uni<GenerationPrompt> startCall(String jobId, String cell, int count, String evolveFrom,
            LongFunction<Diversity> leversOf, PromptOf prompt) {
        return JobEntity.<JobEntity> findById(jobId).flatMap(job -> {
            job.callsMade++;
            job.touch();
            Diversity levers = leversOf.apply(job.callsMade);
            GenerationPrompt built = prompt.build(job.callsMade, levers);
            TeacherCallEntity call = new TeacherCallEntity();
            call.jobId = jobId;
            call.callSequence = job.callsMade;
            call.status = TeacherCallEntity.PENDING;
            call.cell = cell;
            call.evolveFrom = evolveFrom;
            call.leversJson = Diversity.NONE.equals(levers) ? null : write(levers);
            call.model = null;
            call.promptHash = built.hash();
            call.examplesRequested = count;
            call.calledAt = Instant.now();
            return call.persist().replaceWith(built);
        });
    }

    @WithSession
    public Uni<List<PendingCall>> pendingCalls(String jobId) {
        return TeacherCallEntity.pending(jobId).map(calls -> calls.stream()
                .map(c -> new PendingCall(c.callSequence, c.cell, c.examplesRequested, c.evolveFrom,
                        c.leversJson == null ? Diversity.NONE : read(c.leversJson, Diversity.class)))
                .toList());
    }

    /** The answer kept for this prompt, or null. */
    public Uni<StoredAnswer> cachedAnswer(String promptHash) {
        return pool.preparedQuery("select text, model, input_tokens, cached_input_tokens, output_tokens, finish_reason,"
                + " booked from " + schema + TeacherResponseEntity.TABLE + " where prompt_hash = $1")
                .execute(Tuple.of(promptHash))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new StoredAnswer(new TeacherAnswer(row.getString(0), row.getString(1), row.getLong(2),
                            row.getLong(3), row.getLong(4), row.getString(5)), row.getBoolean(6));
                });
    }

    /**
     * Keeps an answer the moment it arrives, before anything else can fail; an answer kept before for the same prompt
     * stays. One statement: every teacher call passes here.
     */
    public Uni<Void> cacheAnswer(String promptHash, TeacherAnswer answer) {
        return pool.preparedQuery("insert into " + schema + TeacherResponseEntity.TABLE + " (prompt_hash, text, model,"
                + " input_tokens, cached_input_tokens, output_tokens, finish_reason, booked, created_at)"
                + " values ($1, $2, $3, $4, $5, $6, $7, false, now()) on conflict (prompt_hash) do nothing")
                .execute(Tuple.from(java.util.Arrays.asList(promptHash, answer.text(), answer.model(),
                        answer.inputTokens(), answer.cachedInputTokens(), answer.outputTokens(),
                        answer.finishReason())))
                .replaceWithVoid();
    }

    static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Long>> EMITTED_PER_CELL = new com.fasterxml.jackson.core.type.TypeReference<>() {
    };

    /** Candidates emitted per plan cell: as booked with the job, or counted when its row does not keep them. */
    @WithSession
    public Uni<Map<String, Long>> emittedPerCell(JobState job) {
        return job.emittedPerCell() != null ? Uni.createFrom().item(job.emittedPerCell())
                : GeneratedCandidateEntity.countByCell(job.id());
    }

    @WithSession
    public Uni<List<Candidate>> candidatesOf(String jobId, List<String> cells, int limit) {
        return GeneratedCandidateEntity.ofCells(jobId, cells, limit)
                .map(rows -> rows.stream().map(row -> read(row.candidateJson, Candidate.class)).toList());
    }

    /**
     * Stores a call's candidates (unsent) and its cost in one transaction, and closes the call: a crash after this
     * point resends the same candidates; a crash before it resumes the call from the cached answer.
     */
    @WithTransaction
    public Uni<List<Candidate>> recordCall(String jobId, CallRecord call, LongFunction<List<Candidate>> candidates) {
        return JobEntity.<JobEntity> findById(jobId).flatMap(job -> emittedBefore(job).flatMap(emitted -> {
            List<Candidate> made = candidates.apply(job.candidatesEmitted);
            List<GeneratedCandidateEntity> rows = new ArrayList<>();
            for (int i = 0; i < made.size(); i++) {
                GeneratedCandidateEntity row = new GeneratedCandidateEntity();
                row.candidateId = made.get(i).candidateId();
                row.jobId = jobId;
                row.sequence = job.candidatesEmitted + i;
                row.cell = made.get(i).cell();
                row.candidateJson = write(made.get(i));
                rows.add(row);
            }
            Map<String, Long> perCell = new java.util.TreeMap<>(emitted);
            made.forEach(candidate -> perCell.merge(candidate.cell(), 1L, Long::sum));
            job.emittedPerCellJson = write(perCell);
            job.candidatesEmitted += made.size();
            job.inputTokens += call.inputTokens();
            job.outputTokens += call.outputTokens();
            job.generationCostUsd += call.costUsd();
            job.failedCallsInARow = made.isEmpty() ? job.failedCallsInARow + 1 : 0;
            job.touch();
            return closeCall(jobId, call, made.size()).chain(() -> rows.isEmpty()
                    // Panache refuses to persist an empty list, and a failed call must still be booked
                    ? Uni.createFrom().voidItem()
                    : GeneratedCandidateEntity.persist(rows)).replaceWith(made);
        }));
    }

    /**
     * Closes the call's log row with its books and marks its answer as paid for: native statements, as every teacher
     * call passes here and Hibernate translates an HQL update again on each execution.
     */
    private static Uni<Void> closeCall(String jobId, CallRecord call, int kept) {
        return TeacherCallEntity.getSession().chain(session -> session.createNativeQuery("update {h-schema}"
                + TeacherCallEntity.TABLE + " set status = :status, model = :model, input_tokens = :input,"
                + " cached_input_tokens = :cached, output_tokens = :output, cost_usd = :cost, examples_kept = :kept,"
                + " problem = :problem, called_at = now() where job_id = :job and call_sequence = :sequence")
                .setParameter("status", TeacherCallEntity.DONE).setParameter("model", call.model())
                .setParameter("input", call.inputTokens()).setParameter("cached", call.cachedInputTokens())
                .setParameter("output", call.outputTokens()).setParameter("cost", call.costUsd())
                .setParameter("kept", kept)
                .setParameter("problem", call.problem() == null ? null : truncate(call.problem(), 2000))
                .setParameter("job", jobId).setParameter("sequence", call.callSequence()).executeUpdate()
                .invoke(closed -> {
                    if (closed != 1) {
                        throw new IllegalStateException("job " + jobId + " has no teacher call " + call.callSequence()
                                + " to book");
                    }
                })
                .chain(() -> session.createNativeQuery("update {h-schema}" + TeacherResponseEntity.TABLE
                        + " set booked = true where prompt_hash = :hash").setParameter("hash", call.promptHash())
                        .executeUpdate()))
                .replaceWithVoid();
    }

    /** The job's per-cell counts before this booking; counted once for a job booked before the row kept them. */
    private static Uni<Map<String, Long>> emittedBefore(JobEntity job) {
        if (job.emittedPerCellJson != null) {
            return Uni.createFrom().item(read(job.emittedPerCellJson, EMITTED_PER_CELL));
        }
        return job.candidatesEmitted == 0 ? Uni.createFrom().item(Map.of())
                : GeneratedCandidateEntity.countByCell(job.id);
    }

    /** What the teacher calls of a job added up to. */
    public record Usage(long calls, long failedCalls, long inputTokens, long cachedInputTokens, long outputTokens,
            double costUsd, long candidatesEmitted) {
    }

    @WithSession
    public Uni<Usage> usage(String jobId) {
        return TeacherCallEntity.getSession().flatMap(session -> session.createSelectionQuery(
                "select count(*), sum(case when examplesKept = 0 then 1 else 0 end), coalesce(sum(inputTokens), 0),"
                        + " coalesce(sum(cachedInputTokens), 0), coalesce(sum(outputTokens), 0),"
                        + " coalesce(sum(costUsd), 0.0) from TeacherCallEntity where jobId = ?1 and status = ?2",
                Object[].class).setParameter(1, jobId).setParameter(2, TeacherCallEntity.DONE).getSingleResult())
                .flatMap(row -> JobEntity.<JobEntity> findById(jobId).map(job -> job == null ? null
                        : new Usage((Long) row[0], row[1] == null ? 0 : ((Number) row[1]).longValue(), (Long) row[2],
                                (Long) row[3], (Long) row[4], ((Number) row[5]).doubleValue(),
                                job.candidatesEmitted)));
    }

    /**
     * The problem of the job's latest teacher call that had one (an error, an answer with no usable example), already
     * redacted: a job that fails for its calls says why in its reason, not only in the call log.
     */
    @WithSession
    public Uni<String> lastCallProblem(String jobId) {
        return TeacherCallEntity.getSession().flatMap(session -> session.createSelectionQuery("select problem from"
                + " TeacherCallEntity where jobId = ?1 and problem is not null order by callSequence desc",
                String.class).setParameter(1, jobId).setMaxResults(1).getResultList())
                .map(problems -> problems.isEmpty() ? null : problems.get(0));
    }

    /** The cell's latest candidates, newest first: what the teacher is told the cell already has. */
    @WithSession
    public Uni<List<Candidate>> latestOf(String jobId, String cell, int limit) {
        return GeneratedCandidateEntity.latestOf(jobId, cell, limit)
                .map(rows -> rows.stream().map(row -> read(row.candidateJson, Candidate.class)).toList());
    }

    /** Pauses a generating job with its diagnosis; false when it was not generating any more. */
    @WithTransaction
    public Uni<Boolean> pause(String jobId, String diagnosis) {
        return JobEntity.<JobEntity> findById(jobId).map(job -> {
            if (job == null || job.status != JobStatus.GENERATING) {
                return false;
            }
            job.status = JobStatus.PAUSED;
            job.reason = diagnosis;
            job.touch();
            return true;
        });
    }

    /**
     * Resumes a paused job with its changed spec (and its plan, whose seeds set aside follow the spec), and keeps the
     * per-cell counts of this moment: the rates that may pause it again are measured from here. Answers the job as it
     * is after, or null when it was not paused.
     */
    @WithTransaction
    public Uni<JobState> resume(String jobId, JobSpec spec, Plan plan, String reason) {
        return JobEntity.<JobEntity> findById(jobId).map(job -> {
            if (job == null || job.status != JobStatus.PAUSED) {
                return null;
            }
            JobProgress progress = job.progressJson == null ? null : read(job.progressJson, JobProgress.class);
            job.baselineJson = write(progress == null ? Map.of() : progress.cells());
            job.specJson = write(spec);
            job.planJson = write(plan);
            job.status = JobStatus.GENERATING;
            job.reason = reason;
            job.failedCallsInARow = 0;
            job.touch();
            return JobState.of(job);
        });
    }

    @WithSession
    public Uni<Candidate> candidate(String candidateId) {
        return GeneratedCandidateEntity.<GeneratedCandidateEntity> findById(candidateId)
                .map(row -> row == null ? null : read(row.candidateJson, Candidate.class));
    }

    @WithSession
    public Uni<List<Candidate>> unsent(String jobId) {
        return GeneratedCandidateEntity.unsent(jobId)
                .map(rows -> rows.stream().map(row -> read(row.candidateJson, Candidate.class)).toList());
    }

    /** One statement on the pool: a call's candidates, once the broker has them. */
    public Uni<Void> markSent(List<String> candidateIds) {
        return candidateIds.isEmpty() ? Uni.createFrom().voidItem()
                : pool.preparedQuery("update " + schema + GeneratedCandidateEntity.TABLE
                        + " set sent = true where candidate_id = any($1)")
                        .execute(Tuple.of(candidateIds.toArray(String[]::new))).replaceWithVoid();
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is unreadable", e);
        }
    }

    static <T> T read(String json, com.fasterxml.jackson.core.type.TypeReference<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getType() + " is unreadable", e);
        }
    }

    private static String write(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store " + value.getClass().getSimpleName(), e);
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
