package dev.seedforge.generator.persistence;

import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/**
 * A candidate as emitted, stored before it is sent: after a crash, unsent candidates are sent again with the same id
 * and content, and no paid call is made twice for them.
 */
@Entity
// (job, cell, sequence): a cell's latest candidates (the digests of every call) and a simpler cell's earliest (to
// evolve) are read through it without sorting the job's candidates
@Table(name = GeneratedCandidateEntity.TABLE, indexes = { @Index(name = "generated_candidate_job", columnList = "job_id, sent"),
        @Index(name = "generated_candidate_job_cell", columnList = "job_id, cell, sequence") })
public class GeneratedCandidateEntity extends PanacheEntityBase {

    static final String TABLE = "generated_candidate";

    @Id
    @Column(name = "candidate_id")
    public String candidateId;

    @Column(name = "job_id")
    public String jobId;

    public long sequence;

    /** Text: a cell's id holds its axis values, which a spec may write as whole sentences (personas). */
    @Column(columnDefinition = "text")
    public String cell;

    @Column(name = "candidate_json", columnDefinition = "text")
    public String candidateJson;

    public boolean sent;

    public static Uni<List<GeneratedCandidateEntity>> unsent(String jobId) {
        return list("jobId = ?1 and sent = false order by sequence", jobId);
    }

    /** Candidates emitted per plan cell. */
    public static Uni<java.util.Map<String, Long>> countByCell(String jobId) {
        return getSession().flatMap(session -> session.createSelectionQuery(
                "select cell, count(*) from GeneratedCandidateEntity where jobId = ?1 group by cell", Object[].class)
                .setParameter(1, jobId).getResultList())
                .map(rows -> {
                    java.util.Map<String, Long> counts = new java.util.HashMap<>();
                    rows.forEach(row -> counts.put((String) row[0], (Long) row[1]));
                    return counts;
                });
    }

    /** Earlier candidates of the given cells, oldest first: material for evolving harder examples. */
    public static Uni<List<GeneratedCandidateEntity>> ofCells(String jobId, List<String> cells, int limit) {
        return find("jobId = ?1 and cell in ?2 order by sequence", jobId, cells).page(0, limit).list();
    }

    public static Uni<List<GeneratedCandidateEntity>> latestOf(String jobId, String cell, int limit) {
        return find("jobId = ?1 and cell = ?2 order by sequence desc", jobId, cell).page(0, limit).list();
    }
}
