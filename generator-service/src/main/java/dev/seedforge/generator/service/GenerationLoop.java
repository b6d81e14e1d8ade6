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

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.JobProgress;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.generator.config.GeneratorConfig;
import dev.seedforge.generator.domain.CandidateFactory;
import dev.seedforge.generator.domain.CandidateQuota;
import dev.seedforge.generator.domain.GeneratedExamples;
import dev.seedforge.generator.domain.GenerationPrompt;
import dev.seedforge.generator.domain.PriceTable;
import dev.seedforge.generator.domain.PromptBuilder;
import dev.seedforge.generator.llm.TeacherAnswer;
import dev.seedforge.generator.llm.TeacherClient;
import dev.seedforge.generator.messaging.PipelinePublisher;
import dev.seedforge.generator.persistence.JobEntity;
import dev.seedforge.generator.persistence.JobStore;

/**
 * Drives each generating job: asks the quota how many candidates are missing, calls the teacher for them, stores and
 * sends the candidates, and announces FINALIZING with the number emitted once the quota is met or the cap reached.
 * One pass per job at a time; passes are triggered by progress events and by a timer, which also resumes jobs after a
 * restart.
 */
@ApplicationScoped
public class GenerationLoop {

    private static final Logger LOG = Logger.getLogger(GenerationLoop.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    private final JobStore store;
    private final TeacherClient teacher;
    private final PipelinePublisher publisher;
    private final GeneratorConfig config;
    private final PriceTable prices;
    private final Semaphore callSlots;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
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
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    private void pass(String jobId) throws Exception {
        JobEntity job = await(() -> store.find(jobId));
        if (job == null || job.status != JobStatus.GENERATING) {
            return;
        }
        sendAll(await(() -> store.unsent(jobId)));
        JobSpec spec = JobStore.read(job.specJson, JobSpec.class);
        if (job.failedCallsInARow >= config.maxConsecutiveFailedCalls()) {
            end(jobId, JobStatus.FAILED, "the teacher gave no usable example in " + job.failedCallsInARow
                    + " calls in a row; see the generator's teacher_call log", job.candidatesEmitted);
            return;
        }
        JobProgress progress = job.progressJson == null ? null : JobStore.read(job.progressJson, JobProgress.class);
        CandidateQuota.Decision decision = CandidateQuota.next(spec.target(),
                progress == null ? 0 : progress.accepted(), progress == null ? 0 : progress.outcomes(),
                job.candidatesEmitted, spec.maxCandidates(), config.priorYield());
        if (decision.finish()) {
            end(jobId, JobStatus.FINALIZING, decision.reason(), job.candidatesEmitted);
            return;
        }
        if (decision.toGenerate() > 0) {
            generate(jobId, spec, decision.toGenerate());
        }
    }

    /** Calls the teacher concurrently for up to one round of calls, then books and sends the results in order. */
    private void generate(String jobId, JobSpec spec, int wanted) throws Exception {
        List<Integer> counts = new ArrayList<>();
        for (int left = wanted; left > 0 && counts.size() < config.maxConcurrentCalls(); left -= spec
                .examplesPerCall()) {
            counts.add(Math.min(left, spec.examplesPerCall()));
        }
        List<Future<CallResult>> calls = new ArrayList<>();
        for (int count : counts) {
            long callSequence = await(() -> store.allocateCall(jobId));
            GenerationPrompt prompt = PromptBuilder.build(spec, callSequence, count);
            calls.add(workers.submit(() -> call(spec, callSequence, prompt)));
        }
        for (Future<CallResult> future : calls) {
            CallResult result = future.get();
            List<Candidate> candidates = await(() -> store.recordCall(jobId, result.record(),
                    first -> CandidateFactory.candidates(jobId, spec, first, result.examples(), result.call())));
            sendAll(candidates);
        }
    }

    private record CallResult(JobStore.CallRecord record, CandidateFactory.TeacherCall call,
            List<Conversation> examples) {
    }

    private CallResult call(JobSpec spec, long callSequence, GenerationPrompt prompt) throws InterruptedException {
        callSlots.acquire();
        try {
            TeacherAnswer answer = teacher.generate(spec.teacherModel(), prompt);
            GeneratedExamples parsed = GeneratedExamples.parse(answer.text());
            List<Conversation> examples = parsed.examples().size() > prompt.count()
                    ? parsed.examples().subList(0, prompt.count())
                    : parsed.examples();
            double cost = prices.cost(answer.inputTokens(), answer.cachedInputTokens(), answer.outputTokens());
            String problem = parsed.problem();
            if ("LENGTH".equals(answer.finishReason())) {
                problem = "answer cut off at the token limit" + (problem == null ? "" : "; " + problem);
            }
            if (problem != null) {
                LOG.warnf("Teacher call %d for job %s: %s", callSequence, prompt.hash().substring(0, 8), problem);
            }
            return new CallResult(
                    new JobStore.CallRecord(callSequence, answer.model(), prompt.hash(), answer.inputTokens(),
                            answer.cachedInputTokens(), answer.outputTokens(), cost, prompt.count(), problem),
                    new CandidateFactory.TeacherCall(answer.model(), prompt, answer.inputTokens(),
                            answer.outputTokens(), cost),
                    examples);
        } catch (RuntimeException e) {
            LOG.warnf("Teacher call %d failed: %s", callSequence, e.getMessage());
            return new CallResult(new JobStore.CallRecord(callSequence, spec.teacherModel(), prompt.hash(), 0, 0, 0, 0,
                    prompt.count(), "call failed: " + e.getClass().getSimpleName() + ": " + e.getMessage()), null,
                    List.of());
        } finally {
            callSlots.release();
        }
    }

    private void sendAll(List<Candidate> candidates) throws Exception {
        if (candidates.isEmpty()) {
            return;
        }
        for (Candidate candidate : candidates) {
            publisher.candidate(candidate).await().atMost(SEND_TIMEOUT);
        }
        await(() -> store.markSent(candidates.stream().map(Candidate::candidateId).toList()));
    }

    private void end(String jobId, JobStatus status, String reason, long emitted) throws Exception {
        await(() -> store.setStatus(jobId, status, reason));
        publisher.jobEvent(jobId, status, reason, emitted).await().atMost(SEND_TIMEOUT);
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
