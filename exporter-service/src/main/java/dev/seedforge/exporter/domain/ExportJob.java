package dev.seedforge.exporter.domain;

import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.JobSpec;

/** What the export needs to know of a job: from its spec (served by the generator) and its FINALIZING event. */
public record ExportJob(String jobId, String name, ExampleFormat format, int target, double validationRatio,
        long randomSeed, long candidatesEmitted) {

    public static ExportJob of(String jobId, JobSpec spec, long candidatesEmitted) {
        JobSpec complete = spec.withDefaults();
        if (complete.format() == null || complete.target() == null) {
            throw new IllegalArgumentException("job " + jobId + ": the generator served a spec without format or target");
        }
        return new ExportJob(jobId, complete.name(), complete.format(), complete.target(),
                complete.validationRatio(), complete.randomSeed(), candidatesEmitted);
    }
}
