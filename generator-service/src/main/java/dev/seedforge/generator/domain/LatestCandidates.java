package dev.seedforge.generator.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import dev.seedforge.contracts.Candidate;

/**
 * One plan cell's latest candidates, newest first, which each call's "already have these" digests are drawn from:
 * read from the store once, then kept up to date from the calls this service books, instead of read and parsed
 * again for every call. Exact under concurrency: a booking that lands while the store is read waits for the read and
 * adds only what it did not see.
 */
public final class LatestCandidates {

    private final int size;
    private final ReentrantLock lock = new ReentrantLock();
    /** Newest first; null until first read from the store. */
    private List<Candidate> newestFirst;

    public LatestCandidates(int size) {
        this.size = size;
    }

    /** The latest candidates, newest first; {@code stored} (newest first) is asked once, on the first call. */
    public List<Candidate> get(Supplier<List<Candidate>> stored) {
        lock.lock();
        try {
            if (newestFirst == null) {
                List<Candidate> read = stored.get();
                newestFirst = List.copyOf(read.subList(0, Math.min(size, read.size())));
            }
            return newestFirst;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes in candidates of this cell just booked, oldest first. Before the first read nothing is kept: the read will
     * find them in the store. Those the read already found are not added twice.
     */
    public void booked(List<Candidate> oldestFirst) {
        lock.lock();
        try {
            if (newestFirst == null || oldestFirst.isEmpty()) {
                return;
            }
            Set<String> known = new HashSet<>();
            newestFirst.forEach(candidate -> known.add(candidate.candidateId()));
            List<Candidate> merged = new ArrayList<>(size);
            for (int i = oldestFirst.size() - 1; i >= 0 && merged.size() < size; i--) {
                if (!known.contains(oldestFirst.get(i).candidateId())) {
                    merged.add(oldestFirst.get(i));
                }
            }
            for (int i = 0; i < newestFirst.size() && merged.size() < size; i++) {
                merged.add(newestFirst.get(i));
            }
            newestFirst = List.copyOf(merged);
        } finally {
            lock.unlock();
        }
    }
}
