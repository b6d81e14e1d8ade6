package dev.seedforge.exporter.client;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.Plan;

/**
 * Job specs and plans fetched from the generator, kept per job until the job is finished: neither changes once the job
 * runs, and progress events need the quotas on every outcome. A job seen before its plan was made is fetched again
 * until the plan is there.
 */
@ApplicationScoped
public class JobSpecCache {

    /** A job's complete spec and its plan ({@code null} while the generator has none). */
    public record KnownJob(JobSpec spec, Plan plan) {

        public boolean planned() {
            return plan != null && !plan.cells().isEmpty();
        }
    }

    private final GeneratorClient generator;
    private final Map<String, KnownJob> jobs = new ConcurrentHashMap<>();

    public JobSpecCache(@RestClient GeneratorClient generator) {
        this.generator = generator;
    }

    public Uni<JobSpec> spec(String jobId) {
        return job(jobId).map(KnownJob::spec);
    }

    /** The job as cached, or fetched when not cached or cached without a plan. */
    public Uni<KnownJob> job(String jobId) {
        KnownJob cached = jobs.get(jobId);
        if (cached != null && cached.planned()) {
            return Uni.createFrom().item(cached);
        }
        return generator.job(jobId).map(view -> {
            if (view == null || view.spec() == null) {
                throw new IllegalStateException("the generator served job " + jobId + " without a spec");
            }
            KnownJob known = new KnownJob(view.spec().withDefaults(), view.plan());
            jobs.put(jobId, known);
            return known;
        }).onFailure().recoverWithUni(e -> cached != null ? Uni.createFrom().item(cached)
                : Uni.createFrom().failure(e));
    }

    /** The job fetched anew (at finalization: the plan as the generator holds it last). */
    public Uni<KnownJob> fresh(String jobId) {
        KnownJob cached = jobs.get(jobId);
        if (cached != null && !cached.planned()) {
            jobs.remove(jobId);
        }
        return job(jobId);
    }

    public Optional<JobSpec> cached(String jobId) {
        return Optional.ofNullable(jobs.get(jobId)).map(KnownJob::spec);
    }

    public void evict(String jobId) {
        jobs.remove(jobId);
    }
}
