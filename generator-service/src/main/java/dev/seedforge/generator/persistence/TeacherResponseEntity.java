package dev.seedforge.generator.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * Teacher answers keyed by the hash of their prompt and parameters: an identical call is answered from here, and an
 * answer that arrived just before a crash is not paid for again when the call is resumed.
 */
@Entity
@Table(name = TeacherResponseEntity.TABLE)
public class TeacherResponseEntity extends PanacheEntityBase {

    static final String TABLE = "teacher_response";

    @Id
    @Column(name = "prompt_hash")
    public String promptHash;

    @Column(columnDefinition = "text")
    public String text;

    public String model;

    @Column(name = "input_tokens")
    public long inputTokens;

    @Column(name = "cached_input_tokens")
    public long cachedInputTokens;

    @Column(name = "output_tokens")
    public long outputTokens;

    @Column(name = "finish_reason")
    public String finishReason;

    /** Whether its cost is already in a job's books; a reuse of a booked answer costs nothing. */
    public boolean booked;

    @Column(name = "created_at")
    public Instant createdAt;
}
