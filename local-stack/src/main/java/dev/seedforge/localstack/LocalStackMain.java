package dev.seedforge.localstack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the local stack as a process until SIGTERM or SIGINT: what a developer starts by hand and what the
 * {@code seedforge} CLI launches. It writes {@code stack.properties} into the data directory and prints one
 * {@value #READY_MARKER} line on stdout when clients can connect.
 */
@Command(name = "seedforge-local-stack", mixinStandardHelpOptions = true, sortOptions = false, description = "Runs a real Kafka broker (KRaft) and PostgreSQL for SeedForge, without Docker. "
        + "Data is kept in the data directory across restarts.")
public class LocalStackMain implements Callable<Integer> {

    public static final String READY_MARKER = "SEEDFORGE_STACK_READY";
    public static final String STACK_PROPERTIES = "stack.properties";

    @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "Directory for Kafka and PostgreSQL data; created if missing.")
    Path dataDir;

    @Option(names = "--kafka-port", defaultValue = "19092", paramLabel = "PORT", description = "Kafka client port on 127.0.0.1 (0 = reuse the last one or pick a free one). Default: ${DEFAULT-VALUE}.")
    int kafkaPort;

    @Option(names = "--postgres-port", defaultValue = "15432", paramLabel = "PORT", description = "PostgreSQL port (0 = reuse the last one or pick a free one). Default: ${DEFAULT-VALUE}.")
    int postgresPort;

    public static void main(String[] args) {
        quietLogging();
        CommandLine commandLine = new CommandLine(new LocalStackMain());
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            cmd.getErr().println("seedforge-local-stack: "
                    + (e instanceof LocalStackException ? e.getMessage() : e.toString()));
            return 1;
        });
        int exitCode = commandLine.execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /**
     * WARN and up, one line each, on stderr: the broker's INFO output would bury the ready line. A
     * {@code -Djava.util.logging.config.file} given by the user wins.
     */
    private static void quietLogging() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s %3$s: %5$s%6$s%n");
        }
        Logger.getLogger("").setLevel(Level.WARNING);
    }

    @Override
    public Integer call() throws InterruptedException {
        long started = System.nanoTime();
        LocalStack stack = new LocalStack(dataDir, kafkaPort, postgresPort).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stack.close();
                deleteStackProperties(stack.dataDirectory());
            } finally {
                stopped.countDown();
            }
        }, "seedforge-local-stack-shutdown"));
        stack.createPipelineTopics();
        writeStackProperties(stack);
        PrintStream out = System.out;
        out.println(READY_MARKER + " kafka=" + stack.kafkaBootstrapServers() + " postgres=" + stack.postgresReactiveUrl());
        out.flush();
        System.err.printf("seedforge-local-stack: ready in %d ms (%s), data in %s; stop with Ctrl-C or SIGTERM%n",
                (System.nanoTime() - started) / 1_000_000, stack.startTimes(), stack.dataDirectory());
        stopped.await();
        return 0;
    }

    /** What other processes (the CLI, services started by hand) need to connect, with this process's pid. */
    static void writeStackProperties(LocalStack stack) {
        Properties properties = new Properties();
        properties.setProperty("kafka.bootstrap.servers", stack.kafkaBootstrapServers());
        properties.setProperty("quarkus.datasource.reactive.url", stack.postgresReactiveUrl());
        properties.setProperty("quarkus.datasource.username", stack.postgresUser());
        properties.setProperty("quarkus.datasource.password", stack.postgresPassword());
        properties.setProperty("postgres.jdbc.url", stack.postgresJdbcUrl());
        properties.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
        Path file = stack.dataDirectory().resolve(STACK_PROPERTIES);
        Path tmp = stack.dataDirectory().resolve(STACK_PROPERTIES + ".tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp)) {
                properties.store(os, "SeedForge local stack, running while process " + properties.getProperty("pid")
                        + " lives");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new LocalStackException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteStackProperties(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve(STACK_PROPERTIES));
        } catch (IOException e) {
            // a stale file names a pid that no longer runs; readers check it
        }
    }
}
