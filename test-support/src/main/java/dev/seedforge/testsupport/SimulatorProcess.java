package dev.seedforge.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.seedforge.contracts.Json;

/**
 * The project's teacher simulator, packaged, in its own JVM, as a test resource: the real Files and Batch APIs (and
 * Anthropic's Message Batches) the batch modes talk to. Init args become {@code -Dsimulator.*} settings
 * ({@code batch-completion-delay-ms}, {@code batch-expired-rate}, ...); {@link #configFor} says which of the service's
 * settings point at it (none here: tests name it in a job's spec). Needs {@code teacher-simulator/target/quarkus-app}:
 * build it first with {@code ./mvnw -q -pl teacher-simulator -am package -DskipTests}.
 */
public class SimulatorProcess implements QuarkusTestResourceLifecycleManager {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static String baseUrl;
    private Process process;
    private Map<String, String> settings = Map.of();

    @Override
    public void init(Map<String, String> initArgs) {
        settings = initArgs;
    }

    @Override
    public Map<String, String> start() {
        Path jar = Path.of("../teacher-simulator/target/quarkus-app/quarkus-run.jar").toAbsolutePath().normalize();
        if (!Files.exists(jar)) {
            throw new IllegalStateException("no packaged teacher simulator at " + jar
                    + ": build it first, ./mvnw -q -pl teacher-simulator -am package -DskipTests");
        }
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "-Xmx256m", "-XX:+UseSerialGC", "-Dquarkus.http.port=" + port));
            settings.forEach((key, value) -> command.add("-Dsimulator." + key + "=" + value));
            command.addAll(List.of("-jar", jar.toString()));
            Path log = Path.of("target", "simulator-" + port + ".log");
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            baseUrl = "http://localhost:" + port;
            Instant deadline = Instant.now().plusSeconds(90);
            while (stats() == null) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the teacher simulator did not start; see " + log);
                }
                Thread.sleep(200);
            }
            return configFor(baseUrl);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The service's settings that point at the simulator at {@code url}. */
    protected Map<String, String> configFor(String url) {
        return Map.of();
    }

    /** {@code GET /simulator/stats}, or null while it does not answer. */
    public static JsonNode stats() {
        return get("/simulator/stats");
    }

    /** {@code GET /v1/batches/{id}}. */
    public static JsonNode batch(String id) {
        return get("/v1/batches/" + id);
    }

    private static JsonNode get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Json.MAPPER.readTree(response.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
