package dev.seedforge.exporter.api;

import java.time.Instant;
import java.util.List;

import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.exporter.persistence.DatasetManifestEntity;

/** A finished job's dataset as the API lists it. */
public record DatasetManifest(String jobId, String name, ExampleFormat format, JobStatus status, String reason,
        String directory, List<String> files, long candidatesEmitted, long outcomes, long accepted, long rejected,
        long duplicates, long trainExamples, long validationExamples, boolean gatePassed, List<String> gateFailures,
        double costUsd, Instant finishedAt) {

    static DatasetManifest of(DatasetManifestEntity e) {
        return new DatasetManifest(e.jobId, e.name, e.format == null ? null : ExampleFormat.fromId(e.format),
                e.status == null ? null : JobStatus.valueOf(e.status), e.reason, e.directory, e.files(),
                e.candidatesEmitted, e.outcomes, e.accepted, e.rejected, e.duplicates, e.trainExamples,
                e.validationExamples, e.gatePassed, e.gateFailures(), e.costUsd, e.finishedAt);
    }
}
