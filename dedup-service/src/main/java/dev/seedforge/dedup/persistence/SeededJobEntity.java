package dev.seedforge.dedup.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * Marks a job whose seeds are in the index, so that the generator is asked for them once per job, not after every
 * restart (and a job whose seeds all collapse to one fingerprint is still known as done).
 */
@Entity
@Table(name = "seeded_job")
public class SeededJobEntity extends PanacheEntityBase {

    @Id
    @Column(name = "job_id")
    public String jobId;

    public int seeds;

    @Column(name = "indexed_at", nullable = false)
    public Instant indexedAt;
}
