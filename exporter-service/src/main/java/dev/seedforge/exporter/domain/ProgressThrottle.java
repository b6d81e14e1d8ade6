package dev.seedforge.exporter.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides when a job's progress goes out: at most once per interval per job, and never without the latest change.
 * Each progress record costs a count over the job's outcomes here and a generation pass in the generator, so one per
 * outcome made the exporter and the generator spend as much CPU as dedup's embeddings (bench/pipeline); a record is a
 * snapshot, so one every interval tells the generator as much. Time is given, not read, so the decisions are testable.
 */
public final class ProgressThrottle {

    private final Duration interval;
    /** When each job's progress last went out (jobs idle for an interval are forgotten by {@link #due}). */
    private final Map<String, Instant> lastSent = new HashMap<>();
    /** Jobs with a change not sent yet, in the order they changed. */
    private final Set<String> pending = new LinkedHashSet<>();
    /** Pending jobs whose caller was told when they fall due ({@link #dueAt}). */
    private final Set<String> timed = new HashSet<>();

    public ProgressThrottle(Duration interval) {
        if (interval == null || interval.isNegative()) {
            throw new IllegalArgumentException("exporter.progress-interval must be zero or positive, was " + interval);
        }
        this.interval = interval;
    }

    /**
     * A new outcome of the job at {@code now}: true when its progress is to be sent now (counted as sent), false when
     * it was sent less than an interval ago (the job is pending, and {@link #due} hands it out later).
     */
    public synchronized boolean changed(String jobId, Instant now) {
        Instant last = lastSent.get(jobId);
        if (last == null || !now.isBefore(last.plus(interval))) {
            lastSent.put(jobId, now);
            pending.remove(jobId);
            timed.remove(jobId);
            return true;
        }
        pending.add(jobId);
        return false;
    }

    /**
     * When the job's held-back change falls due, told once per hold (empty if nothing is held, or the caller was told
     * already): the caller sends it then rather than at its next sweep, so the change that ends a job does not wait
     * for a sweep's tick as well.
     */
    public synchronized Optional<Instant> dueAt(String jobId) {
        if (!pending.contains(jobId) || !timed.add(jobId)) {
            return Optional.empty();
        }
        return Optional.of(lastSent.get(jobId).plus(interval));
    }

    /** The pending jobs whose interval has passed at {@code now}, counted as sent; idle jobs are forgotten. */
    public synchronized List<String> due(Instant now) {
        List<String> due = new ArrayList<>();
        for (String jobId : pending) {
            if (!now.isBefore(lastSent.get(jobId).plus(interval))) {
                due.add(jobId);
            }
        }
        due.forEach(jobId -> {
            pending.remove(jobId);
            timed.remove(jobId);
            lastSent.put(jobId, now);
        });
        lastSent.entrySet().removeIf(e -> !pending.contains(e.getKey()) && !now.isBefore(e.getValue().plus(interval)));
        return due;
    }

    /** A job whose progress went out another way (e.g. after a reviewer's decision): nothing of it is pending. */
    public synchronized void sent(String jobId, Instant now) {
        pending.remove(jobId);
        timed.remove(jobId);
        lastSent.put(jobId, now);
    }
}
