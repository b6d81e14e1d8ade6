package dev.seedforge.dedup.domain;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each job's in-memory indexes were last used, and which have gone unused long enough to drop. A job's indexes
 * are rebuilt from the database the next time a candidate of it comes, so dropping an idle one loses nothing; without
 * this a long-lived dedup kept every job it ever met (about 3 KB per kept example) until the next rebalance.
 * Times are the caller's (milliseconds), so the rule is testable without a clock.
 */
public final class IdleJobs {

    private final Map<String, Long> lastUsed = new ConcurrentHashMap<>();

    /** The job's indexes were used at {@code now}. */
    public void used(String jobId, long now) {
        lastUsed.merge(jobId, now, Math::max);
    }

    /** Jobs unused for at least {@code maxIdle} at {@code now}: candidates for {@link #dropIfIdle}. */
    public List<String> idle(long now, long maxIdle) {
        return lastUsed.entrySet().stream().filter(e -> now - e.getValue() >= maxIdle).map(Map.Entry::getKey)
                .sorted().toList();
    }

    /**
     * Stops tracking the job and answers true if it is still unused for at least {@code maxIdle} at {@code now} (a
     * use since {@link #idle} keeps it); the caller then drops its indexes.
     */
    public boolean dropIfIdle(String jobId, long now, long maxIdle) {
        boolean[] dropped = { false };
        lastUsed.computeIfPresent(jobId, (id, at) -> {
            if (now - at >= maxIdle) {
                dropped[0] = true;
                return null;
            }
            return at;
        });
        return dropped[0];
    }

    /** Jobs tracked (their indexes are in memory, or were when last used). */
    public int size() {
        return lastUsed.size();
    }
}
