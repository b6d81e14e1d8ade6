package dev.seedforge.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * PostgreSQL outlives a stack whose JVM was killed (pg_ctl detaches it) and keeps its port and data directory; these
 * helpers find such a server by its {@code postmaster.pid} and stop it.
 */
final class Orphans {

    private Orphans() {
    }

    /**
     * Stops the PostgreSQL serving {@code postgresDataDir}, if one runs. Only call it while holding the stack's data
     * directory lock: then no live stack owns that server.
     *
     * @return the process id of the server stopped
     */
    static Optional<Long> stopPostgres(Path postgresDataDir) {
        Optional<ProcessHandle> postmaster = readPid(postgresDataDir.resolve("postmaster.pid"))
                .flatMap(ProcessHandle::of)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
        postmaster.ifPresent(Orphans::stop);
        return postmaster.map(ProcessHandle::pid);
    }

    /** A killed process whose parent does not reap it stays a zombie: "alive", but without a command. */
    static boolean running(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).flatMap(p -> p.info().command()).isPresent();
    }

    /** The number on the first line of a pid file, if the file exists and holds one. */
    static Optional<Long> readPid(Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            String line = reader.readLine();
            return line == null ? Optional.empty() : Optional.of(Long.parseLong(line.trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** SIGTERM is PostgreSQL's smart shutdown, quick with no clients left; SIGKILL if it takes over 10 s. */
    private static void stop(ProcessHandle postmaster) {
        postmaster.destroy();
        try {
            postmaster.onExit().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            postmaster.destroyForcibly();
        } catch (ExecutionException | TimeoutException e) {
            postmaster.destroyForcibly();
        }
    }
}
