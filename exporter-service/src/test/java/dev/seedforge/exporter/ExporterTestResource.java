package dev.seedforge.exporter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives the exporter a temporary output directory, makes the finalization sweep run every two seconds and leaves held
 * progress to its timers (jobs' specs reach it on {@code job-specs}, as from the generator:
 * {@code KafkaTopics.sendJobSpec}). A WireMock stands in for the Hugging Face Hub for {@code export.hub} (tests
 * register its answers).
 */
public class ExporterTestResource implements QuarkusTestResourceLifecycleManager {

    private Path output;
    private WireMockServer hub;

    @Override
    public Map<String, String> start() {
        try {
            output = Files.createTempDirectory("exporter-datasets-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        hub = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        hub.start();
        return Map.of("exporter.output-dir", output.toString(),
                "exporter.finalize-retry-interval", "2s",
                // progress held back goes out by its own timer only: the sweep, a backstop, would hide a timer that
                // never fires
                "exporter.progress-sweep-interval", "1h",
                // the first job has 1 duplicate in 12 (0.083): the service-wide setting lets it pass
                "exporter.gate.max-duplicate-ratio", "0.10",
                // export.hub: a WireMock plays the Hugging Face Hub (ExporterHubTest)
                "hf.endpoint", hub.baseUrl(),
                "hf.token", ExporterHubTest.TOKEN);
    }

    @Override
    public void stop() {
        if (hub != null) {
            hub.stop();
        }
        if (output != null) {
            try (Stream<Path> paths = Files.walk(output)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temporary directory does not fail the build
            }
        }
    }
}
