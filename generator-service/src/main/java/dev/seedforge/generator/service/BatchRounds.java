package dev.seedforge.generator.service;

import static dev.seedforge.support.reactive.Blocking.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.scheduler.Scheduled;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.LlmSpec;
import dev.seedforge.generator.config.GeneratorConfig;
import dev.seedforge.generator.domain.BatchRoundPlan;
import dev.seedforge.generator.domain.GenerationPrompt;
import dev.seedforge.generator.domain.NextCalls;
import dev.seedforge.generator.llm.BatchRequests;
import dev.seedforge.generator.llm.TeacherAnswer;
import dev.seedforge.generator.persistence.BatchRoundEntity;
import dev.seedforge.generator.persistence.BatchRoundStore;
import dev.seedforge.generator.persistence.JobState;
import dev.seedforge.generator.persistence.JobStore;
import dev.seedforge.support.llm.OpenAiBatchClient;
import dev.seedforge.support.llm.ProviderKeys;
import dev.seedforge.support.secrets.Secrets;

/**
 * Carries out a batch-mode job ({@code mode: batch}) in rounds: plans a round ({@link BatchRoundPlan}), logs its calls
 * as pending and stores the round, uploads the calls' requests and creates the batch, polls it, and when it ends books
 * each answer into candidates as a real-time answer is booked ({@link TeacherCalls}) and hands them on; requests it did
 * not answer (failed, expired) go again in the next round. Each step is stored before the next is taken, so a restart
 * resumes an open round and never submits it twice; a call is booked only while it is pending, so never twice. Open
 * rounds of jobs that no longer generate are swept: a cancelled or failed job's batch is cancelled at the provider,
 * and what it had answered is booked (paid for, never sent).
 */
@ApplicationScoped
public class BatchRounds {

    private static final Logger LOG = Logger.getLogger(BatchRounds.class);
    private static final String OPENAI_URL = "https://api.openai.com/v1";

    private final JobStore store;
    private final BatchRoundStore rounds;
    private final TeacherCalls calls;
    private final OpenAiBatchClient api;
    private final GeneratorConfig config;
    private final String configuredBaseUrl;
    private final String configuredKey;
    private final ProviderKeys keys = ProviderKeys.fromConfig();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<Long, Instant> polled = new ConcurrentHashMap<>();
    private final ExecutorService sweeps = Executors.newVirtualThreadPerTaskExecutor();

    public BatchRounds(JobStore store, BatchRoundStore rounds, TeacherCalls calls, OpenAiBatchClient api,
            GeneratorConfig config,
            @ConfigProperty(name = "quarkus.langchain4j.openai.teacher.base-url", defaultValue = OPENAI_URL) String baseUrl,
            @ConfigProperty(name = "quarkus.langchain4j.openai.teacher.api-key", defaultValue = "") String apiKey) {
        this.store = store;
        this.rounds = rounds;
        this.calls = calls;
        this.api = api;
        this.config = config;
        this.configuredBaseUrl = baseUrl;
        this.configuredKey = apiKey;
    }

    /** Whether the job's teacher calls go through the batch API. */
    public boolean handles(JobState job) {
        return job.spec().teacherBatch();
    }

    /**
     * One pass of a generating batch-mode job: advances its open round, or plans the next one. Returns the decision
     * the generation loop carries out itself (stop, pause, wait) when there is no round to work on.
     */
    public Optional<NextCalls.Decision> pass(JobState job, TeacherCalls.BookedCandidates send) throws Exception {
        ReentrantLock lock = locks.computeIfAbsent(job.id(), id -> new ReentrantLock());
        lock.lock();
        try {
            List<BatchRoundEntity> all = await(() -> rounds.rounds(job.id()));
            Optional<BatchRoundEntity> open = all.stream().filter(BatchRoundEntity::open).findFirst();
            if (open.isPresent()) {
                advance(job, open.get(), send);
                return Optional.empty();
            }
            return plan(job, all, send);
        } finally {
            lock.unlock();
        }
    }

    private Optional<NextCalls.Decision> plan(JobState job, List<BatchRoundEntity> all,
            TeacherCalls.BookedCandidates send) throws Exception {
        Map<Long, Integer> attempts = new HashMap<>();
        for (BatchRoundEntity ended : all) {
            for (String id : ended.customIdList()) {
                attempts.merge(BatchRequests.callSequence(id), 1, Integer::sum);
            }
        }
        List<BatchRoundPlan.Pending> pending = await(() -> store.pendingCalls(job.id())).stream()
                .map(p -> new BatchRoundPlan.Pending(p.callSequence(), p.cell(), p.count(),
                        attempts.getOrDefault(p.callSequence(), 0)))
                .toList();
        NextCalls.Situation situation = Situations.of(job, await(() -> store.emittedPerCell(job.id())), config);
        BatchRoundPlan.Next next = BatchRoundPlan.next(situation, pending, config.batch().maxAttempts(),
                config.batch().maxRequestsPerRound(), (cell, count) -> calls.estimate(job, cell, count));
        if (next instanceof BatchRoundPlan.Next.Carry carry) {
            return Optional.of(carry.decision());
        }
        BatchRoundPlan.Next.Round round = (BatchRoundPlan.Next.Round) next;
        if (!round.givenUp().isEmpty()) {
            Set<Long> givenUp = new HashSet<>();
            round.givenUp().forEach(p -> givenUp.add(p.callSequence()));
            for (GenerationPrompt prompt : calls.pendingPrompts(job, givenUp)) {
                calls.bookFailed(job, prompt, "no answer from the batch API in " + config.batch().maxAttempts()
                        + " rounds (batch.max-attempts)");
            }
            LOG.warnf("Job %s: %d batch requests booked as failed after %d rounds", job.id(), givenUp.size(),
                    config.batch().maxAttempts());
        }
        if (round.requests() == 0) {
            return Optional.empty();
        }
        List<String> customIds = new ArrayList<>();
        round.again().forEach(p -> customIds.add(BatchRequests.customId(p.callSequence())));
        for (NextCalls.Call call : round.newCalls()) {
            customIds.add(BatchRequests.customId(calls.start(job, call, customIds.size()).callSequence()));
        }
        int number = all.stream().mapToInt(r -> r.round).max().orElse(0) + 1;
        BatchRoundEntity prepared = await(() -> rounds.prepare(job.id(), number, customIds));
        LOG.infof("Job %s: batch round %d prepared: %d requests (%d new, %d again)", job.id(), number,
                customIds.size(), round.newCalls().size(), round.again().size());
        advance(job, prepared, send);
        return Optional.empty();
    }

    /** Takes a round as far as it goes now: upload, create (or find), poll, and book when it has ended. */
    private void advance(JobState job, BatchRoundEntity round, TeacherCalls.BookedCandidates send) throws Exception {
        OpenAiBatchClient.Endpoint endpoint = endpoint(job);
        if (BatchRoundEntity.PREPARED.equals(round.state)) {
            List<GenerationPrompt> prompts = calls.pendingPrompts(job, sequences(round));
            if (prompts.isEmpty()) {
                round = update(round, r -> {
                    r.state = BatchRoundEntity.ENDED;
                    r.endedAt = Instant.now();
                });
                return;
            }
            String fileId = api.upload(endpoint, "seedforge-" + job.id() + "-round-" + round.round + ".jsonl",
                    BatchRequests.jsonl(job.spec().teacherLlm().model(),
                            !job.spec().teacherLlm().usesConfiguredEndpoint(), prompts));
            round = update(round, r -> {
                r.state = BatchRoundEntity.UPLOADED;
                r.inputFileId = fileId;
                r.requests = prompts.size();
            });
        }
        if (BatchRoundEntity.UPLOADED.equals(round.state)) {
            String fileId = round.inputFileId;
            int number = round.round;
            // a generator stopped after creating the batch and before storing its id finds it by its input file
            OpenAiBatchClient.Batch batch = api.findByInputFile(endpoint, fileId).orElseGet(() -> api.create(endpoint,
                    fileId, config.batch().completionWindow(), Map.of("seedforge_job", job.id(), "seedforge_round",
                            String.valueOf(number))));
            round = update(round, r -> {
                r.state = BatchRoundEntity.SUBMITTED;
                r.batchId = batch.id();
                r.batchStatus = batch.status();
                r.submittedAt = Instant.now();
            });
            polled.put(round.id, Instant.now());
            progress(job, round);
            return;
        }
        if (BatchRoundEntity.SUBMITTED.equals(round.state)) {
            Instant last = polled.get(round.id);
            if (last != null && Duration.between(last, Instant.now()).compareTo(config.batch().pollEvery()) < 0) {
                return;
            }
            OpenAiBatchClient.Batch batch = api.get(endpoint, round.batchId);
            polled.put(round.id, Instant.now());
            boolean changed = !batch.status().equals(round.batchStatus) || batch.completed() != round.completed
                    || batch.failed() != round.failed;
            round = update(round, r -> {
                r.batchStatus = batch.status();
                r.completed = batch.completed();
                r.failed = batch.failed();
                r.outputFileId = batch.outputFileId();
                r.errorFileId = batch.errorFileId();
            });
            if (batch.ended()) {
                book(job, round, batch, endpoint, send);
            } else if (changed) {
                progress(job, round);
            }
        }
    }

    /** Books every answer of an ended batch whose call is still pending; the others stay pending for the next round. */
    private void book(JobState job, BatchRoundEntity round, OpenAiBatchClient.Batch batch,
            OpenAiBatchClient.Endpoint endpoint, TeacherCalls.BookedCandidates send) throws Exception {
        Map<Long, JsonNode> outputs = new HashMap<>();
        if (batch.outputFileId() != null) {
            for (JsonNode line : OpenAiBatchClient.lines(api.content(endpoint, batch.outputFileId()))) {
                outputs.put(BatchRequests.callSequence(line.path("custom_id").asText()), line);
            }
        }
        Map<String, Integer> problems = new HashMap<>();
        if (batch.errorFileId() != null) {
            for (JsonNode line : OpenAiBatchClient.lines(api.content(endpoint, batch.errorFileId()))) {
                String code = line.path("error").isObject() ? line.path("error").path("code").asText("error")
                        : "status " + line.path("response").path("status_code").asInt();
                problems.merge(code, 1, Integer::sum);
                outputs.putIfAbsent(BatchRequests.callSequence(line.path("custom_id").asText()), line);
            }
        }
        String model = job.spec().teacherLlm().model();
        int booked = 0;
        int left = 0;
        double cost = 0;
        for (GenerationPrompt prompt : calls.pendingPrompts(job, sequences(round))) {
            JsonNode line = outputs.get(prompt.callSequence());
            TeacherAnswer answer = line == null ? null : BatchRequests.answer(line, model);
            if (answer == null) {
                left++;
                continue;
            }
            List<Candidate> candidates = calls.bookBatchAnswer(job, prompt, answer);
            booked++;
            cost += config.prices().table(job.spec().teacherModel(), true).cost(answer.inputTokens(),
                    answer.cachedInputTokens(), answer.outputTokens());
            send.accept(candidates);
        }
        int bookedNow = booked;
        int leftOver = left;
        double costNow = cost;
        round = update(round, r -> {
            r.state = BatchRoundEntity.ENDED;
            r.booked += bookedNow;
            r.leftOver = leftOver;
            r.costUsd += costNow;
            r.endedAt = Instant.now();
        });
        polled.remove(round.id);
        LOG.infof("Job %s: batch round %d %s: %d answers booked ($%.5f), %d requests left for the next round%s",
                job.id(), round.round, batch.status(), bookedNow, costNow, leftOver,
                problems.isEmpty() ? "" : " " + problems);
        progress(job, round);
    }

    /** The job's reason shows its round's state, as {@code GET /jobs/{id}} serves it. */
    private void progress(JobState job, BatchRoundEntity round) {
        String reason = String.format(Locale.ROOT, "batch round %d %s: %d of %d requests answered%s", round.round,
                BatchRoundEntity.ENDED.equals(round.state) ? "ended " + round.batchStatus : round.batchStatus,
                round.completed, round.requests,
                BatchRoundEntity.ENDED.equals(round.state) ? ", " + round.booked + " booked, " + round.leftOver
                        + " to ask again" : "");
        try {
            await(() -> store.setReason(job.id(), reason));
        } catch (RuntimeException e) {
            LOG.debugf("Job %s: could not store the round's state: %s", job.id(), e.getMessage());
        }
    }

    /**
     * Advances the open rounds of jobs that do not generate any more: a cancelled or failed job's batch is cancelled
     * at the provider and what it answered is booked (the provider bills it) but never sent; a paused job's round is
     * polled and booked, its candidates sent when the job generates again.
     */
    @Scheduled(every = "${generator.tick-every:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "1s")
    void sweep() {
        List<BatchRoundEntity> open;
        try {
            open = await(() -> rounds.open());
        } catch (RuntimeException e) {
            LOG.debugf("Batch sweep: %s", e.getMessage());
            return;
        }
        for (BatchRoundEntity round : open) {
            ReentrantLock lock = locks.computeIfAbsent(round.jobId, id -> new ReentrantLock());
            if (!lock.tryLock()) {
                continue;
            }
            try {
                JobState job = await(() -> store.state(round.jobId));
                if (job == null) {
                    continue;
                }
                if (job.status() == JobStatus.CANCELLED || job.status() == JobStatus.FAILED) {
                    cancel(job, round);
                } else if (job.status() == JobStatus.PAUSED) {
                    advance(job, round, candidates -> {
                    });
                }
            } catch (Exception e) {
                LOG.warnf("Job %s: batch round %d: %s; the next sweep tries again", round.jobId, round.round,
                        Secrets.redact(String.valueOf(e.getMessage())));
            } finally {
                lock.unlock();
            }
        }
    }

    /** Sweeps soon: after a cancel, so the provider stops working on the job's batch at once. */
    public void sweepSoon() {
        sweeps.submit(this::sweep);
    }

    private void cancel(JobState job, BatchRoundEntity round) throws Exception {
        OpenAiBatchClient.Endpoint endpoint = endpoint(job);
        if (BatchRoundEntity.PREPARED.equals(round.state)) {
            update(round, r -> {
                r.state = BatchRoundEntity.ENDED;
                r.batchStatus = "never submitted";
                r.endedAt = Instant.now();
            });
            return;
        }
        if (BatchRoundEntity.UPLOADED.equals(round.state)) {
            Optional<OpenAiBatchClient.Batch> made = api.findByInputFile(endpoint, round.inputFileId);
            if (made.isEmpty()) {
                update(round, r -> {
                    r.state = BatchRoundEntity.ENDED;
                    r.batchStatus = "never submitted";
                    r.endedAt = Instant.now();
                });
                return;
            }
            round = update(round, r -> {
                r.state = BatchRoundEntity.SUBMITTED;
                r.batchId = made.get().id();
                r.batchStatus = made.get().status();
                r.submittedAt = Instant.now();
            });
        }
        if (!round.cancelRequested) {
            OpenAiBatchClient.Batch batch;
            try {
                batch = api.cancel(endpoint, round.batchId);
            } catch (OpenAiBatchClient.BatchApiException e) {
                if (e.status() != 409) {
                    throw e;
                }
                batch = api.get(endpoint, round.batchId); // ended meanwhile: nothing to cancel
            }
            OpenAiBatchClient.Batch seen = batch;
            round = update(round, r -> {
                r.cancelRequested = true;
                r.batchStatus = seen.status();
            });
            polled.remove(round.id);
            LOG.infof("Job %s is %s: batch %s of round %d cancelled at the provider (%s)", job.id(), job.status(),
                    round.batchId, round.round, seen.status());
        }
        advance(job, round, candidates -> {
        });
    }

    private BatchRoundEntity update(BatchRoundEntity round, java.util.function.Consumer<BatchRoundEntity> change) {
        return await(() -> rounds.update(round.id, change));
    }

    private static Set<Long> sequences(BatchRoundEntity round) {
        Set<Long> sequences = new HashSet<>();
        round.customIdList().forEach(id -> sequences.add(BatchRequests.callSequence(id)));
        return sequences;
    }

    /** The teacher's OpenAI-style endpoint: the configured one, or the spec's {@code base_url} with its key. */
    private OpenAiBatchClient.Endpoint endpoint(JobState job) {
        LlmSpec llm = job.spec().teacherLlm();
        if (llm.usesConfiguredEndpoint()) {
            return new OpenAiBatchClient.Endpoint(configuredBaseUrl, configuredKey);
        }
        return new OpenAiBatchClient.Endpoint(llm.baseUrl() == null ? OPENAI_URL : llm.baseUrl(),
                keys.keyFor(llm.providerOrDefault()));
    }

    @PreDestroy
    void stop() {
        sweeps.shutdownNow();
    }
}
