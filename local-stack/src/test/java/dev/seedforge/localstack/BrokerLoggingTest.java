package dev.seedforge.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

/** The stack quiets the broker for good but gives the loggers it shares with applications back afterwards. */
class BrokerLoggingTest {

    @Test
    void quietsSharedCategoriesOnlyWhileTheStackWorks() {
        Logger shared = Logger.getLogger("org.apache.kafka.common.config.AbstractConfig");
        Level during = BrokerLogging.quietly(() -> BrokerLogging.quietly(shared::getLevel));
        assertEquals(Level.WARNING, during);
        assertNull(shared.getLevel(), "inherits the application's level again");
        assertEquals(Level.WARNING, Logger.getLogger("kafka").getLevel());
    }
}
