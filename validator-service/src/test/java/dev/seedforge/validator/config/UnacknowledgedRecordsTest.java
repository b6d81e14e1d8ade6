package dev.seedforge.validator.config;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.smallrye.config.WithDefault;

import dev.seedforge.contracts.Topics;

/**
 * A record of {@code candidates} is acknowledged only once its batch's verdicts are in, which may take the judge's
 * whole {@code max-wait} after the batch waited for a worker: the Kafka commit strategy must not take that for a stuck
 * consumer (it fails the channel and the group rebalances, sending verdicts again).
 */
class UnacknowledgedRecordsTest {

    @Test
    void theChannelToleratesTheJudgesLongestWaitAndTheQueueBeforeIt() throws Exception {
        Properties properties = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            assertNotNull(in, "the service's application.properties");
            properties.load(in);
        }
        String maxAge = properties.getProperty(
                "mp.messaging.incoming." + Topics.CANDIDATES + ".throttled.unprocessed-record-max-age.ms");
        assertNotNull(maxAge, "the candidates channel sets its unacknowledged records' max age (60 s by default)");
        Duration judgeMaxWait = Duration.parse("PT" + ValidatorConfig.Judge.class.getMethod("maxWait")
                .getAnnotation(WithDefault.class).value().toUpperCase());
        assertTrue(Duration.ofMillis(Long.parseLong(maxAge)).compareTo(judgeMaxWait.multipliedBy(2)) >= 0,
                "max age " + maxAge + " ms leaves a batch no room to wait for a worker and then " + judgeMaxWait
                        + " for its verdicts");
    }
}
