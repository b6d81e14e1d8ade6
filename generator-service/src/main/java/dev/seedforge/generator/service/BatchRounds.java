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
import dev.seedforge.support.lifecycle.ShutdownGate;
import dev.seedforge.support.llm.AnthropicBatchClient;
import dev.seedforge.support.llm.BatchApi;
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
 * and what it had answered is booked (paid for, never sent). The provider's batch API is the teacher's
 * ({@link BatchApi}): OpenAI's Files and Batch APIs for openai and openai-compatible, Anthropic's Message Batches for
 * anthropic.
 */
@ApplicationScoped
public class BatchRounds {

    private static final Logger LOG = Logger.getLogger(BatchRounds.class);
    private static final String OPENAI_URL = "https://api.openai.com/v1";

    private final JobStore store;
    private final BatchRoundStore rounds;
    private final TeacherCalls calls;
    private final OpenAiBatchClient openAi;
    private final AnthropicBatchClient anthropic;
    private final GeneratorConfig config;
    private final ShutdownGate gate;
    private final String configuredBaseUrl;
    private final String configuredKey;
    private final ProviderKeys keys = ProviderKeys.fromConfig();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<Long, Instant> polled = new ConcurrentHashMap<>();
    private final ExecutorService sweeps = Executors.newVirtualThreadPerTaskExecutor();

    public BatchRounds(JobStore store, BatchRoundStore rounds, TeacherCalls calls, OpenAiBatchClient openAi,
            AnthropicBatchClient anthropic, GeneratorConfig config, ShutdownGate gate,
            @ConfigProperty(name = "quarkus.langchain4j.openai.teacher.base-url", defaultValue = OPENAI_URL) String baseUrl,
            @ConfigProperty(name = "quarkus.langchain4j.openai.teacher.api-key", defaultValue = "") String apiKey) {
        this.store = store;
        this.gate = gate;
        this.rounds = rounds;
        this.calls = calls;
        this.openAi = openAi;
        this.anthropic = anthropic;
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
        NextCalls.Situation situation = Situations.of(job, await(() -> store.emittedPerCell(job)), config);
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

    /**
     * Takes a round as far as it goes now: stage (OpenAI: upload), create (or find), poll, and book when it has ended.
     * The round is stored {@code UPLOADED}, with the time creating began, before the create call: a generator stopped
     * after creating the batch and before storing its id finds the batch (by its input file at OpenAI, by its request
     * count and time at Anthropic) rather than create a second one.
     */
    private void advance(JobState job, BatchRoundEntity round, TeacherCalls.BookedCandidates send) throws Exception {
        BatchApi api = api(job);
        BatchApi.Endpoint endpoint = endpoint(job);
        boolean stagedNow = false;
        if (BatchRoundEntity.PREPARED.equals(round.state)) {
            List<BatchApi.Request> requests = requests(job, round);
            if (requests.isEmpty()) {
                round = update(round, r -> {
                    r.state = BatchRoundEntity.ENDED;
                    r.endedAt = Instant.now();
                });
                return;
            }
            String staged = api.stage(endpoint, "seedforge-" + job.id() + "-round-" + round.round + ".jsonl", requests);
            round = update(round, r -> {
                r.state = BatchRoundEntity.UPLOADED;
                r.inputFileId = staged;
                r.requests = requests.size();
                r.submittedAt = Instant.now();
            });
            stagedNow = true;
        }
        if (BatchRoundEntity.UPLOADED.equals(round.state)) {
            String staged = round.inputFileId;
            int number = round.round;
            // staged in this pass: no create can have happened yet, and searching would only risk taking up a
            // stranger's batch of the same size (Anthropic)
            Optional<BatchApi.Status> made = stagedNow ? Optional.empty() : findCreated(job, round);
            BatchApi.Status batch;
            if (made.isPresent()) {
                batch = made.get();
                LOG.infof("Job %s: batch round %d takes up batch %s, created before a stop", job.id(), number,
                        batch.id());
            } else {
                List<BatchApi.Request> requests = requests(job, round);
                batch = api.create(endpoint, staged, requests, config.batch().completionWindow(), Map.of(
                        "seedforge_job", job.id(), "seedforge_round", String.valueOf(number)));
            }
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
            BatchApi.Status batch = api.get(endpoint, round.batchId);
            polled.put(round.id, Instant.now());
            boolean changed = !batch.status().equals(round.batchStatus) || batch.succeeded() != round.completed
                    || batch.failed() != round.failed;
            round = update(round, r -> {
                r.batchStatus = batch.status();
                r.completed = batch.succeeded();
                r.failed = batch.failed();
                r.outputFileId = batch.results();
                r.errorFileId = batch.errors();
            });
            if (batch.ended()) {
                book(job, round, batch, api, endpoint, send);
            } else if (changed) {
                progress(job, round);
            }
        }
    }

    /** Books every answer of an ended batch whose call is still pending; the others stay pending for the next round. */
    private void book(JobState job, BatchRoundEntity round, BatchApi.Status batch, BatchApi api,
            BatchApi.Endpoint endpoint, TeacherCalls.BookedCandidates send) throws Exception {
        Map<Long, BatchApi.Result> outputs = new HashMap<>();
        Map<String, Integer> problems = new HashMap<>();
        for (BatchApi.Result result : api.results(endpoint, batch)) {
            long sequence = BatchRequests.callSequence(result.customId());
            if (result.succeeded()) {
                outputs.put(sequence, result);
            } else {
                problems.merge(result.error(), 1, Integer::sum);
                outputs.putIfAbsent(sequence, result);
            }
        }
        String model = job.spec().teacherLlm().model();
        String provider = api.provider();
        int booked = 0;
        int left = 0;
        double cost = 0;
        Set<Long> earlier = sequences(round);
        for (GenerationPrompt prompt : calls.pendingPrompts(job, sequences(round))) {
            earlier.remove(prompt.callSequence());
            BatchApi.Result result = outputs.get(prompt.callSequence());
            TeacherAnswer answer = result == null || !result.succeeded() ? null
                    : BatchRequests.answer(provider, result.body(), model);
            if (answer == null) {
                left++;
                continue;
            }
            List<Candidate> candidates = calls.bookBatchAnswer(job, prompt, answer);
            booked++;
            cost += cost(job, answer);
            send.accept(candidates);
        }
        // calls no longer pending were booked from this batch by a pass stopped (killed) before the round's end was
        // stored: the round counts them too, from the same answers
        int bookedBefore = 0;
        for (long sequence : earlier) {
            BatchApi.Result result = outputs.get(sequence);
            TeacherAnswer answer = result == null || !result.succeeded() ? null
                    : BatchRequests.answer(provider, result.body(), model);
            if (answer != null) {
                bookedBefore++;
                cost += cost(job, answer);
            }
        }
        int bookedNow = booked;
        int bookedInAll = booked + bookedBefore;
        int leftOver = left;
        double costInAll = cost;
        round = update(round, r -> {
            r.state = BatchRoundEntity.ENDED;
            r.booked = bookedInAll;
            r.leftOver = leftOver;
            r.costUsd = costInAll;
            r.endedAt = Instant.now();
        });
        polled.remove(round.id);
        LOG.infof("Job %s: batch round %d %s: %d answers booked%s ($%.5f), %d requests left for the next round%s",
                job.id(), round.round, batch.status(), bookedNow, bookedBefore == 0 ? ""
                        : " and " + bookedBefore + " booked before a stop",
                costInAll, leftOver, problems.isEmpty() ? "" : " " + problems);
        progress(job, round);
    }

    /** An answer's cost at the teacher's batch prices, as {@link TeacherCalls} books it. */
    private double cost(JobState job, TeacherAnswer answer) {
        return config.prices().table(job.spec().teacherModel(), true).cost(answer.inputTokens(),
                answer.cachedInputTokens(), answer.outputTokens());
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
    @Scheduled(every = "${generator.tick-every:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class, delayed = "1s")
    void sweep() {
        gate.run(this::sweepOpenRounds);
    }

    private void sweepOpenRounds() {
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
        BatchApi api = api(job);
        BatchApi.Endpoint endpoint = endpoint(job);
        boolean stagedNow = false;
        if (BatchRoundEntity.PREPARED.equals(round.state)) {
            update(round, r -> {
                r.state = BatchRoundEntity.ENDED;
                r.batchStatus = "never submitted";
                r.endedAt = Instant.now();
            });
            return;
        }
        if (BatchRoundEntity.UPLOADED.equals(round.state)) {
            Optional<BatchApi.Status> made = findCreated(job, round);
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
            BatchApi.Status seen = api.cancel(endpoint, round.batchId); // an ended batch is answered as it is
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

    /** The round's requests (its calls still pending) in the teacher's provider's wire format. */
    private List<BatchApi.Request> requests(JobState job, BatchRoundEntity round) {
        LlmSpec llm = job.spec().teacherLlm();
        return BatchRequests.requests(llm.providerOrDefault(), llm.model(), !llm.usesConfiguredEndpoint(),
                calls.pendingPrompts(job, sequences(round)));
    }

    /**
     * The batch an earlier create of this {@code UPLOADED} round made, if any: searched from when creating began
     * (stored with the state), among batches no stored round holds.
     */
    private Optional<BatchApi.Status> findCreated(JobState job, BatchRoundEntity round) {
        Instant since = round.submittedAt != null ? round.submittedAt : round.createdAt;
        Set<String> claimed = new HashSet<>(await(() -> rounds.batchIds()));
        return api(job).find(endpoint(job), round.inputFileId, round.requests, since, claimed);
    }

    /** The teacher's provider's batch API: Anthropic's Message Batches, else OpenAI's Batch API. */
    private BatchApi api(JobState job) {
        return LlmSpec.ANTHROPIC.equals(job.spec().teacherLlm().providerOrDefault()) ? anthropic : openAi;
    }

    /**
     * The teacher's endpoint: the configured one, or the spec's {@code base_url} (else the provider's public one) with
     * its provider's key.
     */
    private BatchApi.Endpoint endpoint(JobState job) {
        LlmSpec llm = job.spec().teacherLlm();
        if (llm.usesConfiguredEndpoint()) {
            return new BatchApi.Endpoint(configuredBaseUrl, configuredKey);
        }
        String provider = llm.providerOrDefault();
        String fallback = LlmSpec.ANTHROPIC.equals(provider) ? AnthropicBatchClient.DEFAULT_URL : OPENAI_URL;
        return new BatchApi.Endpoint(llm.baseUrl() == null || llm.baseUrl().isBlank() ? fallback : llm.baseUrl(),
                keys.keyFor(provider));
    }

    @PreDestroy
    void stop() {
        sweeps.shutdownNow();
    }
}
