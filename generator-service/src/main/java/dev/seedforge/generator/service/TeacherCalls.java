package dev.seedforge.generator.service;

import static dev.seedforge.support.reactive.Blocking.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Lock;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.CellProgress;
import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.DiversitySpec;
import dev.seedforge.contracts.PlanCell;
import dev.seedforge.contracts.tokens.PriceTable;
import dev.seedforge.generator.config.GeneratorConfig;
import dev.seedforge.generator.domain.CandidateFactory;
import dev.seedforge.generator.domain.CostEstimator;
import dev.seedforge.generator.domain.Diversity;
import dev.seedforge.generator.domain.DiversityLevers;
import dev.seedforge.generator.domain.EvolutionSource;
import dev.seedforge.generator.domain.GeneratedExamples;
import dev.seedforge.generator.domain.GenerationPrompt;
import dev.seedforge.generator.domain.LatestCandidates;
import dev.seedforge.generator.domain.NextCalls;
import dev.seedforge.generator.domain.Personas;
import dev.seedforge.generator.domain.PromptBuilder;
import dev.seedforge.generator.domain.SeedRules;
import dev.seedforge.generator.llm.TeacherAnswer;
import dev.seedforge.generator.llm.TeacherClient;
import dev.seedforge.generator.persistence.JobState;
import dev.seedforge.generator.persistence.JobStore;
import dev.seedforge.support.llm.PricesConfig;
import dev.seedforge.support.secrets.Secrets;

/**
 * Makes the teacher calls a decision asked for, with their books: each call is logged as pending with its prompt
 * before it is made, answered from the response cache when an identical prompt was answered before, priced (cached
 * input tokens at the cached rate), and booked with its candidates in one transaction. Calls of all jobs share
 * {@code generator.max-concurrent-calls} slots.
 */
@ApplicationScoped
public class TeacherCalls {

    private static final Logger LOG = Logger.getLogger(TeacherCalls.class);
    private static final int EVOLVE_POOL = 50;
    /** The cell's latest candidates read for digests; repeats among them are shown once. */
    private static final int DIGEST_POOL = 2 * DiversityLevers.DIGESTS_PER_CALL;

    /** Receives a call's stored candidates as soon as the call is booked. */
    @FunctionalInterface
    public interface BookedCandidates {
        void accept(List<Candidate> candidates) throws Exception;
    }

    private final JobStore store;
    private final TeacherClient teacher;
    private final PricesConfig prices;
    private final Semaphore callSlots;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    /** Per job, its seeds' average length and the seeds it was measured on: a resume may change them. */
    private final java.util.Map<String, SeedTokens> seedTokens = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<EstimateKey, Double> estimates = new java.util.concurrent.ConcurrentHashMap<>();
    /** Per job and cell, the latest candidates for the digests: read once, then kept from the bookings (one replica). */
    private final java.util.Map<CellKey, LatestCandidates> latest = new java.util.concurrent.ConcurrentHashMap<>();

    public TeacherCalls(JobStore store, TeacherClient teacher, GeneratorConfig config) {
        this.store = store;
        this.teacher = teacher;
        this.prices = config.prices();
        this.callSlots = new Semaphore(config.maxConcurrentCalls());
    }

    /**
     * The estimated cost of a call, for the budget check: from its real prompt and the seeds' length, or from the
     * job's measured cost per candidate when that is more ({@link CostEstimator#callCommitment}). The prompt's part is
     * built once per cell and count of a job: every pass estimates each call still out, and a prompt differs from the
     * next one only by its persona and digests. A resume that changes the spec (seeds, levers) estimates afresh.
     */
    public double estimate(JobState job, PlanCell cell, int count) {
        return CostEstimator.callCommitment(fromPrompt(job, cell, count), count, job.generationCostUsd(),
                job.candidatesEmitted());
    }

    private double fromPrompt(JobState job, PlanCell cell, int count) {
        return estimates.computeIfAbsent(new EstimateKey(job.id(), cell.id(), count, job.spec().hashCode()), key -> {
            GenerationPrompt prompt = PromptBuilder.build(job.spec(), cell, job.callsMade() + 1, count, null,
                    Diversity.NONE, seedsSetAside(job));
            return CostEstimator.callCost(prompt, outputPerExample(job, PromptBuilder.averageTurns(job.spec(), cell)),
                    prices(job, job.spec().teacherBatch()));
        });
    }

    /** Drops what this keeps per job, once the job has ended. */
    public void forget(String jobId) {
        seedTokens.remove(jobId);
        estimates.keySet().removeIf(key -> key.jobId().equals(jobId));
        latest.keySet().removeIf(key -> key.jobId().equals(jobId));
    }

    private record CellKey(String jobId, String cellId) {
    }

    private record EstimateKey(String jobId, String cellId, int count, int specHash) {
    }

    private record SeedTokens(List<Conversation> seeds, dev.seedforge.contracts.ExampleFormat format, double tokens,
            double extraTokens) {
    }

    /** Logs a decided call as pending and answers its prompt; {@code offset} varies the example to evolve. */
    public GenerationPrompt start(JobState job, NextCalls.Call call, int offset) {
        PlanCell cell = job.cell(call.cellId());
        Candidate source = call.evolve() ? evolutionSource(job, cell, offset) : null;
        return start(job, call, source == null ? null : source.candidateId(),
                source == null ? null : source.conversation());
    }

    private GenerationPrompt start(JobState job, NextCalls.Call call, String sourceId, Conversation toEvolve) {
        PlanCell cell = job.cell(call.cellId());
        DiversitySpec levers = job.spec().diversity() == null ? DiversitySpec.DEFAULT
                : job.spec().diversity().withDefaults();
        List<String> digests = levers.alreadyHave()
                ? DiversityLevers.digests(latest(job.id(), cell.id())
                        .get(() -> await(() -> store.latestOf(job.id(), cell.id(), DIGEST_POOL))).stream()
                        .map(Candidate::conversation).toList())
                : List.of();
        CellProgress counts = job.sinceResume(cell.id());
        return await(() -> store.startCall(job.id(), cell.id(), call.count(), sourceId,
                sequence -> DiversityLevers.choose(levers, job.spec().randomSeed(), sequence, counts.duplicates(),
                        counts.accepted() + counts.rejected() + counts.duplicates(), Personas.library(), digests),
                (sequence, chosen) -> PromptBuilder.build(job.spec(), cell, sequence, call.count(), toEvolve,
                        chosen, seedsSetAside(job))));
    }

    /** What a pilot call measured: the provider's token counts for the examples it kept. */
    public record Measured(PlanCell cell, GenerationPrompt prompt, long inputTokens, long outputTokens, int examples) {
    }

    /**
     * Calls made before the job is approved, so the estimate can be measured rather than guessed: made at once, then
     * booked in order with the job like any other and their candidates stored unsent; they go out when the job
     * generates (a cancelled job keeps the cost and sends nothing).
     */
    public List<Measured> pilot(JobState job, List<NextCalls.Call> pilots) throws Exception {
        List<GenerationPrompt> prompts = new ArrayList<>();
        for (NextCalls.Call call : pilots) {
            // nothing of the job exists yet to evolve: a hard cell's pilot evolves a seed, so it measures what the
            // cell's evolving calls will cost
            List<Conversation> shown = shownSeeds(job);
            Conversation seed = call.evolve() && !shown.isEmpty() ? shown.get(prompts.size() % shown.size()) : null;
            prompts.add(start(job, call, null, seed));
        }
        List<Future<CallResult>> calls = new ArrayList<>();
        for (GenerationPrompt prompt : prompts) {
            calls.add(workers.submit(() -> call(job, prompt)));
        }
        List<Measured> measured = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            CallResult result = calls.get(i).get();
            List<Candidate> kept = book(job, result);
            measured.add(new Measured(job.cell(pilots.get(i).cellId()), prompts.get(i),
                    result.record().inputTokens(), result.record().outputTokens(), kept.size()));
        }
        return measured;
    }

    /** The calls a crash interrupted, with exactly the prompts they were started with. */
    public List<GenerationPrompt> resumed(JobState job, List<JobStore.PendingCall> interrupted) {
        List<GenerationPrompt> prompts = new ArrayList<>();
        for (JobStore.PendingCall pending : interrupted) {
            Conversation toEvolve = null;
            if (pending.evolveFrom() != null) {
                Candidate source = await(() -> store.candidate(pending.evolveFrom()));
                toEvolve = source == null ? null : source.conversation();
            }
            prompts.add(PromptBuilder.build(job.spec(), job.cell(pending.cell()), pending.callSequence(),
                    pending.count(), toEvolve, pending.levers(), seedsSetAside(job)));
        }
        return prompts;
    }

    /**
     * Makes one call on a worker and, once it is answered, books it and hands its candidates on while holding
     * {@code booking} (a job's calls are booked one at a time). Completes exceptionally when it was not booked (an
     * open circuit, a failed booking): the call stays pending and is resumed.
     */
    public CompletableFuture<Void> launch(JobState job, GenerationPrompt prompt, Lock booking,
            BookedCandidates booked) {
        return CompletableFuture.runAsync(() -> {
            try {
                CallResult result = call(job, prompt);
                booking.lock();
                try {
                    booked.accept(book(job, result));
                } finally {
                    booking.unlock();
                }
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, workers);
    }

    private record CallResult(JobStore.CallRecord record, CandidateFactory.TeacherCall call,
            List<Conversation> examples) {
    }

    /** The teacher model's prices: configured for it, its list price, or the default ({@link PricesConfig#table(String)}). */
    private PriceTable prices(JobState job) {
        return prices(job, false);
    }

    /** As above, through the provider's batch API at its share of the price when {@code batch}. */
    private PriceTable prices(JobState job, boolean batch) {
        return prices.table(job.spec().teacherModel(), batch);
    }

    /** The prompts of these pending calls, exactly as they were started (the batch lines of a round). */
    public List<GenerationPrompt> pendingPrompts(JobState job, java.util.Collection<Long> callSequences) {
        return resumed(job, await(() -> store.pendingCalls(job.id())).stream()
                .filter(p -> callSequences.contains(p.callSequence())).toList());
    }

    /**
     * Books an answer that came through the provider's batch API as a real-time answer is booked (kept in the
     * response cache first, parsed, its candidates stored unsent with the call closed), priced at batch prices.
     */
    public List<Candidate> bookBatchAnswer(JobState job, GenerationPrompt prompt, TeacherAnswer answer) {
        await(() -> store.cacheAnswer(prompt.hash(), answer));
        double cost = prices(job, true).cost(answer.inputTokens(), answer.cachedInputTokens(), answer.outputTokens());
        return book(job, answered(job, prompt, answer, cost));
    }

    /** Books a call the batch API never answered, after its last attempt, as a failed real-time call is booked. */
    public void bookFailed(JobState job, GenerationPrompt prompt, String problem) {
        book(job, failed(job, prompt, problem));
    }

    private static CallResult failed(JobState job, GenerationPrompt prompt, String problem) {
        return new CallResult(new JobStore.CallRecord(prompt.callSequence(), job.spec().teacherModel(), prompt.hash(),
                0, 0, 0, 0, prompt.count(), "call failed: " + problem), null, List.of());
    }

    /** Books a call with its candidates, stored unsent, in one transaction. */
    private List<Candidate> book(JobState job, CallResult result) {
        List<Candidate> booked = await(() -> store.recordCall(job.id(), result.record(),
                first -> CandidateFactory.candidates(job.id(), job.spec(), first, result.examples(), result.call())));
        booked.stream().collect(java.util.stream.Collectors.groupingBy(Candidate::cell))
                .forEach((cell, ofCell) -> latest(job.id(), cell).booked(ofCell));
        return booked;
    }

    private LatestCandidates latest(String jobId, String cellId) {
        return latest.computeIfAbsent(new CellKey(jobId, cellId), key -> new LatestCandidates(DIGEST_POOL));
    }

    private CallResult call(JobState job, GenerationPrompt prompt) throws InterruptedException {
        long callSequence = prompt.callSequence();
        callSlots.acquire();
        long started = System.nanoTime();
        try {
            JobStore.StoredAnswer cached = await(() -> store.cachedAnswer(prompt.hash()));
            TeacherAnswer answer;
            double cost;
            if (cached != null) {
                answer = cached.answer();
                // paid once: booked again only if the crash came before it was booked
                cost = cached.booked() ? 0
                        : prices(job).cost(answer.inputTokens(), answer.cachedInputTokens(), answer.outputTokens());
            } else {
                int turns = PromptBuilder.turns(job.spec(), job.cell(prompt.cellId()), callSequence);
                answer = teacher.generate(job.spec().teacherLlm(), prompt,
                        (long) Math.ceil(prompt.count() * outputPerExample(job, turns) * 1.5));
                await(() -> store.cacheAnswer(prompt.hash(), answer));
                cost = prices(job).cost(answer.inputTokens(), answer.cachedInputTokens(), answer.outputTokens());
            }
            CallResult result = answered(job, prompt, answer, cost);
            LOG.debugf("Teacher call %d of job %s for %s: %d of %d examples in %d ms", callSequence, job.id(),
                    prompt.cellId(), result.examples().size(), prompt.count(),
                    (System.nanoTime() - started) / 1_000_000);
            return result;
        } catch (CircuitBreakerOpenException e) {
            throw e;
        } catch (RuntimeException e) {
            // a provider may echo the key back in its error: the message is masked before it is logged or stored
            String message = Secrets.redact(e.getMessage());
            LOG.warnf("Teacher call %d of job %s failed: %s", callSequence, job.id(), message);
            return failed(job, prompt, e.getClass().getSimpleName() + ": " + message);
        } finally {
            callSlots.release();
        }
    }

    /** An answer, real-time or from a batch, parsed into the call's record and examples; {@code cost} 0: paid before. */
    private CallResult answered(JobState job, GenerationPrompt prompt, TeacherAnswer answer, double cost) {
        long callSequence = prompt.callSequence();
        GeneratedExamples parsed = GeneratedExamples.parse(answer.text(), job.spec().format());
        List<Conversation> examples = parsed.examples().size() > prompt.count()
                ? parsed.examples().subList(0, prompt.count())
                : parsed.examples();
        String problem = parsed.problem();
        if ("LENGTH".equals(answer.finishReason())) {
            problem = "answer cut off at the token limit" + (problem == null ? "" : "; " + problem);
        }
        if (problem != null) {
            LOG.warnf("Teacher call %d of job %s: %s", callSequence, job.id(), problem);
        }
        long input = cost == 0 ? 0 : answer.inputTokens();
        long output = cost == 0 ? 0 : answer.outputTokens();
        return new CallResult(
                new JobStore.CallRecord(callSequence, answer.model(), prompt.hash(), input,
                        cost == 0 ? 0 : answer.cachedInputTokens(), output, cost, prompt.count(), problem),
                new CandidateFactory.TeacherCall(answer.model(), prompt, input, output, cost), examples);
    }

    /** The seeds the plan keeps from the teacher: those that break the job's rules ({@link SeedRules}). */
    private static Set<Integer> seedsSetAside(JobState job) {
        return job.plan() == null ? Set.of() : Set.copyOf(job.plan().seedsSetAside());
    }

    private static List<Conversation> shownSeeds(JobState job) {
        Set<Integer> setAside = seedsSetAside(job);
        List<Conversation> shown = new ArrayList<>();
        for (int i = 0; i < job.spec().seeds().size(); i++) {
            if (!setAside.contains(i)) {
                shown.add(job.spec().seeds().get(i));
            }
        }
        return shown;
    }

    /** An earlier example of the same axis values but simpler complexity, to evolve into a harder one. */
    private Candidate evolutionSource(JobState job, PlanCell cell, int offset) {
        List<String> simpler = job.plan().cells().stream()
                .filter(c -> NextCalls.simplerSibling(c, cell))
                .map(PlanCell::id).toList();
        if (simpler.isEmpty()) {
            return null;
        }
        List<Candidate> pool = await(() -> store.candidatesOf(job.id(), simpler, EVOLVE_POOL));
        return EvolutionSource.choose(pool, cell.id(), job.callsMade() + offset);
    }

    /**
     * The job's seeds' average tokens per turn, which size each call's reservation of the rate limit's tokens and its estimate:
     * measured again when a resume changed the seeds, so longer seeds are not under-reserved and under-estimated.
     */
    double seedTokens(JobState job) {
        return measuredSeeds(job).tokens();
    }

    /** What the teacher is expected to write per example of {@code turns} turns: the seeds' length and any trace. */
    double outputPerExample(JobState job, double turns) {
        SeedTokens seeds = measuredSeeds(job);
        return CostEstimator.outputPerExample(turns, seeds.tokens(), seeds.extraTokens());
    }

    private SeedTokens measuredSeeds(JobState job) {
        List<Conversation> seeds = job.spec().seeds();
        return seedTokens.compute(job.id(), (id, known) -> known != null && known.seeds().equals(seeds)
                && known.format() == job.spec().format() ? known
                        : new SeedTokens(seeds, job.spec().format(),
                                CostEstimator.seedTokensPerTurn(seeds, job.spec().format()),
                                CostEstimator.extraTokensPerExample(job.spec())));
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
