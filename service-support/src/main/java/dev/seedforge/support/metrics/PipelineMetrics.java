package dev.seedforge.support.metrics;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The pipeline's own counters, the same names in every service so that one dashboard reads all four stages:
 * candidates received, candidates sent on by outcome, rejections by reason code, and records that went to a
 * dead-letter topic. Prometheus names: {@code seedforge_candidates_received_total{stage}},
 * {@code seedforge_candidates_emitted_total{stage,outcome}}, {@code seedforge_candidates_rejected_total{stage,reason}},
 * {@code seedforge_records_failed_total{stage,channel}}.
 */
@ApplicationScoped
public class PipelineMetrics {

    public static final String RECEIVED = "seedforge.candidates.received";
    public static final String EMITTED = "seedforge.candidates.emitted";
    public static final String REJECTED = "seedforge.candidates.rejected";
    public static final String FAILED = "seedforge.records.failed";

    private final MeterRegistry registry;

    public PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void received(String stage) {
        Counter.builder(RECEIVED).description("candidates a stage received").tag("stage", stage).register(registry)
                .increment();
    }

    /** A candidate sent on, with its outcome at this stage (emitted, accepted, rejected, unique, duplicate, ...). */
    public void emitted(String stage, String outcome) {
        Counter.builder(EMITTED).description("candidates a stage sent on, by outcome").tag("stage", stage)
                .tag("outcome", outcome).register(registry).increment();
    }

    /** One reason a candidate was rejected (a candidate with three reasons counts three times). */
    public void rejected(String stage, String reason) {
        Counter.builder(REJECTED).description("rejection reasons by code").tag("stage", stage)
                .tag("reason", reason == null ? "unknown" : reason).register(registry).increment();
    }

    /** A record processing failed on (it goes to the channel's dead-letter topic). */
    public void failed(String stage, String channel) {
        Counter.builder(FAILED).description("records that could not be processed (sent to the dead-letter topic)")
                .tag("stage", stage).tag("channel", channel).register(registry).increment();
    }
}
