package dev.seedforge.dedup.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

import io.quarkus.hibernate.reactive.panache.PanacheEntity;

/** The fingerprint of a kept example of a job (a unique candidate, or a seed with origin {@code seed:N}). */
@Entity
@Table(name = "fingerprint", uniqueConstraints = @UniqueConstraint(name = "fingerprint_job_fingerprint", columnNames = {
        "job_id", "fingerprint" }))
public class FingerprintEntity extends PanacheEntity {

    @Column(name = "job_id", nullable = false)
    public String jobId;

    /** SHA-256 of the normalised compared text, hex. */
    @Column(nullable = false, length = 64)
    public String fingerprint;

    /** The candidate id, or {@code seed:N}, that first had this fingerprint. */
    @Column(name = "origin_id", nullable = false)
    public String originId;
}
