package dev.seedforge.validator.service;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.seedforge.contracts.JobSpec;
import dev.seedforge.support.specs.KnownJobs;
import dev.seedforge.validator.config.ValidatorConfig;
import dev.seedforge.validator.domain.CandidateValidator;

/**
 * A job's spec, as {@code job-specs} brought it ({@link KnownJobs}), and the checks compiled from it, kept so that
 * each job's are compiled once. Called from worker threads: a job whose spec has not arrived yet is waited for.
 */
@ApplicationScoped
public class JobChecks {

    /** A job's spec with its defaults filled, and the cheap checks compiled from it. */
    public record Compiled(JobSpec spec, CandidateValidator validator) {
    }

    private final KnownJobs known;
    private final Map<String, Compiled> byJob;

    public JobChecks(KnownJobs known, ValidatorConfig config) {
        this.known = known;
        int size = config.jobCacheSize();
        this.byJob = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Compiled> eldest) {
                return size() > size;
            }
        });
    }

    public Compiled forJob(String jobId) {
        Compiled compiled = byJob.get(jobId);
        if (compiled != null) {
            return compiled;
        }
        JobSpec spec = known.await(jobId).spec();
        compiled = new Compiled(spec, CandidateValidator.forJob(spec));
        byJob.put(jobId, compiled);
        return compiled;
    }
}
