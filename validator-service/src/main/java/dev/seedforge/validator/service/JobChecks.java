package dev.seedforge.validator.service;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobView;
import dev.seedforge.validator.client.GeneratorClient;
import dev.seedforge.validator.config.ValidatorConfig;
import dev.seedforge.validator.domain.CandidateValidator;

/**
 * A job's spec and its compiled checks, read from the generator the first time the job is met and kept (a spec never
 * changes once a job exists). Called from worker threads: the REST call blocks.
 */
@ApplicationScoped
public class JobChecks {

    /** A job's spec with its defaults filled, and the cheap checks compiled from it. */
    public record Compiled(JobSpec spec, CandidateValidator validator) {
    }

    private final GeneratorClient generator;
    private final Map<String, Compiled> byJob;

    public JobChecks(@RestClient GeneratorClient generator, ValidatorConfig config) {
        this.generator = generator;
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
        JobView job = generator.job(jobId);
        if (job == null || job.spec() == null) {
            throw new IllegalStateException("the generator returned no spec for job " + jobId);
        }
        JobSpec spec = job.spec().withDefaults();
        compiled = new Compiled(spec, CandidateValidator.forJob(spec));
        byJob.put(jobId, compiled);
        return compiled;
    }
}
