package dev.seedforge.generator.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;

/**
 * Runs each job's passes one at a time: a trigger while a job's pass runs asks for one more pass after it (the
 * triggers meanwhile fold into that one), never a second pass beside it. Whether a trigger starts a pass or asks for
 * one, and whether an ending pass goes on or leaves, is decided in one atomic step per job: when a trigger could land
 * between a pass's last look and its leaving, the job stayed marked as running with no pass behind it, and it never
 * generated again (bench/pipeline's warm-up stopped at 1,120 of its 2,000 candidates, 5 December).
 */
final class JobPasses {

    /** One look at a job. */
    @FunctionalInterface
    interface Pass {
        void run(String jobId) throws Exception;
    }

    private final Executor executor;
    private final Pass pass;
    private final BiConsumer<String, Exception> failed;
    /** Jobs with a pass running; the value says whether another pass was asked for meanwhile. */
    private final Map<String, Boolean> running = new ConcurrentHashMap<>();

    /**
     * @param failed told of a pass that threw; the job's passes stop there until the next trigger (the timer's, at the
     *        latest), so a failing pass is not retried in a tight loop
     */
    JobPasses(Executor executor, Pass pass, BiConsumer<String, Exception> failed) {
        this.executor = executor;
        this.pass = pass;
        this.failed = failed;
    }

    /** Starts a pass of the job, or, when one runs, asks it for one more. */
    void trigger(String jobId) {
        if (running.merge(jobId, Boolean.FALSE, (runningPass, trigger) -> Boolean.TRUE)) {
            return;
        }
        try {
            executor.execute(() -> runPasses(jobId));
        } catch (RejectedExecutionException e) {
            running.remove(jobId);
            throw e;
        }
    }

    private void runPasses(String jobId) {
        boolean left = false;
        Exception failure = null;
        try {
            do {
                pass.run(jobId);
            } while (askedAgain(jobId));
            left = true;
        } catch (Exception e) {
            failure = e;
        } finally {
            if (!left) {
                running.remove(jobId);
            }
        }
        // told after the job left: a trigger from whoever hears of the failure starts a pass
        if (failure != null) {
            failed.accept(jobId, failure);
        }
    }

    /** Whether a pass of the job runs or is about to (tests wait on it). */
    boolean passing(String jobId) {
        return running.containsKey(jobId);
    }

    /** Clears a request that came during the pass and goes on; without one, the job leaves in the same step. */
    private boolean askedAgain(String jobId) {
        return running.computeIfPresent(jobId, (id, asked) -> asked ? Boolean.FALSE : null) != null;
    }
}
