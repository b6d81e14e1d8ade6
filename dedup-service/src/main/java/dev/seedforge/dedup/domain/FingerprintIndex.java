package dev.seedforge.dedup.domain;

import java.util.Optional;

import io.smallrye.mutiny.Uni;

/** Where the exact detector keeps fingerprints, per job. */
public interface FingerprintIndex {

    /** The origin id first stored with this fingerprint in the job. */
    Uni<Optional<String>> originOf(String jobId, String fingerprint);

    /** Stores a fingerprint unless the job already has it; the first origin stays. */
    Uni<Void> add(String jobId, String fingerprint, String originId);

    /** Drops the job's fingerprints from this index. */
    default void forget(String jobId) {
    }
}
