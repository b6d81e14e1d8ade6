package dev.seedforge.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to {@code seedforge run} while its services are still starting stops everything it started: the stack, its
 * PostgreSQL and the services already up (they were left running when the stop hook only came after the start).
 */
class StopWhileStartingIT {

    @TempDir
    Path work;

    @Test
    void aStopDuringStartLeavesNoProcessBehind() throws Exception {
        Path log = work.resolve("seedforge.log");
        Process seedforge = SeedforgeCommand.start(log, "run",
                SeedforgeCommand.HOME.resolve("examples/task-api/job.yaml").toString(), "--out",
                work.resolve("out").toString(), "--data-dir", work.resolve("data").toString(), "--simulator");
        Map<Long, String> started = new LinkedHashMap<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (started.values().stream().noneMatch(c -> c.contains("-service/target/quarkus-app"))) {
            assertTrue(seedforge.isAlive(), "seedforge ended before any service started:\n" + Files.readString(log));
            assertTrue(System.nanoTime() < deadline, "no service started in 3 minutes:\n" + Files.readString(log));
            seedforge.descendants()
                    .forEach(p -> started.putIfAbsent(p.pid(), p.info().commandLine().orElse("?")));
            Thread.sleep(100);
        }
        seedforge.descendants().forEach(p -> started.putIfAbsent(p.pid(), p.info().commandLine().orElse("?")));
        seedforge.destroy();
        assertTrue(seedforge.waitFor(2, TimeUnit.MINUTES), "seedforge did not stop on SIGTERM");

        List<String> alive = new ArrayList<>();
        long settle = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        do {
            alive.clear();
            started.forEach((pid, command) -> ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .ifPresent(p -> alive.add(pid + " " + command)));
            Thread.sleep(200);
        } while (!alive.isEmpty() && System.nanoTime() < settle);
        alive.forEach(line -> ProcessHandle.of(Long.parseLong(line.split(" ")[0])).ifPresent(ProcessHandle::destroyForcibly));
        assertTrue(started.size() >= 2, "the stack and a service were seen: " + started.values());
        assertTrue(alive.isEmpty(), "left running after SIGTERM during start:\n" + String.join("\n", alive)
                + "\n" + Files.readString(log));
    }
}
