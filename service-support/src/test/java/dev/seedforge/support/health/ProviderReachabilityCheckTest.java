package dev.seedforge.support.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

class ProviderReachabilityCheckTest {

    record Config(boolean enabled, Duration timeout, Duration minInterval, Duration downAfter)
            implements
                ProviderCheckConfig {
    }

    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void aProviderAwayStaysUpUntilTheGracePeriodEndsAndComesBackUp() throws Exception {
        AtomicInteger status = new AtomicInteger(200);
        AtomicReference<String> authorization = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/models", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
        try {
            MovableClock clock = new MovableClock();
            ProviderReachabilityCheck check = new ProviderReachabilityCheck("teacher",
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/v1", "sk-key-for-probe",
                    new Config(true, Duration.ofSeconds(2), Duration.ZERO, Duration.ofMinutes(5)), clock) {
            };
            HealthCheckResponse up = check.call();
            assertEquals(HealthCheckResponse.Status.UP, up.getStatus());
            assertEquals(true, up.getData().orElseThrow().get("reachable"));
            assertEquals("Bearer sk-key-for-probe", authorization.get());

            status.set(503);
            HealthCheckResponse away = check.call();
            assertEquals(HealthCheckResponse.Status.UP, away.getStatus(), "a brief outage keeps it ready");
            assertEquals(false, away.getData().orElseThrow().get("reachable"));
            assertEquals("HTTP 503", away.getData().orElseThrow().get("error"));

            clock.now = clock.now.plus(Duration.ofMinutes(6));
            HealthCheckResponse long_ = check.call();
            assertEquals(HealthCheckResponse.Status.DOWN, long_.getStatus());
            assertFalse(long_.getData().orElseThrow().toString().contains("sk-key-for-probe"));

            status.set(200);
            assertEquals(HealthCheckResponse.Status.UP, check.call().getStatus());
        } finally {
            server.stop(0);
        }
    }
}
