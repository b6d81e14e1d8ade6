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

/**
 * Drives each generating job: sends what a crash left unsent, resumes interrupted calls, asks {@link NextCalls} what
 * to do next and carries it out through {@link TeacherCalls}, and announces the end. One pass per job at a time;
 * passes are triggered by progress events and by a timer, which also resumes jobs after a restart.
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
    /** Jobs with a pass running; the value says whether another pass was asked for meanwhile. */
    private final Map<String, Boolean> running = new ConcurrentHashMap<>();

    public GenerationLoop(JobStore store, TeacherCalls calls, PipelinePublisher publisher, GeneratorConfig config,
            BatchRounds batches) {
        this.store = store;
        this.batches = batches;
        this.calls = calls;
        this.publisher = publisher;
        this.config = config;
    }

    public void trigger(String jobId) {
        if (running.putIfAbsent(jobId, false) != null) {
            running.put(jobId, true);
            return;
        }
        passes.submit(() -> {
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

    private void pass(String jobId) throws Exception {
        JobState job = await(() -> store.state(jobId));
        if (job == null || job.status() != JobStatus.GENERATING) {
            return;
        }
        sendAll(await(() -> store.unsent(jobId)));
        if (batches.handles(job)) {
            // batch mode: rounds through the provider's batch API; the decisions it does not carry out come back here
            for (NextCalls.Decision decision : batches.pass(job, this::sendAll).stream().toList()) {
                act(await(() -> store.state(jobId)), decision);
            }
            return;
        }
        try {
            List<GenerationPrompt> interrupted = calls.interrupted(job);
            if (!interrupted.isEmpty()) {
                LOG.infof("Job %s: resuming %d interrupted teacher calls", jobId, interrupted.size());
                calls.run(job, interrupted, this::sendAll);
            }
            decideAndAct(await(() -> store.state(jobId)));
        } catch (CircuitBreakerOpenException e) {
            await(() -> store.setReason(jobId, "paused: the teacher keeps failing (circuit open); retrying"
                    + " automatically"));
            LOG.warnf("Job %s paused: the teacher's circuit breaker is open", jobId);
        }
    }

    private void decideAndAct(JobState job) throws Exception {
        act(job, NextCalls.decide(Situations.of(job, await(() -> store.emittedPerCell(job.id())), config),
                (cell, count) -> calls.estimate(job, cell, count)));
    }

    private void act(JobState job, NextCalls.Decision decision) throws Exception {
        switch (decision) {
            case NextCalls.Decision.Stop stop -> end(job.id(), stop.ending() == NextCalls.Ending.FAILED
                    ? JobStatus.FAILED
                    : JobStatus.FINALIZING, stop.reason(), job.candidatesEmitted());
            case NextCalls.Decision.Wait wait -> LOG.debugf("Job %s waits: %s", job.id(), wait.reason());
            case NextCalls.Decision.Pause pause -> {
                if (await(() -> store.pause(job.id(), pause.diagnosis()))) {
                    publisher.jobEvent(job.id(), JobStatus.PAUSED, pause.diagnosis(), job.candidatesEmitted()).await()
                            .atMost(SEND_TIMEOUT);
                    LOG.warnf("Job %s %s", job.id(), pause.diagnosis());
                }
            }
            case NextCalls.Decision.MakeCalls make -> {
                List<GenerationPrompt> prompts = new ArrayList<>();
                for (NextCalls.Call call : make.calls()) {
                    prompts.add(calls.start(job, call, prompts.size()));
                }
                calls.run(job, prompts, this::sendAll);
            }
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

    @PreDestroy
    void stop() {
        passes.shutdownNow();
    }
}
