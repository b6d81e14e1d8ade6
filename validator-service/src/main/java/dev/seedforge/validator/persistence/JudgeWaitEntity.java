package dev.seedforge.validator.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A candidate of a batch-judged job that passed the cheap checks and waits for the judge's batch: its record was
 * acknowledged with no verdict, so this row is what carries it until its verdict is stored and sent on
 * {@code validated}. Keyed by candidate id, so a redelivered candidate changes nothing.
 */
@Entity
@Table(name = "judge_wait", indexes = { @Index(name = "judge_wait_job_id", columnList = "job_id"),
        @Index(name = "judge_wait_round_id", columnList = "round_id") })
public class JudgeWaitEntity extends PanacheEntityBase {

    @Id
    @Column(name = "candidate_id")
    public String candidateId;

    @Column(name = "job_id", nullable = false)
    public String jobId;

    /** Text: a cell's id holds its axis values, which a spec may write as whole sentences (personas). */
    @Column(columnDefinition = "text")
    public String cell;

    /** The candidate as it came (JSON), to build its judge prompt and to send it on with its verdict. */
    @Column(name = "candidate", columnDefinition = "text", nullable = false)
    public String candidate;

    @Column(name = "waiting_since", nullable = false)
    public Instant waitingSince;

    /** Rounds it was asked in without an answer (failed, expired). */
    public int attempts;

    /** The round that holds it now; null while it waits for one. */
    @Column(name = "round_id")
    public Long roundId;

    /** Its judge call in that round (the line's custom_id) and its index in the call's prompt. */
    @Column(name = "call_index")
    public Integer callIndex;

    public Integer position;

    /** Its verdict is stored; the row goes once the verdict is sent. */
    public boolean decided;

    /** The instance sending its verdict now, and until when (a lease another instance may take over after). */
    @Column(name = "sender")
    public String sender;

    @Column(name = "sending_until")
    public Instant sendingUntil;
}
