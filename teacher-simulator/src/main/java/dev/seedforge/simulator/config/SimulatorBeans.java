package dev.seedforge.simulator.config;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import dev.seedforge.contracts.tokens.TokenCounter;
import dev.seedforge.simulator.api.BatchAnswerer;
import dev.seedforge.simulator.domain.BatchQueue;
import dev.seedforge.simulator.domain.FaultInjector;
import dev.seedforge.simulator.domain.FileStore;
import dev.seedforge.simulator.domain.LatencyModel;
import dev.seedforge.simulator.domain.MessageBatches;
import dev.seedforge.simulator.domain.PromptCache;
import dev.seedforge.simulator.domain.RateLimiter;
import dev.seedforge.simulator.domain.TeacherSimulator;
import dev.seedforge.simulator.domain.UsageStats;

/** Wires the plain-Java simulator from the configuration. */
public class SimulatorBeans {

    private static final Logger LOG = Logger.getLogger(SimulatorBeans.class);

    @Produces
    @Singleton
    TeacherSimulator teacherSimulator(SimulatorConfig config) {
        return new TeacherSimulator(config.seed(), config.shares(), config.brokenJsonRate());
    }

    @Produces
    @Singleton
    FaultInjector faultInjector(SimulatorConfig config) {
        return new FaultInjector(config.seed(), config.faultRates());
    }

    @Produces
    @Singleton
    RateLimiter rateLimiter(SimulatorConfig config) {
        return new RateLimiter(config.effectiveRequestsPerMinute(), config.effectiveTokensPerMinute());
    }

    @Produces
    @Singleton
    LatencyModel latencyModel(SimulatorConfig config) {
        return config.latency();
    }

    @Produces
    @Singleton
    PromptCache promptCache() {
        return new PromptCache(new TokenCounter());
    }

    @Produces
    @Singleton
    FileStore fileStore(SimulatorConfig config) {
        return new FileStore(config.seed(), System::currentTimeMillis);
    }

    /** The Batch API answers each line with the real-time endpoint's own answer ({@link BatchAnswerer}). */
    @Produces
    @Singleton
    BatchQueue batchQueue(SimulatorConfig config, FileStore files, BatchAnswerer answerer) {
        return new BatchQueue(config.seed(), config.batchSettings(), files, answerer::answer,
                System::currentTimeMillis);
    }

    /** Anthropic's Message Batches, on the same queue: the same lifecycle, delay and failure rates. */
    @Produces
    @Singleton
    MessageBatches messageBatches(BatchQueue queue, FileStore files) {
        return new MessageBatches(queue, files);
    }

    @Produces
    @Singleton
    UsageStats usageStats() {
        return new UsageStats();
    }

    /**
     * Builds the simulator at boot, so that bad rates or an unknown profile fail the start, and loads the tokenizer
     * vocabulary (seconds) now rather than on the first request.
     */
    void warmUp(@Observes StartupEvent event, TeacherSimulator simulator, FaultInjector faults, RateLimiter limiter,
            LatencyModel latency, BatchQueue batches) {
        new TokenCounter().count("warm-up " + simulator.seed());
        LOG.infof("teacher simulator: seed=%d rpm=%d tpm=%d latency=%s faults=%s", simulator.seed(),
                limiter.requestsPerMinute(), limiter.tokensPerMinute(), latency, faults.rates());
        LOG.infof("batch api: %s", batches.settings());
    }
}
