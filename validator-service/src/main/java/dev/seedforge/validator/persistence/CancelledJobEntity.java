package dev.seedforge.validator.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A job announced cancelled (or failed) on {@code job-events}: its judge batches are cancelled, no new round starts. */
@Entity
@Table(name = "cancelled_job")
public class CancelledJobEntity extends PanacheEntityBase {

    @Id
    @Column(name = "job_id")
    public String jobId;

    public String status;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;
}
