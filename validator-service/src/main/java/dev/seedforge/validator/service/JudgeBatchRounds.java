package dev.seedforge.validator.service;

import static dev.seedforge.support.reactive.Blocking.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.Record;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.LlmSpec;
import dev.seedforge.contracts.ValidatedCandidate;
import dev.seedforge.contracts.Verdict;
import dev.seedforge.contracts.tokens.PriceTable;
import dev.seedforge.support.lifecycle.ShutdownGate;
import dev.seedforge.support.llm.AnthropicBatchClient;
import dev.seedforge.support.llm.BatchApi;
import dev.seedforge.support.llm.OpenAiBatchClient;
import dev.seedforge.support.llm.ProviderKeys;
import dev.seedforge.support.secrets.Secrets;
import dev.seedforge.validator.config.ValidatorConfig;
import dev.seedforge.validator.judge.JudgeBatchRoundPlan;
import dev.seedforge.validator.judge.JudgePrompt;
import dev.seedforge.validator.judge.JudgeRuling;
import dev.seedforge.validator.judge.JudgeScores;
import dev.seedforge.validator.llm.JudgeBatchRequests;
import dev.seedforge.validator.llm.JudgeClient;
import dev.seedforge.validator.persistence.JudgeBatchStore;
import dev.seedforge.validator.persistence.JudgeRoundEntity;
import dev.seedforge.validator.persistence.JudgeWaitEntity;

/**
 * Carries out the judge's batch mode ({@code judge: {mode: batch}}) from stored state, on every instance alike: plans
 * rounds from the candidates that wait ({@link JudgeBatchRoundPlan}), takes each round it can claim one step further
 * at the provider (stage, create or find the batch, poll), and when a batch ends turns each answered call into the
 * verdicts of its candidates, at batch prices, in the same table as real-time verdicts; unanswered lines go again in
 * the next round. Verdicts are then sent on {@code validated} keyed by job id, and forgotten only once the broker
 * acknowledged them. A cancelled job's open batch is cancelled at the provider. The provider's batch API is the
 * judge's ({@link BatchApi}, as the generator's teacher rounds use it): OpenAI's Files and Batch APIs for openai and
 * openai-compatible, Anthropic's Message Batches for anthropic; results are read there, never here.
 */
@ApplicationScoped
public class JudgeBatchRounds {

    /** Sends batch verdicts to the {@code validated} topic (its own channel: CandidateProcessor owns the other). */
    public static final String CHANNEL = "judged-in-batch";

    private static final Logger LOG = Logger.getLogger(JudgeBatchRounds.class);
    private static final String OPENAI_URL = "https://api.openai.com/v1";

    private final JudgeBatchStore store;
    private final JobChecks jobs;
    private final OpenAiBatchClient openAi;
    private final AnthropicBatchClient anthropic;
    private final ValidatorConfig config;
    private final Emitter<Record<String, ValidatedCandidate>> validated;
    private final String configuredBaseUrl;
    private final String configuredKey;
    private final Map<String, Double> configuredSampling;
    private final ProviderKeys keys = ProviderKeys.fromConfig();
    private final String owner = "validator-" + UUID.randomUUID();
    private final Map<Long, Instant> polled = new ConcurrentHashMap<>();
    private final ShutdownGate gate;

    public JudgeBatchRounds(JudgeBatchStore store, JobChecks jobs, OpenAiBatchClient openAi,
            AnthropicBatchClient anthropic, ValidatorConfig config, ShutdownGate gate,
            @Channel(CHANNEL) Emitter<Record<String, ValidatedCandidate>> validated,
            @ConfigProperty(name = "quarkus.langchain4j.openai.judge.base-url", defaultValue = OPENAI_URL) String baseUrl,
            @ConfigProperty(name = "quarkus.langchain4j.openai.judge.api-key", defaultValue = "") String apiKey,
            @ConfigProperty(name = "quarkus.langchain4j.openai.judge.chat-model.top-p", defaultValue = "1.0") double topP,
            @ConfigProperty(name = "quarkus.langchain4j.openai.judge.chat-model.presence-penalty", defaultValue = "0") double presencePenalty,
            @ConfigProperty(name = "quarkus.langchain4j.openai.judge.chat-model.frequency-penalty", defaultValue = "0") double frequencyPenalty) {
        this.store = store;
        this.gate = gate;
        this.jobs = jobs;
        this.openAi = openAi;
        this.anthropic = anthropic;
        this.config = config;
        this.validated = validated;
        this.configuredBaseUrl = baseUrl;
        this.configuredKey = apiKey;
        this.configuredSampling = JudgeBatchRequests.configuredSampling(topP, presencePenalty, frequencyPenalty);
    }

    /**
     * The hook of {@link VerdictService}: the candidate waits for a round, its verdict sent later (null), unless a
     * round decided it already (its verdict).
     */
    public Verdict awaitJudge(Candidate candidate) {
        String json = Json.MAPPER.valueToTree(candidate).toString();
        return await(() -> store.await(candidate.candidateId(), candidate.jobId(), candidate.cell(), json));
    }

    @Scheduled(every = "${validator.judge.batch.tick-every:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class, delayed = "1s")
    void tick() {
        gate.run(this::advanceRounds);
    }

    private void advanceRounds() {
        try {
            Set<String> cancelled = new HashSet<>(await(store::cancelledJobs));
            plan(cancelled);
            for (JudgeRoundEntity round : await(store::open)) {
                work(round, cancelled.contains(round.jobId));
            }
            send();
        } catch (RuntimeException e) {
            LOG.warnf("Judge batch rounds: %s; the next tick tries again", Secrets.redact(String.valueOf(e
                    .getMessage())));
        }
    }

    /** Plans the rounds due now; candidates of cancelled jobs and those asked too often get judge_unavailable. */
    void plan(Set<String> cancelled) {
        List<JudgeWaitEntity> waiting = await(store::waiting);
        if (waiting.isEmpty()) {
            return;
        }
        Map<String, Verdict> unavailable = new LinkedHashMap<>();
        List<JudgeBatchRoundPlan.Waiting> live = new ArrayList<>();
        for (JudgeWaitEntity row : waiting) {
            if (cancelled.contains(row.jobId)) {
                unavailable.put(row.candidateId, JudgeRuling.unavailable("the job was cancelled before its judge"
                        + " batch answered", 0));
            } else {
                live.add(new JudgeBatchRoundPlan.Waiting(row.candidateId, row.jobId, row.cell, row.waitingSince,
                        row.attempts));
            }
        }
        ValidatorConfig.Batch batch = config.judge().batch();
        JudgeBatchRoundPlan.Next next = JudgeBatchRoundPlan.next(live,
                jobId -> jobs.forJob(jobId).spec().judge().batchSize(),
                new JudgeBatchRoundPlan.Settings(batch.linger(), batch.minCalls(), batch.maxCallsPerRound(),
                        batch.maxAttempts()),
                Instant.now());
        next.givenUp().forEach(w -> unavailable.put(w.candidateId(), JudgeRuling.unavailable("no answer from the"
                + " batch API in " + batch.maxAttempts() + " rounds (validator.judge.batch.max-attempts)", 0)));
        if (!unavailable.isEmpty()) {
            await(() -> store.decideWaiting(unavailable));
            LOG.infof("Judge batch: %d candidates judge_unavailable (job cancelled or asked %d times)",
                    unavailable.size(), batch.maxAttempts());
        }
        for (JudgeBatchRoundPlan.Round round : next.rounds()) {
            try {
                JudgeRoundEntity prepared = await(() -> store.prepare(round.jobId(), round.calls()));
                LOG.infof("Job %s: judge batch round %d prepared: %d calls, %d candidates", round.jobId(),
                        prepared.id, round.calls().size(), round.candidates());
            } catch (RuntimeException e) {
                // another instance planned these candidates first: its round stands
                LOG.debugf("Job %s: judge round not prepared: %s", round.jobId(), e.getMessage());
            }
        }
    }

    /** Takes a round one step further if this instance holds it (or its owner's lease ran out). */
    private void work(JudgeRoundEntity round, boolean cancelled) {
        Instant now = Instant.now();
        if (!await(() -> store.claim(round.id, owner, now.plus(config.judge().batch().lease()), now))) {
            return;
        }
        try {
            JobSpec spec = jobs.forJob(round.jobId).spec();
            if (cancelled) {
                cancel(spec, round);
            } else {
                advance(spec, round);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Job %s: judge round %d: %s; the next tick tries again", round.jobId, round.id,
                    Secrets.redact(String.valueOf(e.getMessage())));
        }
    }

    /**
     * Takes a round as far as it goes now: stage (OpenAI: upload the input file), create (or find), poll, and book
     * when the batch has ended. The round is stored {@code UPLOADED}, with the time creating began, before the create
     * call: an instance stopped after creating the batch and before storing its id finds the batch (by its input file
     * at OpenAI, by its request count and time at Anthropic) rather than create a second one.
     */
    private void advance(JobSpec spec, JudgeRoundEntity round) {
        BatchApi api = api(spec);
        BatchApi.Endpoint endpoint = endpoint(spec);
        List<BatchApi.Request> staging = null; // staged in this pass: built once for the stage and the create
        if (JudgeRoundEntity.PREPARED.equals(round.state)) {
            List<BatchApi.Request> requests = requests(spec, round);
            String staged = api.stage(endpoint, "seedforge-judge-" + round.jobId + "-round-" + round.id + ".jsonl",
                    requests);
            round = update(round, r -> {
                r.state = JudgeRoundEntity.UPLOADED;
                r.inputFileId = staged;
                r.submittedAt = Instant.now();
            });
            staging = requests;
        }
        if (JudgeRoundEntity.UPLOADED.equals(round.state)) {
            long id = round.id;
            String jobId = round.jobId;
            // staged in this pass: no create can have happened yet, and searching would only risk taking up a
            // stranger's batch of the same size (Anthropic)
            Optional<BatchApi.Status> made = staging != null ? Optional.empty() : findCreated(spec, round);
            BatchApi.Status batch;
            if (made.isPresent()) {
                batch = made.get();
                LOG.infof("Job %s: judge batch round %d takes up batch %s, created before a stop", jobId, id,
                        batch.id());
            } else {
                List<BatchApi.Request> requests = staging != null ? staging : requests(spec, round);
                Map<String, String> metadata = Map.of("seedforge_job", jobId, "seedforge_judge_round",
                        String.valueOf(id));
                batch = api.create(endpoint, round.inputFileId, requests, config.judge().batch().completionWindow(),
                        metadata);
            }
            update(round, r -> {
                r.state = JudgeRoundEntity.SUBMITTED;
                r.batchId = batch.id();
                r.batchStatus = batch.status();
                r.submittedAt = Instant.now();
            });
            polled.put(round.id, Instant.now());
            LOG.infof("Job %s: judge batch round %d submitted as %s", round.jobId, round.id, batch.id());
            return;
        }
        if (JudgeRoundEntity.SUBMITTED.equals(round.state)) {
            Instant last = polled.get(round.id);
            if (last != null && Duration.between(last, Instant.now()).compareTo(config.judge().batch()
                    .pollEvery()) < 0) {
                return;
            }
            BatchApi.Status batch = api.get(endpoint, round.batchId);
            polled.put(round.id, Instant.now());
            round = update(round, r -> {
                r.batchStatus = batch.status();
                r.completed = batch.succeeded();
                r.failed = batch.failed();
                r.outputFileId = batch.results();
                r.errorFileId = batch.errors();
            });
            if (batch.ended()) {
                book(spec, round, batch, api, endpoint);
            }
        }
    }

    /**
     * Stores the verdicts of an ended batch's answered calls (read by the provider's {@link BatchApi#results}); the
     * candidates of the others wait for the next round.
     */
    private void book(JobSpec spec, JudgeRoundEntity round, BatchApi.Status batch, BatchApi api,
            BatchApi.Endpoint endpoint) {
        Map<Integer, BatchApi.Result> results = new HashMap<>();
        Map<String, Integer> problems = new HashMap<>();
        for (BatchApi.Result result : api.results(endpoint, batch)) {
            int call = JudgeBatchRequests.callIndex(result.customId());
            if (result.succeeded()) {
                results.put(call, result);
            } else {
                problems.merge(result.error(), 1, Integer::sum);
                results.putIfAbsent(call, result);
            }
        }
        String model = spec.judgeLlm().model();
        PriceTable prices = config.judge().prices().table(spec.judgeModel(), true);
        int minScore = spec.judge().minScore();
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        List<String> again = new ArrayList<>();
        double cost = 0;
        List<List<JudgeWaitEntity>> calls = calls(round);
        for (int c = 0; c < calls.size(); c++) {
            List<JudgeWaitEntity> call = calls.get(c);
            BatchApi.Result result = results.get(c);
            JudgeClient.JudgeAnswer answer = null;
            if (result != null) {
                try {
                    answer = JudgeBatchRequests.answer(api, result, model, JudgePrompt.of(spec, candidates(call)));
                } catch (JudgeScores.MalformedJudgeAnswerException e) {
                    problems.merge("malformed", 1, Integer::sum);
                    // a malformed answer is billed all the same; its candidates are asked again
                    cost += api.answer(result.body(), model).usage().cost(prices);
                }
            }
            if (answer == null) {
                call.forEach(row -> again.add(row.candidateId));
                continue;
            }
            double callCost = answer.usage().cost(prices);
            cost += callCost;
            double each = callCost / call.size();
            for (int i = 0; i < call.size(); i++) {
                verdicts.put(call.get(i).candidateId, JudgeRuling.verdict(answer.scores().scores().get(i), minScore,
                        each));
            }
        }
        double costNow = cost;
        JudgeRoundEntity ended = await(() -> store.end(round.id, verdicts, again, r -> {
            r.state = JudgeRoundEntity.ENDED;
            r.judged = verdicts.size();
            r.leftOver = again.size();
            r.costUsd = costNow;
            r.endedAt = Instant.now();
        }));
        polled.remove(round.id);
        LOG.infof("Job %s: judge batch round %d %s: %d verdicts ($%.5f), %d candidates left for the next round%s",
                ended.jobId, ended.id, batch.status(), verdicts.size(), costNow, again.size(),
                problems.isEmpty() ? "" : " " + problems);
    }

    /** A cancelled job's round: cancelled at the provider, then booked as it ends (what was answered is paid for). */
    private void cancel(JobSpec spec, JudgeRoundEntity round) {
        if (JudgeRoundEntity.PREPARED.equals(round.state)) {
            endUnsubmitted(round);
            return;
        }
        if (JudgeRoundEntity.UPLOADED.equals(round.state)) {
            Optional<BatchApi.Status> made = findCreated(spec, round);
            if (made.isEmpty()) {
                endUnsubmitted(round);
                return;
            }
            round = update(round, r -> {
                r.state = JudgeRoundEntity.SUBMITTED;
                r.batchId = made.get().id();
                r.batchStatus = made.get().status();
                r.submittedAt = Instant.now();
            });
        }
        if (!round.cancelRequested) {
            BatchApi.Status seen = api(spec).cancel(endpoint(spec), round.batchId); // an ended one as it is
            round = update(round, r -> {
                r.cancelRequested = true;
                r.batchStatus = seen.status();
            });
            polled.remove(round.id);
            LOG.infof("Job %s is cancelled: judge batch %s of round %d cancelled at the provider (%s)", round.jobId,
                    round.batchId, round.id, seen.status());
        }
        advance(spec, round);
    }

    private void endUnsubmitted(JudgeRoundEntity round) {
        List<String> again = calls(round).stream().flatMap(List::stream).map(row -> row.candidateId).toList();
        await(() -> store.end(round.id, Map.of(), again, r -> {
            r.state = JudgeRoundEntity.ENDED;
            r.batchStatus = "never submitted";
            r.leftOver = again.size();
            r.endedAt = Instant.now();
        }));
    }

    /**
     * Sends the stored verdicts this instance claimed on {@code validated}, keyed by job id, and forgets each once the
     * broker acknowledged it (a verdict sent twice is harmless: downstream is idempotent by candidate id).
     */
    void send() {
        Instant now = Instant.now();
        List<JudgeBatchStore.ToSend> claimed = await(() -> store.claimToSend(owner, now.plus(config.judge().batch()
                .lease()), now));
        if (claimed.isEmpty()) {
            return;
        }
        List<CompletableFuture<String>> sends = new ArrayList<>();
        for (JudgeBatchStore.ToSend item : claimed) {
            Candidate candidate;
            try {
                candidate = Json.MAPPER.readValue(item.candidateJson(), Candidate.class);
            } catch (Exception e) {
                throw new IllegalStateException("stored candidate " + item.candidateId() + " is unreadable", e);
            }
            sends.add(validated.send(Record.of(item.jobId(), ValidatedCandidate.of(candidate, item.verdict())))
                    .toCompletableFuture().thenApply(v -> item.candidateId()));
        }
        List<String> acked = new ArrayList<>();
        for (CompletableFuture<String> send : sends) {
            try {
                acked.add(send.get(60, TimeUnit.SECONDS));
            } catch (Exception e) {
                LOG.warnf("A judge batch verdict was not acknowledged: %s; sent again later", e.getMessage());
            }
        }
        await(() -> store.sent(acked));
        LOG.debugf("Judge batch: %d verdicts sent", acked.size());
    }

    private List<List<JudgeWaitEntity>> calls(JudgeRoundEntity round) {
        Map<Integer, List<JudgeWaitEntity>> byCall = new java.util.TreeMap<>();
        for (JudgeWaitEntity row : await(() -> store.members(round.id))) {
            byCall.computeIfAbsent(row.callIndex, c -> new ArrayList<>()).add(row);
        }
        return new ArrayList<>(byCall.values());
    }

    private static List<Candidate> candidates(List<JudgeWaitEntity> call) {
        List<Candidate> candidates = new ArrayList<>();
        for (JudgeWaitEntity row : call) {
            try {
                candidates.add(Json.MAPPER.readValue(row.candidate, Candidate.class));
            } catch (Exception e) {
                throw new IllegalStateException("stored candidate " + row.candidateId + " is unreadable", e);
            }
        }
        return candidates;
    }

    private JudgeRoundEntity update(JudgeRoundEntity round, Consumer<JudgeRoundEntity> change) {
        return await(() -> store.update(round.id, change));
    }

    /** The round's requests: its calls' prompts in the judge's provider's wire format. */
    private List<BatchApi.Request> requests(JobSpec spec, JudgeRoundEntity round) {
        LlmSpec llm = spec.judgeLlm();
        List<JudgePrompt> prompts = calls(round).stream().map(call -> JudgePrompt.of(spec, candidates(call)))
                .toList();
        return JudgeBatchRequests.requests(llm.providerOrDefault(), llm.model(), !llm.usesConfiguredEndpoint(),
                prompts, llm.usesConfiguredEndpoint() ? configuredSampling : Map.of());
    }

    /**
     * The batch an earlier create of this {@code UPLOADED} round made, if any: searched from when creating began
     * (stored with the state), among batches no stored round holds.
     */
    private Optional<BatchApi.Status> findCreated(JobSpec spec, JudgeRoundEntity round) {
        Instant since = round.submittedAt != null ? round.submittedAt : round.createdAt;
        Set<String> claimed = new HashSet<>(await(store::batchIds));
        return api(spec).find(endpoint(spec), round.inputFileId, round.requests, since, claimed);
    }

    /** The judge's provider's batch API: Anthropic's Message Batches, else OpenAI's Batch API. */
    private BatchApi api(JobSpec spec) {
        return LlmSpec.ANTHROPIC.equals(spec.judgeLlm().providerOrDefault()) ? anthropic : openAi;
    }

    /**
     * The judge's endpoint: the configured one, or the spec's {@code base_url} (else the provider's public one) with
     * its provider's key.
     */
    private BatchApi.Endpoint endpoint(JobSpec spec) {
        LlmSpec llm = spec.judgeLlm();
        if (llm.usesConfiguredEndpoint()) {
            return new BatchApi.Endpoint(configuredBaseUrl, configuredKey);
        }
        String provider = llm.providerOrDefault();
        String fallback = LlmSpec.ANTHROPIC.equals(provider) ? AnthropicBatchClient.DEFAULT_URL : OPENAI_URL;
        return new BatchApi.Endpoint(llm.baseUrl() == null || llm.baseUrl().isBlank() ? fallback : llm.baseUrl(),
                keys.keyFor(provider));
    }
}
