package dev.seedforge.dedup.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A job whose seeds and reference sets are in the index, with the dedup settings it resolved to, so that the
 * generator is asked once per job, and a restarted service rebuilds the job from the database alone.
 */
@Entity
@Table(name = "seeded_job")
public class SeededJobEntity extends PanacheEntityBase {

    @Id
    @Column(name = "job_id")
    public String jobId;

    public int seeds;

    /** SHA-256 of the indexed seeds as JSON, to see that a resume changed them (null: indexed before it was kept). */
    @Column(name = "seeds_sha256", length = 64)
    public String seedsSha256;

    @Column(name = "indexed_at", nullable = false)
    public Instant indexedAt;

    /** user, assistant or whole. */
    public String compare;

    @Column(name = "lexical_threshold")
    public Double lexicalThreshold;

    @Column(name = "semantic_threshold")
    public Double semanticThreshold;

    @Column(name = "related_threshold")
    public Double relatedThreshold;

    /** Names of the reference sets to decontaminate against, comma-separated. */
    @Column(name = "decontaminate", length = 2000)
    public String decontaminate;
}
