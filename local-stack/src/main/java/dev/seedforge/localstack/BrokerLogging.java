package dev.seedforge.localstack;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the in-process broker and PostgreSQL at WARN. Kafka logs through SLF4J, which ends in java.util.logging both in
 * the runnable jar (slf4j-jdk14) and in Quarkus tests (JBoss LogManager), so setting these JUL levels is enough.
 */
final class BrokerLogging {

    /** The broker's own packages; the application's Kafka clients (org.apache.kafka.clients) are left alone. */
    static final List<String> CATEGORIES = List.of(
            "kafka",
            "state.change.logger",
            "org.apache.kafka.server",
            "org.apache.kafka.controller",
            "org.apache.kafka.raft",
            "org.apache.kafka.metadata",
            "org.apache.kafka.image",
            "org.apache.kafka.storage",
            "org.apache.kafka.snapshot",
            "org.apache.kafka.queue",
            "org.apache.kafka.coordinator",
            "org.apache.kafka.security",
            "org.apache.kafka.network",
            "org.apache.kafka.common.network",
            "org.apache.kafka.common.security",
            "org.apache.kafka.common.utils.AppInfoParser",
            "org.apache.kafka.clients.admin.AdminClientConfig",
            "io.zonky.test");

    /**
     * Shared with the application's Kafka clients, so only quiet while the stack itself works: the broker's 300-line
     * configuration dump and its admin clients' metrics chatter.
     */
    private static final List<String> SHARED_CATEGORIES = List.of(
            "org.apache.kafka.common.config.AbstractConfig",
            "org.apache.kafka.common.metrics.Metrics");

    /** JUL holds loggers weakly; a collected logger would forget its level. */
    private static final List<Logger> KEPT = new ArrayList<>();
    private static int quietSections;
    private static final List<Logger> QUIETED_FOR_SECTION = new ArrayList<>();

    private BrokerLogging() {
    }

    static synchronized void quiet() {
        if (!KEPT.isEmpty()) {
            return;
        }
        for (String category : CATEGORIES) {
            Logger logger = Logger.getLogger(category);
            if (logger.getLevel() == null) {
                logger.setLevel(Level.WARNING);
            }
            KEPT.add(logger);
        }
    }

    /** Runs the stack's own work with the categories it shares with applications also at WARN. */
    static <T> T quietly(Supplier<T> work) {
        quiet();
        enterQuietSection();
        try {
            return work.get();
        } finally {
            leaveQuietSection();
        }
    }

    private static synchronized void enterQuietSection() {
        if (quietSections++ == 0) {
            for (String category : SHARED_CATEGORIES) {
                Logger logger = Logger.getLogger(category);
                if (logger.getLevel() == null) {
                    logger.setLevel(Level.WARNING);
                    QUIETED_FOR_SECTION.add(logger);
                }
            }
        }
    }

    private static synchronized void leaveQuietSection() {
        if (--quietSections == 0) {
            QUIETED_FOR_SECTION.forEach(logger -> logger.setLevel(null));
            QUIETED_FOR_SECTION.clear();
        }
    }
}
