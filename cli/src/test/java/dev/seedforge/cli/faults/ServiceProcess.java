package dev.seedforge.cli.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.seedforge.cli.launch.ServiceJvm;

/**
 * One packaged service as its own JVM, started again with the same command, port and log after a kill -9, so a test
 * can crash it mid-job and bring it back as a supervisor would. The benchmarks under {@code bench/} launch the services
 * with it too.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);

    private final String name;
    private final String module;
    private final int port;
    private final String heap;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Path log;
    private Process process;
    private int starts;

    /** {@code module}: the service's Maven module, whose packaged app it runs. */
    public ServiceProcess(String name, String module, int port, String heap, Map<String, String> properties,
            Path log) {
        this.name = name;
        this.module = module;
        this.port = port;
        this.heap = heap;
        this.properties.putAll(properties);
        this.log = log;
    }

    public String name() {
        return name;
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    /** Changes a setting for the next start (e.g. the simulator's fault rates). */
    public void set(String key, String value) {
        properties.put(key, value);
    }

    public ServiceProcess start() throws IOException {
        List<String> command = ServiceJvm.service(ProcessHandle.current().info().command().orElse("java"), module, heap,
                port, properties.entrySet().stream().map(p -> "-D" + p.getKey() + "=" + p.getValue()).toList());
        Files.createDirectories(log.getParent());
        Files.writeString(log, "==== start " + (++starts) + " of " + name + " at " + Instant.now() + "\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().remove("OPENAI_API_KEY");
        process = builder.start();
        return this;
    }

    /** Waits until the service answers HTTP (its readiness check, or any answer where it has none). */
    public void awaitReady() throws InterruptedException {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        HttpRequest request = HttpRequest.newBuilder(base().resolve("/q/health/ready"))
                .timeout(Duration.ofSeconds(3)).GET().build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200 || status == 404) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " was not ready within " + READY_TIMEOUT + "; see " + log);
    }

    /** kill -9: no shutdown hook runs, nothing is flushed or committed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " (pid " + process.pid() + ") survived kill -9");
        }
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        dev.seedforge.cli.launch.ManagedProcess.stop(process);
    }
}
