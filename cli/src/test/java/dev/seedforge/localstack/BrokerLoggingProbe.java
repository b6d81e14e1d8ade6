package dev.seedforge.localstack;

import org.slf4j.LoggerFactory;

/**
 * Run in a JVM of its own by {@code ServiceJvmTest} with a benchmark's system properties: quiets the broker's loggers as
 * the local stack does and prints whether Kafka's request logger, which formats every request and response as JSON at
 * DEBUG, would still log.
 */
public final class BrokerLoggingProbe {

    private BrokerLoggingProbe() {
    }

    public static void main(String[] args) {
        BrokerLogging.quiet();
        System.out.println("kafka.request.logger debug=" + LoggerFactory.getLogger("kafka.request.logger").isDebugEnabled());
    }
}
