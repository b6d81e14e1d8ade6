package dev.seedforge.generator.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.CellProgress;
import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.JobProgress;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.Plan;
import dev.seedforge.contracts.PlanCell;
import dev.seedforge.generator.config.GeneratorConfig;
import dev.seedforge.generator.domain.CandidateFactory;
import dev.seedforge.generator.domain.CandidateQuota;
import dev.seedforge.generator.domain.CostEstimator;
import dev.seedforge.generator.domain.GeneratedExamples;
import dev.seedforge.generator.domain.GenerationPrompt;
import dev.seedforge.generator.domain.PriceTable;
import dev.seedforge.generator.domain.PromptBuilder;
import dev.seedforge.generator.llm.TeacherAnswer;
import dev.seedforge.generator.llm.TeacherClient;
import dev.seedforge.generator.messaging.PipelinePublisher;
import dev.seedforge.generator.persistence.JobEntity;
import dev.seedforge.generator.persistence.JobStore;
import dev.seedforge.generator.persistence.TeacherResponseEntity;

/**
 * Drives each generating job: resumes calls a crash interrupted, asks the quota how many candidates each plan cell
 * still needs, calls the teacher for them within the budget, stores and sends the candidates, and announces
 * FINALIZING with the number emitted once every quota is met, or the cap or budget is reached. One pass per job at a
 * time; passes are triggered by progress events and by a timer, which also resumes jobs after a restart.
 */
@ApplicationScoped
public class GenerationLoop {

    private static final Logger LOG = Logger.getLogger(GenerationLoop.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> HARD = List.of("complex", "edge_case");
    private static final int EVOLVE_POOL = 50;

    private final JobStore store;
    private final TeacherClient teacher;
    private final PipelinePublisher publisher;
    private final GeneratorConfig config;
    private final PriceTable prices;
    private final Semaphore callSlots;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    /** FINALIZING jobs whose event this process has sent. */
    private final java.util.Set<String> announced = ConcurrentHashMap.newKeySet();
    /** Jobs with a pass running; the value says whether another pass was asked for meanwhile. */
    private final Map<String, Boolean> running = new ConcurrentHashMap<>();

    public GenerationLoop(JobStore store, TeacherClient teacher, PipelinePublisher publisher, GeneratorConfig config) {
        this.store = store;
        this.teacher = teacher;
        this.publisher = publisher;
        this.config = config;
        this.prices = config.prices().table();
        this.callSlots = new Semaphore(config.maxConcurrentCalls());
    }

    public void trigger(String jobId) {
        if (running.putIfAbsent(jobId, false) != null) {
            running.put(jobId, true);
            return;
        }
        workers.submit(() -> {
            try {
                boolean again;
                do {
                    running.put(jobId, false);
                    pass(jobId);
                    again = running.get(jobId);
                } while (again);
            } catch (Exception e) {
                LOG.errorf(e, "Generation pass for job %s failed; the timer will try again", jobId);
            } finally {
                running.remove(jobId);
            }
        });
    }

    @Scheduled(every = "${generator.tick-every:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "1s")
    void resumeGeneratingJobs() {
        for (String jobId : await(() -> store.idsIn(JobStatus.GENERATING))) {
            trigger(jobId);
        }
        for (String jobId : await(() -> store.idsIn(JobStatus.FINALIZING))) {
            if (announced.add(jobId)) {
                reannounce(jobId);
            }
        }
    }

    /**
     * Sends a stored FINALIZING again, once per process: a crash between storing it and sending it would otherwise
     * leave the exporter waiting for a count it never gets. The exporter takes a repeated one as the same.
     */
    private void reannounce(String jobId) {
        try {
            JobEntity job = await(() -> store.find(jobId));
            if (job != null && job.status == JobStatus.FINALIZING) {
                publisher.jobEvent(jobId, JobStatus.FINALIZING, job.reason, job.candidatesEmitted).await()
                        .atMost(SEND_TIMEOUT);
            }
        } catch (RuntimeException e) {
            announced.remove(jobId);
            LOG.warnf("Could not announce FINALIZING of job %s again: %s; the timer will try again", jobId,
                    e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    /** What a pass works from: the job's spec and plan, read once. */
    private record Job(String id, JobSpec spec, Plan plan, double seedTokens) {

        PlanCell cell(String id) {
            return plan.cells().stream().filter(c -> c.id().equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no plan cell " + id));
        }
    }

    private void pass(String jobId) throws Exception {
        JobEntity entity = await(() -> store.find(jobId));
        if (entity == null || entity.status != JobStatus.GENERATING) {
            return;
        }
        sendAll(await(() -> store.unsent(jobId)));
        JobSpec spec = JobStore.read(entity.specJson, JobSpec.class);
        Job job = new Job(jobId, spec, JobStore.read(entity.planJson, Plan.class),
                CostEstimator.averageSeedTokens(spec.seeds()));
        if (entity.failedCallsInARow >= config.maxConsecutiveFailedCalls()) {
            end(jobId, JobStatus.FAILED, "the teacher gave no usable example in " + entity.failedCallsInARow
                    + " calls in a row; see the generator's teacher_call log", entity.candidatesEmitted);
            return;
        }
        try {
            List<GenerationPrompt> resumed = new ArrayList<>();
            for (JobStore.PendingCall pending : await(() -> store.pendingCalls(jobId))) {
                resumed.add(rebuild(job, pending));
            }
            if (!resumed.isEmpty()) {
                LOG.infof("Job %s: resuming %d interrupted teacher calls", jobId, resumed.size());
                runCalls(job, resumed);
            }
            planAndRun(job);
        } catch (CircuitBreakerOpenException e) {
            await(() -> store.setReason(jobId, "paused: the teacher keeps failing (circuit open); retrying"
                    + " automatically"));
            LOG.warnf("Job %s paused: the teacher's circuit breaker is open", jobId);
        }
    }

    private void planAndRun(Job job) throws Exception {
        JobEntity entity = await(() -> store.find(job.id()));
        JobProgress progress = entity.progressJson == null ? null
                : JobStore.read(entity.progressJson, JobProgress.class);
        Map<String, Long> emitted = await(() -> store.emittedPerCell(job.id()));
        List<CandidateQuota.CellState> states = new ArrayList<>();
        for (PlanCell cell : job.plan().cells()) {
            CellProgress counts = progress == null ? null : progress.cells().get(cell.id());
            states.add(new CandidateQuota.CellState(cell, counts == null ? 0 : counts.accepted(),
                    counts == null ? 0 : counts.accepted() + counts.rejected() + counts.duplicates(),
                    emitted.getOrDefault(cell.id(), 0L)));
        }
        boolean countedPerCell = progress == null
                || job.plan().cells().stream().anyMatch(cell -> progress.cells().containsKey(cell.id()));
        CandidateQuota.Decision decision = countedPerCell
                ? CandidateQuota.next(states, job.spec().maxCandidates(), config.priorYield(),
                        job.spec().examplesPerCall())
                : CandidateQuota.nextByTotals(job.plan().cells(), emitted, progress.accepted(), progress.outcomes(),
                        job.spec().maxCandidates(), config.priorYield());
        if (decision.finish()) {
            end(job.id(), JobStatus.FINALIZING, decision.reason(), entity.candidatesEmitted);
            return;
        }
        List<GenerationPrompt> calls = new ArrayList<>();
        double committed = spent(job, entity);
        String budgetStop = null;
        for (Map.Entry<String, Integer> wanted : decision.toGenerate().entrySet()) {
            PlanCell cell = job.cell(wanted.getKey());
            for (int left = wanted.getValue(); left > 0 && calls.size() < config.maxConcurrentCalls(); left -= job
                    .spec().examplesPerCall()) {
                int count = Math.min(left, job.spec().examplesPerCall());
                Candidate source = HARD.contains(cell.complexity()) ? evolutionSource(job, cell, calls.size()) : null;
                Conversation toEvolve = source == null ? null : source.conversation();
                String evolveFrom = source == null ? null : source.candidateId();
                GenerationPrompt prompt = PromptBuilder.build(job.spec(), cell, entity.callsMade + calls.size() + 1,
                        count, toEvolve);
                double estimate = CostEstimator.callCost(prompt, job.seedTokens(), PromptBuilder.turns(job.spec(),
                        cell, 0), prices);
                if (job.spec().budgetUsd() != null && committed + estimate > job.spec().budgetUsd()) {
                    budgetStop = String.format(java.util.Locale.ROOT, "budget of $%.4f reached: $%.4f spent or"
                            + " committed, the next call would cost about $%.4f", job.spec().budgetUsd(), committed,
                            estimate);
                    break;
                }
                committed += estimate;
                calls.add(await(() -> store.startCall(job.id(), cell.id(), count, evolveFrom,
                        sequence -> PromptBuilder.build(job.spec(), cell, sequence, count, toEvolve))));
            }
        }
        if (calls.isEmpty() && budgetStop != null) {
            long inFlight = states.stream().mapToLong(s -> Math.max(s.emitted() - s.outcomes(), 0)).sum();
            if (inFlight == 0) {
                end(job.id(), JobStatus.FINALIZING, budgetStop, entity.candidatesEmitted);
            }
            return;
        }
        runCalls(job, calls);
    }

    /** Spent so far: the teacher's actual cost plus the judge's estimated cost of what was emitted. */
    private static double spent(Job job, JobEntity entity) {
        double judgePerCandidate = 0;
        if (job.plan().estimate() != null && job.plan().estimate().teacherCalls() > 0) {
            judgePerCandidate = job.plan().estimate().judgeUsd()
                    / (job.plan().estimate().teacherCalls() * (double) job.spec().examplesPerCall());
        }
        return entity.generationCostUsd + entity.candidatesEmitted * judgePerCandidate;
    }

    /** An earlier example of the same axis values but simpler complexity, to evolve into a harder one. */
    private Candidate evolutionSource(Job job, PlanCell cell, int offset) {
        List<String> simpler = job.plan().cells().stream()
                .filter(c -> !HARD.contains(c.complexity()) && c.axes().equals(cell.axes())).map(PlanCell::id)
                .toList();
        if (simpler.isEmpty()) {
            return null;
        }
        List<Candidate> pool = await(() -> store.candidatesOf(job.id(), simpler, EVOLVE_POOL));
        if (pool.isEmpty()) {
            return null;
        }
        return pool.get(Math.floorMod(cell.id().hashCode() + offset, pool.size()));
    }

    private GenerationPrompt rebuild(Job job, JobStore.PendingCall pending) {
        Conversation toEvolve = null;
        if (pending.evolveFrom() != null) {
            Candidate source = await(() -> store.candidate(pending.evolveFrom()));
            toEvolve = source == null ? null : source.conversation();
        }
        return PromptBuilder.build(job.spec(), job.cell(pending.cell()), pending.callSequence(), pending.count(),
                toEvolve);
    }

    /** Runs calls concurrently, then books and sends their results in order. */
    private void runCalls(Job job, List<GenerationPrompt> prompts) throws Exception {
        List<Future<CallResult>> calls = new ArrayList<>();
        for (GenerationPrompt prompt : prompts) {
            calls.add(workers.submit(() -> call(job, prompt)));
        }
        CircuitBreakerOpenException open = null;
        for (Future<CallResult> future : calls) {
            CallResult result;
            try {
                result = future.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof CircuitBreakerOpenException circuitOpen) {
                    open = circuitOpen;
                    continue;
                }
                throw e;
            }
            List<Candidate> candidates = await(() -> store.recordCall(job.id(), result.record(),
                    first -> CandidateFactory.candidates(job.id(), job.spec(), first, result.examples(),
                            result.call())));
            sendAll(candidates);
        }
        if (open != null) {
            throw open;
        }
    }

    private record CallResult(JobStore.CallRecord record, CandidateFactory.TeacherCall call,
            List<Conversation> examples) {
    }

    private CallResult call(Job job, GenerationPrompt prompt) throws InterruptedException {
        long callSequence = prompt.callSequence();
        callSlots.acquire();
        try {
            TeacherResponseEntity cached = await(() -> store.cachedAnswer(prompt.hash()));
            TeacherAnswer answer;
            double cost;
            if (cached != null) {
                answer = new TeacherAnswer(cached.text, cached.model, cached.inputTokens, cached.cachedInputTokens,
                        cached.outputTokens, cached.finishReason);
                // paid once: booked again only if the crash came before it was booked
                cost = cached.booked ? 0
                        : prices.cost(answer.inputTokens(), answer.cachedInputTokens(),
                                answer.outputTokens());
            } else {
                int turns = PromptBuilder.turns(job.spec(), job.cell(prompt.cellId()), callSequence);
                answer = teacher.generate(job.spec().teacherModel(), prompt,
                        (long) Math.ceil(prompt.count() * turns * job.seedTokens() * 1.5));
                await(() -> store.cacheAnswer(prompt.hash(), answer));
                cost = prices.cost(answer.inputTokens(), answer.cachedInputTokens(), answer.outputTokens());
            }
            GeneratedExamples parsed = GeneratedExamples.parse(answer.text());
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
        } catch (CircuitBreakerOpenException e) {
            throw e;
        } catch (RuntimeException e) {
            // a provider may echo the key back in its error: the message is masked before it is logged or stored
            String message = dev.seedforge.support.secrets.Secrets.redact(e.getMessage());
            LOG.warnf("Teacher call %d of job %s failed: %s", callSequence, job.id(), message);
            return new CallResult(new JobStore.CallRecord(callSequence, job.spec().teacherModel(), prompt.hash(), 0, 0,
                    0, 0, prompt.count(), "call failed: " + e.getClass().getSimpleName() + ": " + message),
                    null, List.of());
        } finally {
            callSlots.release();
        }
    }

    private void sendAll(List<Candidate> candidates) throws Exception {
        if (candidates.isEmpty()) {
            return;
        }
        // all handed to the producer at once (it keeps their order) and then awaited: the records of one call reach
        // the validator together, so the judge can score them in one batch
        List<Uni<Void>> sends = candidates.stream().map(publisher::candidate).toList();
        Uni.join().all(sends).andFailFast().await().atMost(SEND_TIMEOUT);
        await(() -> store.markSent(candidates.stream().map(Candidate::candidateId).toList()));
    }

    private void end(String jobId, JobStatus status, String reason, long emitted) throws Exception {
        await(() -> store.setStatus(jobId, status, reason));
        publisher.jobEvent(jobId, status, reason, emitted).await().atMost(SEND_TIMEOUT);
        if (status == JobStatus.FINALIZING) {
            announced.add(jobId);
        }
        LOG.infof("Job %s is %s after %d candidates: %s", jobId, status, emitted, reason);
    }

    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
