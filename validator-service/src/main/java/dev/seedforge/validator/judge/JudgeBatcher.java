package dev.seedforge.validator.judge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.Verdict;
import dev.seedforge.support.messaging.ConsumerGuard;

/**
 * Gathers candidates of the same job into one judge call: a batch goes out when it holds the job's
 * {@code judge.batch_size} candidates, or after a short linger, so no record waits long for a batch to fill. A call
 * that fails for good never fails the batch's callers: each gets a {@code judge_unavailable} rejection, or, when so
 * configured, a {@link JudgeUnavailableException} so its record is nacked for redelivery.
 */
public class JudgeBatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(JudgeBatcher.class);

    /** Judges one batch of one job; returns one verdict per candidate, in order, or throws when it cannot. */
    @FunctionalInterface
    public interface BatchJudge {
        List<Verdict> judge(JobSpec spec, List<Candidate> batch) throws Exception;
    }

    /** The judge stayed unavailable and the configuration asks for the record to be retried rather than rejected. */
    public static class JudgeUnavailableException extends ConsumerGuard.DeadLetterNow {
        public JudgeUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record Item(Candidate candidate, CompletableFuture<Verdict> verdict) {
    }

    private static final class Batch {
        final JobSpec spec;
        final List<Item> items = new ArrayList<>();
        ScheduledFuture<?> linger;

        Batch(JobSpec spec) {
            this.spec = spec;
        }
    }

    private final BatchJudge judge;
    private final Duration linger;
    private final boolean failWhenUnavailable;
    private final ScheduledExecutorService timer;
    private final ExecutorService calls;
    private final Map<String, Batch> open = new HashMap<>();

    public JudgeBatcher(BatchJudge judge, Duration linger, boolean failWhenUnavailable, ScheduledExecutorService timer,
            ExecutorService calls) {
        this.judge = judge;
        this.linger = linger;
        this.failWhenUnavailable = failWhenUnavailable;
        this.timer = timer;
        this.calls = calls;
    }

    /** The verdict of the judge on this candidate, once its batch has been judged. */
    public CompletableFuture<Verdict> submit(JobSpec spec, Candidate candidate) {
        CompletableFuture<Verdict> verdict = new CompletableFuture<>();
        int batchSize = Math.max(1, spec.withDefaults().judge().batchSize());
        Batch full = null;
        synchronized (open) {
            Batch batch = open.get(candidate.jobId());
            if (batch == null) {
                batch = new Batch(spec);
                open.put(candidate.jobId(), batch);
                Batch scheduled = batch;
                batch.linger = timer.schedule(() -> flush(candidate.jobId(), scheduled), linger.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
            batch.items.add(new Item(candidate, verdict));
            if (batch.items.size() >= batchSize) {
                open.remove(candidate.jobId());
                batch.linger.cancel(false);
                full = batch;
            }
        }
        if (full != null) {
            dispatch(full);
        }
        return verdict;
    }

    /**
     * Sends the job's open batch to the judge now, full or not: nothing more of the job is on its way, so its linger
     * would only delay the verdicts.
     */
    public void flush(String jobId) {
        Batch batch;
        synchronized (open) {
            batch = open.remove(jobId);
        }
        if (batch != null) {
            batch.linger.cancel(false);
            dispatch(batch);
        }
    }

    private void flush(String jobId, Batch batch) {
        synchronized (open) {
            if (open.get(jobId) != batch) {
                return;
            }
            open.remove(jobId);
        }
        dispatch(batch);
    }

    private void dispatch(Batch batch) {
        calls.execute(() -> run(batch));
    }

    private void run(Batch batch) {
        List<Candidate> candidates = batch.items.stream().map(Item::candidate).toList();
        try {
            List<Verdict> verdicts = judge.judge(batch.spec, candidates);
            if (verdicts.size() != candidates.size()) {
                throw new IllegalStateException(
                        "the judge returned " + verdicts.size() + " verdicts for " + candidates.size() + " candidates");
            }
            for (int i = 0; i < verdicts.size(); i++) {
                batch.items.get(i).verdict().complete(verdicts.get(i));
            }
        } catch (Exception | Error e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.warnf("judge unavailable for %d candidates of job %s: %s", candidates.size(),
                    candidates.get(0).jobId(), why);
            for (Item item : batch.items) {
                if (failWhenUnavailable) {
                    item.verdict().completeExceptionally(new JudgeUnavailableException(why, e));
                } else {
                    item.verdict().complete(JudgeRuling.unavailable(why, 0));
                }
            }
        }
    }

    /** Judges what is still waiting, so no caller is left hanging on shutdown. */
    @Override
    public void close() {
        List<Batch> waiting;
        synchronized (open) {
            waiting = new ArrayList<>(open.values());
            open.clear();
        }
        waiting.forEach(batch -> {
            batch.linger.cancel(false);
            dispatch(batch);
        });
    }
}
