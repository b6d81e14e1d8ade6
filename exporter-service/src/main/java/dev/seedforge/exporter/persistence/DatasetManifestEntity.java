package dev.seedforge.exporter.persistence;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.Json;

/**
 * A finished job's dataset: where its files are, which names may be downloaded, its counts, gate and report. The
 * file list is the allow-list of the download endpoint.
 */
@Entity
@Table(name = "dataset_manifest")
public class DatasetManifestEntity extends PanacheEntityBase {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    @Id
    @Column(name = "job_id", length = 200)
    public String jobId;

    @Column(length = 200)
    public String name;

    /** An {@link ExampleFormat} id; enum columns are plain, see {@link ExportJobEntity#status}. */
    @Column(length = 16)
    public String format;

    /** A {@link JobStatus} name. */
    @Column(nullable = false, length = 16)
    public String status;

    /** Text: the job's reason (up to the generator's 4,000 characters) or a Hub push's problem. */
    @Column(columnDefinition = "text")
    public String reason;

    @Column(length = 1000)
    public String directory;

    @Column(name = "files_json", columnDefinition = "text")
    public String filesJson;

    @Column(name = "candidates_emitted")
    public long candidatesEmitted;

    public long outcomes;
    public long accepted;
    public long rejected;
    public long duplicates;

    @Column(name = "train_examples")
    public long trainExamples;

    @Column(name = "validation_examples")
    public long validationExamples;

    @Column(name = "gate_passed")
    public boolean gatePassed;

    @Column(name = "gate_failures_json", columnDefinition = "text")
    public String gateFailuresJson;

    @Column(name = "cost_usd")
    public double costUsd;

    @Column(name = "report_json", columnDefinition = "text")
    public String reportJson;

    @Column(name = "finished_at")
    public Instant finishedAt;

    public List<String> files() {
        return read(filesJson);
    }

    public void files(List<String> names) {
        filesJson = write(names);
    }

    public List<String> gateFailures() {
        return read(gateFailuresJson);
    }

    public void gateFailures(List<String> failures) {
        gateFailuresJson = write(failures);
    }

    public static Uni<List<DatasetManifestEntity>> newestFirst() {
        return list("order by finishedAt desc");
    }

    /** Stores the manifest, replacing the one of an earlier attempt. */
    public Uni<DatasetManifestEntity> save() {
        return Panache.getSession().chain(session -> session.merge(this));
    }

    private static List<String> read(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return Json.MAPPER.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable manifest list: " + json, e);
        }
    }

    private static String write(List<String> values) {
        try {
            return Json.MAPPER.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unwritable manifest list", e);
        }
    }
}
