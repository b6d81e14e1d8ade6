package dev.seedforge.dedup.domain;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Each job's policy, shared by the detectors of a chain; a job never configured gets the default. */
public class JobPolicies {

    private final JobPolicy defaults;
    private final Map<String, JobPolicy> byJob = new ConcurrentHashMap<>();

    public JobPolicies(JobPolicy defaults) {
        this.defaults = defaults;
    }

    public JobPolicy defaults() {
        return defaults;
    }

    public JobPolicy of(String jobId) {
        return byJob.getOrDefault(jobId, defaults);
    }

    public void set(String jobId, JobPolicy policy) {
        byJob.put(jobId, policy);
    }

    public void forget(String jobId) {
        byJob.remove(jobId);
    }
}
