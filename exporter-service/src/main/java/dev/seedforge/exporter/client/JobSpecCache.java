package dev.seedforge.exporter.client;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.JobSpec;

/**
 * Job specs fetched from the generator, kept per job until the job is finished: a spec does not change once the job
 * runs, and progress events need the target on every outcome.
 */
@ApplicationScoped
public class JobSpecCache {

    private final GeneratorClient generator;
    private final Map<String, JobSpec> specs = new ConcurrentHashMap<>();

    public JobSpecCache(@RestClient GeneratorClient generator) {
        this.generator = generator;
    }

    public Uni<JobSpec> spec(String jobId) {
        JobSpec cached = specs.get(jobId);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return generator.job(jobId).map(view -> {
            if (view == null || view.spec() == null) {
                throw new IllegalStateException("the generator served job " + jobId + " without a spec");
            }
            JobSpec spec = view.spec().withDefaults();
            specs.put(jobId, spec);
            return spec;
        });
    }

    public Optional<JobSpec> cached(String jobId) {
        return Optional.ofNullable(specs.get(jobId));
    }

    public void evict(String jobId) {
        specs.remove(jobId);
    }
}
