package dev.seedforge.simulator.service;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import dev.seedforge.simulator.domain.BatchQueue;

/**
 * Advances the open batches every 200 ms on one daemon thread, so that a batch's requests are answered while it is in
 * progress, not by the one poll that finds it due (which would then take seconds to answer).
 */
@Singleton
public class BatchTicker {

    private static final Logger LOG = Logger.getLogger(BatchTicker.class);
    private static final long PERIOD_MS = 200;

    private final BatchQueue batches;
    private ScheduledExecutorService scheduler;

    public BatchTicker(BatchQueue batches) {
        this.batches = batches;
    }

    void start(@Observes StartupEvent event) {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "batch-ticker");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::tick, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            batches.tick();
        } catch (RuntimeException e) {
            LOG.warnf(e, "batch tick failed; the next tick retries");
        }
    }

    @PreDestroy
    void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
