package dev.seedforge.generator.observability;

import jakarta.inject.Singleton;

import io.smallrye.common.annotation.Identifier;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.Topics;
import dev.seedforge.support.metrics.EmittedCandidates;
import dev.seedforge.support.metrics.PipelineMetrics;

/** Counts each candidate once the broker has it ({@code seedforge_candidates_emitted_total{stage="generator"}}). */
@Identifier(Topics.CANDIDATES)
@Singleton
public class CandidateMetricsInterceptor extends EmittedCandidates<Candidate> {

    static final String STAGE = "generator";

    public CandidateMetricsInterceptor(PipelineMetrics metrics) {
        super(metrics, STAGE, Topics.CANDIDATES, Candidate.class);
    }

    @Override
    protected void count(Candidate candidate) {
        metrics.emitted(stage, "emitted");
    }
}
