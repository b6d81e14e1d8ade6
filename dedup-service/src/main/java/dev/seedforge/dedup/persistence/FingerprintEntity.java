package dev.seedforge.dedup.persistence;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

import io.quarkus.hibernate.reactive.panache.PanacheEntity;

import dev.seedforge.dedup.domain.EmbeddingDuplicateDetector;
import dev.seedforge.dedup.domain.ExactDuplicateDetector;
import dev.seedforge.dedup.domain.MinHashDuplicateDetector;

/**
 * A kept example of a job (a unique candidate, a seed {@code seed:N}, a reference example
 * {@code reference:<name>:N}) with everything the detectors need to remember it: the exact fingerprint, the MinHash
 * signature and the embedding. The in-memory indexes are rebuilt from these rows.
 */
@Entity
@Table(name = "fingerprint", uniqueConstraints = @UniqueConstraint(name = "fingerprint_job_fingerprint", columnNames = {
        "job_id", "fingerprint" }))
public class FingerprintEntity extends PanacheEntity {

    @Column(name = "job_id", nullable = false)
    public String jobId;

    /** SHA-256 of the normalised compared text, hex. */
    @Column(nullable = false, length = 64)
    public String fingerprint;

    /** The candidate id, {@code seed:N} or {@code reference:<name>:N} that first had this fingerprint. */
    @Column(name = "origin_id", nullable = false)
    public String originId;

    /** 128 MinHash slots, big-endian ints; null when lexical dedup was off. */
    @Column(columnDefinition = "bytea")
    public byte[] minhash;

    /**
     * The main model's unit-length embedding, big-endian floats; null when semantic dedup was off or it does not read the
     * text's script.
     */
    @Column(columnDefinition = "bytea")
    public byte[] embedding;

    /** A mostly Chinese text's embedding by the model of Chinese texts; null for other texts. */
    @Column(name = "embedding_han", columnDefinition = "bytea")
    public byte[] embeddingHan;

    public static FingerprintEntity of(String jobId, String originId, Map<String, byte[]> fingerprints) {
        FingerprintEntity entity = new FingerprintEntity();
        entity.jobId = jobId;
        entity.originId = originId;
        entity.fingerprint = new String(fingerprints.get(ExactDuplicateDetector.NAME),
                java.nio.charset.StandardCharsets.UTF_8);
        entity.minhash = fingerprints.get(MinHashDuplicateDetector.NAME);
        entity.embedding = fingerprints.get(EmbeddingDuplicateDetector.NAME);
        entity.embeddingHan = fingerprints.get(EmbeddingDuplicateDetector.NAME_HAN);
        return entity;
    }

    public Map<String, byte[]> fingerprints() {
        Map<String, byte[]> fingerprints = new LinkedHashMap<>();
        fingerprints.put(ExactDuplicateDetector.NAME, fingerprint.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (minhash != null) {
            fingerprints.put(MinHashDuplicateDetector.NAME, minhash);
        }
        if (embedding != null) {
            fingerprints.put(EmbeddingDuplicateDetector.NAME, embedding);
        }
        if (embeddingHan != null) {
            fingerprints.put(EmbeddingDuplicateDetector.NAME_HAN, embeddingHan);
        }
        return fingerprints;
    }
}
