package dev.seedforge.dedup.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.DedupDecision;
import dev.seedforge.contracts.JobView;
import dev.seedforge.contracts.ValidatedCandidate;
import dev.seedforge.dedup.client.GeneratorClient;
import dev.seedforge.dedup.config.DedupConfig;

/**
 * Decides whether a validated candidate is unique within its job. The job's seeds are fetched from the generator the
 * first time the job is met, outside any transaction, so a slow generator never holds a database connection.
 */
@ApplicationScoped
public class DedupService {

    private final DecisionStore store;
    private final GeneratorClient generator;
    private final DedupConfig config;

    public DedupService(DecisionStore store, @RestClient GeneratorClient generator, DedupConfig config) {
        this.store = store;
        this.generator = generator;
        this.config = config;
    }

    public Uni<DedupDecision> decisionFor(ValidatedCandidate validated) {
        Candidate candidate = validated.candidate();
        if (!validated.verdict().accepted()) {
            return store.notChecked(candidate);
        }
        return store.stored(candidate.candidateId())
                .chain(stored -> stored != null ? Uni.createFrom().item(stored)
                        : ensureSeedsIndexed(candidate.jobId()).chain(
                                () -> store.decide(candidate, config.compare().of(candidate.conversation()))));
    }

    private Uni<Void> ensureSeedsIndexed(String jobId) {
        return store.seedsIndexed(jobId).chain(indexed -> indexed ? Uni.createFrom().voidItem()
                : generator.job(jobId).chain(job -> store.indexSeeds(jobId, seedTexts(jobId, job))));
    }

    private List<String> seedTexts(String jobId, JobView job) {
        if (job == null || job.spec() == null) {
            throw new IllegalStateException("the generator returned no spec for job " + jobId);
        }
        return job.spec().seeds().stream().map(seed -> config.compare().of(seed)).toList();
    }
}
