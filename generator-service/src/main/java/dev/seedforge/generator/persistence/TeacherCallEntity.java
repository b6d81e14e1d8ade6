package dev.seedforge.generator.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** The log of teacher calls: what each cost and what it yielded, failed calls included. */
@Entity
// a pass reads a job's pending calls and a booking finds its call: by job, not by a scan of every job's calls
@Table(name = TeacherCallEntity.TABLE, indexes = {
        @Index(name = "teacher_call_job_sequence", columnList = "job_id, call_sequence"),
        @Index(name = "teacher_call_job_status", columnList = "job_id, status") })
public class TeacherCallEntity extends PanacheEntityBase {

    static final String TABLE = "teacher_call";

    @Id
    @GeneratedValue
    public Long id;

    @Column(name = "job_id")
    public String jobId;

    @Column(name = "call_sequence")
    public long callSequence;

    /** PENDING from the moment a call is decided until its candidates are stored: what a restart resumes. */
    public String status;

    /** Text: a cell's id holds its axis values, which a spec may write as whole sentences (personas). */
    @Column(columnDefinition = "text")
    public String cell;

    @Column(name = "evolve_from")
    public String evolveFrom;

    /** The call's diversity levers (persona, digests, temperature, seed shift), to rebuild its prompt exactly. */
    @Column(name = "levers_json", columnDefinition = "text")
    public String leversJson;

    public String model;

    @Column(name = "prompt_hash")
    public String promptHash;

    @Column(name = "input_tokens")
    public long inputTokens;

    @Column(name = "cached_input_tokens")
    public long cachedInputTokens;

    @Column(name = "output_tokens")
    public long outputTokens;

    @Column(name = "cost_usd")
    public double costUsd;

    @Column(name = "examples_requested")
    public int examplesRequested;

    @Column(name = "examples_kept")
    public int examplesKept;

    @Column(length = 2000)
    public String problem;

    @Column(name = "called_at")
    public Instant calledAt;

    public static final String PENDING = "PENDING";
    public static final String DONE = "DONE";

    public static Uni<java.util.List<TeacherCallEntity>> pending(String jobId) {
        return list("jobId = ?1 and status = ?2 order by callSequence", jobId, PENDING);
    }
}
