package dev.seedforge.dedup.domain;

import java.util.List;
import java.util.Optional;

import io.smallrye.mutiny.Uni;

/**
 * One way of telling that a text repeats an earlier example of the same job (exact fingerprints, MinHash,
 * embeddings). Each detector keeps its own index of what it has been told to remember; the index can be rebuilt from
 * the fingerprints it hands out, which is how a restarted service gets its memory back from the database.
 */
public interface DuplicateDetector {

    /** The earlier example of the job this text repeats, if any. */
    Uni<Optional<Match>> findMatch(String jobId, String text);

    /** Remembers a kept example (a unique candidate or a seed) under its origin id, for later comparisons. */
    Uni<Void> remember(String jobId, String originId, String text);

    /** The name under which this detector's fingerprints are stored. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** The method a decision names for this detector's matches and related neighbours. */
    default String method() {
        return name();
    }

    /** What this detector keeps of a text, as bytes to store; null when it keeps nothing that way. */
    default byte[] fingerprintOf(String text) {
        return null;
    }

    /** Puts a stored fingerprint back in the job's index, as {@link #remember} would have. */
    default void restore(String jobId, String originId, byte[] fingerprint) {
    }

    /** The job's kept examples nearest to this text, nearest first, at most {@code max}; empty if not measured. */
    default List<Neighbour> nearest(String jobId, String text, int max) {
        return List.of();
    }

    /** Drops the job's in-memory index (a rebalance, or a rebuild from the database follows). */
    default void forget(String jobId) {
    }
}
