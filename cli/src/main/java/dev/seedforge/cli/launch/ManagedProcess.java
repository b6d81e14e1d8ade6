package dev.seedforge.cli.launch;

import java.io.IOException;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A child process of the command line, its output in a log file, stopped gently and then for good. */
public final class ManagedProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;

    private ManagedProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    public static ManagedProcess start(String name, List<String> command, Map<String, String> environment, Path log)
            throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(environment);
        return new ManagedProcess(name, builder.start(), log);
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for a line starting with {@code marker} in the output and returns it. */
    public String awaitLine(String marker, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<String> line = Files.readAllLines(log).stream().filter(l -> l.startsWith(marker)).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            failIfDead();
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " did not get ready within " + timeout.toSeconds() + " s; see " + log
                + "\n" + tail());
    }

    /** Waits until the service answers its readiness check (or any HTTP answer where it has none). */
    public void awaitReady(URI base, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/q/health/ready")).timeout(Duration.ofSeconds(3))
                .GET().build();
        while (Instant.now().isBefore(deadline)) {
            failIfDead();
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
        throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s; see " + log
                + "\n" + tail());
    }

    private void failIfDead() {
        exit().ifPresent(why -> {
            throw new IllegalStateException(why);
        });
    }

    /** Empty while the process runs; once it has exited, what a person needs: its exit code, what it means, its log. */
    public Optional<String> exit() {
        if (process.isAlive()) {
            return Optional.empty();
        }
        int code = process.exitValue();
        return Optional.of(name + " exited with code " + code + meaning(code) + "; see " + log + "\n" + tail()
                + crashSummary());
    }

    /** The summary that heads the JVM's crash report, when it crashed and wrote one beside its log. */
    private String crashSummary() {
        Path report = ServiceJvm.crashReport(log.getParent(), name, Long.toString(process.pid()));
        try {
            if (!Files.exists(report)) {
                return "";
            }
            List<String> summary;
            try (var lines = Files.lines(report)) {
                summary = lines.limit(40).filter(line -> line.startsWith("#")).toList();
            }
            return "\nits crash report, " + report + ":\n" + String.join("\n", summary);
        } catch (IOException | java.io.UncheckedIOException e) {
            return "\n(its crash report " + report + " could not be read: " + e.getMessage() + ")";
        }
    }

    /** What a JVM's exit code says of how it ended (128 + a signal's number for a signal). */
    static String meaning(int code) {
        return switch (code) {
            case 134 -> " (aborted: a JVM crash writes its report, hs_err_pid*.log, beside this log)";
            case 137 -> " (killed by SIGKILL: kill -9, or the system out of memory)";
            case 143 -> " (stopped by SIGTERM)";
            default -> "";
        };
    }

    /** The last lines of the log, for error messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", new ArrayList<>(lines.subList(Math.max(0, lines.size() - 25), lines.size())));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop(process);
    }

    /** Sends SIGTERM without waiting: several processes stop side by side, then {@link #close()} waits for each. */
    public void askToStop() {
        if (process != null && process.isAlive()) {
            process.destroy();
        }
    }

    /** Asks a child process to stop (SIGTERM), and kills it if it has not after 20 s. */
    public static void stop(Process process) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
