package dev.seedforge.generator.service;

import static dev.seedforge.support.reactive.Blocking.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.generator.config.GeneratorConfig;
import dev.seedforge.generator.domain.GenerationPrompt;
import dev.seedforge.generator.domain.NextCalls;
import dev.seedforge.generator.messaging.PipelinePublisher;
import dev.seedforge.generator.persistence.JobState;
import dev.seedforge.generator.persistence.JobStore;
import dev.seedforge.support.lifecycle.ShutdownGate;

/**
 * Drives each generating job: sends what a crash left unsent, resumes interrupted calls, asks {@link NextCalls} what
 * to do next and carries it out through {@link TeacherCalls}, and announces the end. One pass per job at a time;
 * passes are triggered by progress events, by each call's booking and by a timer, which also resumes jobs after a
 * restart.
 */
@ApplicationScoped
public class GenerationLoop {

    private static final Logger LOG = Logger.getLogger(GenerationLoop.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    private final JobStore store;
    private final TeacherCalls calls;
    private final PipelinePublisher publisher;
    private final GeneratorConfig config;
    private final BatchRounds batches;
    private final ExecutorService passes = Executors.newVirtualThreadPerTaskExecutor();
    /** FINALIZING jobs whose event this process has sent. */
    private final Set<String> announced = ConcurrentHashMap.newKeySet();
    private final JobPasses jobPasses = new JobPasses(passes, this::pass, (jobId, e) -> LOG.errorf(e,
            "Generation pass for job %s failed; the timer will try again", jobId));
    /**
     * Jobs whose next pass looks for candidates stored but not sent: set by the timer (and so on the first pass after a
     * start), as a booking sends its own candidates and only a crash or a failed send leaves some behind.
     */
    private final Set<String> unsentSweepDue = ConcurrentHashMap.newKeySet();
    /** How many jobs generated at the last tick, for the in-flight cap ({@link NextCalls#inFlightCap}). */
    private volatile int jobsGenerating;
    /** Per job, the calls this process started and has not booked yet. */
    private final Map<String, Set<Long>> runningCalls = new ConcurrentHashMap<>();
    /** Per job, held while a call is booked and sent, and while a pass sends what is unsent. */
    private final Map<String, ReentrantLock> bookingLocks = new ConcurrentHashMap<>();
    private final ShutdownGate gate;

    public GenerationLoop(JobStore store, TeacherCalls calls, PipelinePublisher publisher, GeneratorConfig config,
            BatchRounds batches, ShutdownGate gate) {
        this.store = store;
        this.gate = gate;
        this.batches = batches;
        this.calls = calls;
        this.publisher = publisher;
        this.config = config;
    }

    public void trigger(String jobId) {
        jobPasses.trigger(jobId);
    }

    @Scheduled(every = "${generator.tick-every:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class, delayed = "1s")
    void resumeGeneratingJobs() {
        gate.run(this::resumeGenerating);
    }

    private void resumeGenerating() {
        List<String> generating = await(() -> store.idsIn(JobStatus.GENERATING));
        jobsGenerating = generating.size();
        for (String jobId : generating) {
            unsentSweepDue.add(jobId);
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
            JobState job = await(() -> store.state(jobId));
            if (job != null && job.status() == JobStatus.FINALIZING) {
                publisher.jobEvent(jobId, JobStatus.FINALIZING, job.reason(), job.candidatesEmitted()).await()
                        .atMost(SEND_TIMEOUT);
            }
        } catch (RuntimeException e) {
            announced.remove(jobId);
            LOG.warnf("Could not announce FINALIZING of job %s again: %s; the timer will try again", jobId,
                    e.getMessage());
        }
    }

    /**
     * One look at a job: sends what a crash or a failed send left unsent, resumes calls a crash interrupted, and
     * decides. Calls run on their own and trigger the next pass as each is booked, so a slot freed by a short call is
     * used at once rather than after the slowest call of its wave.
     */
    private void pass(String jobId) throws Exception {
        // taken before the pending calls are read: a call that is not in it and still pending was interrupted
        Set<Long> running = Set.copyOf(runningCalls(jobId));
        List<JobStore.PendingCall> pending = await(() -> store.pendingCalls(jobId));
        JobState job = await(() -> store.state(jobId));
        if (job == null || job.status() != JobStatus.GENERATING) {
            return;
        }
        if (unsentSweepDue.remove(jobId)) {
            sendUnsent(jobId);
        }
        if (batches.handles(job)) {
            // batch mode: rounds through the provider's batch API; the decisions it does not carry out come back here
            for (NextCalls.Decision decision : batches.pass(job, this::sendAll).stream().toList()) {
                act(await(() -> store.state(jobId)), decision, List.of());
            }
            return;
        }
        List<JobStore.PendingCall> interrupted = pending.stream()
                .filter(call -> !running.contains(call.callSequence())).toList();
        if (!interrupted.isEmpty()) {
            LOG.infof("Job %s: resuming %d interrupted teacher calls", jobId, interrupted.size());
            launch(job, calls.resumed(job, interrupted));
        }
        // the job (and its per-cell counts) was read after the pending calls: a call booked in between is counted
        // twice (one pass asks too little), never missed (one pass would ask too much)
        Map<String, Long> emitted = await(() -> store.emittedPerCell(job));
        decideAndAct(job, emitted, pending);
    }

    private void decideAndAct(JobState job, Map<String, Long> emitted, List<JobStore.PendingCall> pending)
            throws Exception {
        double pendingUsd = pending.stream()
                .mapToDouble(call -> calls.estimate(job, job.cell(call.cell()), call.count())).sum();
        NextCalls.Decision decision = NextCalls.decide(
                Situations.of(job, emitted, pending, pendingUsd, jobsGenerating, config),
                (cell, count) -> calls.estimate(job, cell, count));
        act(job, decision, pending);
    }

    /** Carries a decision out; {@code pending} are the job's calls still out (a stop waits for them). */
    private void act(JobState job, NextCalls.Decision decision, List<JobStore.PendingCall> pending)
            throws Exception {
        switch (decision) {
            case NextCalls.Decision.Stop stop when !pending.isEmpty() ->
                // the count a FINALIZING carries must be final: the calls still out are booked first
                LOG.debugf("Job %s waits for its %d calls in flight before it stops: %s", job.id(), pending.size(),
                        stop.reason());
            case NextCalls.Decision.Stop stop when stop.ending() == NextCalls.Ending.FAILED -> {
                String problem = await(() -> store.lastCallProblem(job.id()));
                end(job.id(), JobStatus.FAILED, stop.reason() + (problem == null ? "" : "; the last: " + problem),
                        job.candidatesEmitted());
            }
            case NextCalls.Decision.Stop stop -> end(job.id(), JobStatus.FINALIZING, stop.reason(),
                    job.candidatesEmitted());
            case NextCalls.Decision.Wait wait -> LOG.debugf("Job %s waits: %s", job.id(), wait.reason());
            case NextCalls.Decision.Pause pause -> {
                if (await(() -> store.pause(job.id(), pause.diagnosis()))) {
                    publisher.jobEvent(job.id(), JobStatus.PAUSED, pause.diagnosis(), job.candidatesEmitted()).await()
                            .atMost(SEND_TIMEOUT);
                    LOG.warnf("Job %s %s", job.id(), pause.diagnosis());
                }
            }
            case NextCalls.Decision.MakeCalls make -> {
                LOG.debugf("Job %s makes %s", job.id(), make.calls());
                List<GenerationPrompt> prompts = new ArrayList<>();
                for (NextCalls.Call call : make.calls()) {
                    prompts.add(calls.start(job, call, prompts.size()));
                }
                launch(job, prompts);
            }
        }
    }

    /**
     * Starts the calls; each is booked and its candidates sent as soon as it is answered, under the job's lock (one
     * booking of a job at a time, and a pass never sends what a booking is about to send), then triggers a pass.
     */
    private void launch(JobState job, List<GenerationPrompt> prompts) {
        Set<Long> running = runningCalls(job.id());
        for (GenerationPrompt prompt : prompts) {
            running.add(prompt.callSequence());
            calls.launch(job, prompt, lockOf(job.id()), sent -> sendAll(sent, running.size() <= 1))
                    .whenComplete((booked, error) -> {
                        running.remove(prompt.callSequence());
                        if (error != null) {
                            failed(job.id(), prompt.callSequence(), error);
                        }
                        trigger(job.id());
                    });
        }
    }

    /** A call that was not booked stays pending: the next pass resumes it with the same prompt. */
    private void failed(String jobId, long callSequence, Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause()
                : error;
        if (cause instanceof CircuitBreakerOpenException) {
            LOG.warnf("Job %s paused: the teacher's circuit breaker is open", jobId);
            try {
                await(() -> store.setReason(jobId, "paused: the teacher keeps failing (circuit open); retrying"
                        + " automatically"));
            } catch (RuntimeException e) {
                LOG.warnf("Job %s: could not store the open circuit: %s", jobId, e.getMessage());
            }
        } else {
            LOG.warnf(cause, "Job %s: teacher call %d was not booked; the next pass resumes it", jobId, callSequence);
        }
    }

    private Set<Long> runningCalls(String jobId) {
        return runningCalls.computeIfAbsent(jobId, id -> ConcurrentHashMap.newKeySet());
    }

    private ReentrantLock lockOf(String jobId) {
        return bookingLocks.computeIfAbsent(jobId, id -> new ReentrantLock());
    }

    /** Under the job's lock, so candidates a booking is sending are not read as unsent and sent twice. */
    private void sendUnsent(String jobId) throws Exception {
        ReentrantLock lock = lockOf(jobId);
        lock.lock();
        try {
            sendAll(await(() -> store.unsent(jobId)));
        } finally {
            lock.unlock();
        }
    }

    private void sendAll(List<Candidate> candidates) throws Exception {
        sendAll(candidates, false);
    }

    /**
     * {@code nothingFollows}: no other call of the job is out (this call's own entry is the only one left in
     * {@link #runningCalls}), so the validator need not hold these for a fuller judge batch.
     */
    private void sendAll(List<Candidate> candidates, boolean nothingFollows) throws Exception {
        if (candidates.isEmpty()) {
            return;
        }
        // all handed to the producer at once (it keeps their order) and then awaited: the records of one call reach
        // the validator together, so the judge can score them in one batch
        List<Uni<Void>> sends = candidates.stream().map(c -> publisher.candidate(c, nothingFollows)).toList();
        Uni.join().all(sends).andFailFast().await().atMost(SEND_TIMEOUT);
        await(() -> store.markSent(candidates.stream().map(Candidate::candidateId).toList()));
    }

    private void end(String jobId, JobStatus status, String reason, long emitted) throws Exception {
        await(() -> store.setStatus(jobId, status, reason));
        publisher.jobEvent(jobId, status, reason, emitted).await().atMost(SEND_TIMEOUT);
        if (status == JobStatus.FINALIZING) {
            announced.add(jobId);
        }
        // no call of the job is out (a stop waits for them): its per-job entries would otherwise stay for good
        runningCalls.remove(jobId);
        bookingLocks.remove(jobId);
        calls.forget(jobId);
        LOG.infof("Job %s is %s after %d candidates: %s", jobId, status, emitted, reason);
    }

    @PreDestroy
    void stop() {
        passes.shutdownNow();
    }
}
