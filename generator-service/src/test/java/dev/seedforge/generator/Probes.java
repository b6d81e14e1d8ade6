package dev.seedforge.generator;

import static io.restassured.RestAssured.given;

import java.time.Duration;

import dev.seedforge.testsupport.PrometheusText;

/** Waiting for a condition, and reading a counter off {@code /q/metrics}. */
public final class Probes {

    private Probes() {
    }

    /** Retries {@code check} until it passes or {@code timeout} is over, then fails with its last error. */
    public static void eventually(Duration timeout, Runnable check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /**
     * The sum of a Prometheus series' samples whose labels include all of {@code labels}; 0 if none. Samples may carry
     * an exemplar (OpenMetrics, with tracing on).
     */
    public static double metric(String name, String... labels) {
        return PrometheusText.sum(given().when().get("/q/metrics").then().statusCode(200).extract().asString(), name,
                labels);
    }
}
