package dev.seedforge.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process contract the {@code seedforge} CLI relies on: one ready line on stdout, {@code stack.properties} with the
 * process id, a clean stop on SIGTERM, a restart after a SIGKILL, and a non-zero exit with a readable message when it
 * cannot start.
 */
class LocalStackMainTest {

    private static final Pattern READY = Pattern
            .compile(
                    "SEEDFORGE_STACK_READY kafka=127\\.0\\.0\\.1:(\\d+) postgres=postgresql://127\\.0\\.0\\.1:(\\d+)/seedforge");

    @TempDir
    Path dataDir;

    @Test
    void announcesReadinessAndStopsOnSigterm() throws Exception {
        Process killed = launch(Redirect.DISCARD, "--data-dir", dataDir.toString(), "--kafka-port", "0",
                "--postgres-port", "0");
        String firstReady;
        try {
            firstReady = firstLine(killed.getInputStream());
        } finally {
            killed.destroyForcibly();
            killed.waitFor(30, TimeUnit.SECONDS);
        }
        assertNotNull(firstReady, "the process printed nothing");
        Matcher ports = READY.matcher(firstReady);
        assertTrue(ports.matches(), firstReady);

        // SIGKILL left PostgreSQL running on its port; the next start on the same directory and ports stops it
        Process process = launch(Redirect.DISCARD, "--data-dir", dataDir.toString(), "--kafka-port", ports.group(1),
                "--postgres-port", ports.group(2));
        try {
            String ready = firstLine(process.getInputStream());
            assertEquals(firstReady, ready);

            Properties stack = new Properties();
            try (InputStream in = Files.newInputStream(dataDir.resolve("stack.properties"))) {
                stack.load(in);
            }
            assertEquals(Long.toString(process.pid()), stack.getProperty("pid"));
            assertEquals("127.0.0.1:" + ports.group(1), stack.getProperty("kafka.bootstrap.servers"));
            assertEquals("postgresql://127.0.0.1:" + ports.group(2) + "/seedforge",
                    stack.getProperty("quarkus.datasource.reactive.url"));
            assertEquals("seedforge", stack.getProperty("quarkus.datasource.username"));
            assertEquals("seedforge", stack.getProperty("quarkus.datasource.password"));
        } finally {
            process.destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "stops within 30 s of SIGTERM");
        }
        assertEquals(143, process.exitValue(), "exit status of a JVM stopped by SIGTERM");
        assertFalse(Files.exists(dataDir.resolve("stack.properties")), "removed on a clean stop");
        assertTrue(Orphans.readPid(dataDir.resolve("postgres/postmaster.pid")).isEmpty(), "PostgreSQL stopped");
    }

    @Test
    void exitsWithAMessageWhenTheDataDirectoryIsUnusable() throws Exception {
        Path file = Files.writeString(dataDir.resolve("a-file"), "x");
        Process process = launch(Redirect.PIPE, "--data-dir", file.toString(), "--kafka-port", "0", "--postgres-port",
                "0");
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, process.exitValue());
        assertTrue(errors.contains("seedforge-local-stack: Data directory " + file), errors);
    }

    private static Process launch(Redirect stderr, String... args) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx512m", "-cp",
                System.getProperty("java.class.path"), LocalStackMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(stderr).start();
    }

    private static String firstLine(InputStream out) throws Exception {
        BufferedReader reader = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8));
        return reader.readLine();
    }
}
