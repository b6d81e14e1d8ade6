package dev.seedforge.dedup.domain;

import java.util.Optional;

import io.smallrye.mutiny.Uni;

/**
 * One way of telling that a text repeats an earlier example of the same job (exact fingerprints now; MinHash and
 * embeddings later). Each detector keeps its own index of what it has been told to remember.
 */
public interface DuplicateDetector {

    /** The earlier example of the job this text repeats, if any. */
    Uni<Optional<Match>> findMatch(String jobId, String text);

    /** Remembers a kept example (a unique candidate or a seed) under its origin id, for later comparisons. */
    Uni<Void> remember(String jobId, String originId, String text);
}
