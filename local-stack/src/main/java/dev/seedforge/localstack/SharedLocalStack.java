package dev.seedforge.localstack;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * One local stack per JVM for tests, started on first use in a temporary directory with free ports, with every pipeline
 * topic, and stopped (and deleted) by a shutdown hook, so that test classes share it instead of each paying a start.
 * Plain JUnit tests call {@link #get()}; Quarkus tests use {@link LocalStackTestResource}, which hands out the same
 * stack.
 * <p>
 * A JVM killed before its shutdown hook ran leaves a PostgreSQL behind; the next shared stack stops it.
 * <p>
 * Quarkus loads test code in one class loader per application under test, each with its own copy of this class; the
 * stack still starts once per JVM: the first copy records it in system properties and the others attach to it.
 */
public final class SharedLocalStack {

    static final String DIR_PREFIX = "seedforge-local-stack-";
    static final String OWNER_PID_FILE = "owner.pid";
    static final String DATA_DIR_PROPERTY = "seedforge.local-stack.shared.data-dir";
    static final String KAFKA_PORT_PROPERTY = "seedforge.local-stack.shared.kafka-port";
    static final String POSTGRES_PORT_PROPERTY = "seedforge.local-stack.shared.postgres-port";

    private static LocalStack stack;

    private SharedLocalStack() {
    }

    /** The JVM's shared stack, started on the first call. */
    public static synchronized LocalStack get() {
        if (stack == null) {
            stack = startOrAttach();
        }
        return stack;
    }

    /** {@code 127.0.0.1:<port>} of the shared broker, for tests with a plain producer or consumer. */
    public static String kafkaBootstrapServers() {
        return get().kafkaBootstrapServers();
    }

    private static LocalStack startOrAttach() {
        // a string literal is interned: the same monitor for the copies of this class in every class loader
        synchronized ("dev.seedforge.localstack.SharedLocalStack") {
            String dataDir = System.getProperty(DATA_DIR_PROPERTY);
            if (dataDir != null) {
                return LocalStack.attach(Path.of(dataDir), Integer.getInteger(KAFKA_PORT_PROPERTY),
                        Integer.getInteger(POSTGRES_PORT_PROPERTY));
            }
            reapAbandonedStacks();
            Path dir;
            try {
                dir = Files.createTempDirectory(DIR_PREFIX);
                Files.writeString(dir.resolve(OWNER_PID_FILE), Long.toString(ProcessHandle.current().pid()));
            } catch (IOException e) {
                throw new LocalStackException("Could not create a temporary directory for the local stack", e);
            }
            LocalStack started = new LocalStack(dir, 0, 0).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                deleteRecursively(dir);
            }, "seedforge-local-stack-shutdown"));
            started.createPipelineTopics();
            System.setProperty(KAFKA_PORT_PROPERTY, Integer.toString(started.kafkaPort()));
            System.setProperty(POSTGRES_PORT_PROPERTY, Integer.toString(started.postgresPort()));
            System.setProperty(DATA_DIR_PROPERTY, dir.toString());
            return started;
        }
    }

    /**
     * A test JVM killed before its shutdown hook ran leaves its PostgreSQL running (pg_ctl detaches it) and its
     * directory behind; stop and delete those whose owning JVM is gone.
     */
    static void reapAbandonedStacks() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, DIR_PREFIX + "*")) {
            for (Path dir : dirs) {
                Optional<Long> owner = Orphans.readPid(dir.resolve(OWNER_PID_FILE));
                if (owner.isPresent() && !Orphans.running(owner.get())) {
                    Orphans.stopPostgres(dir.resolve("postgres"));
                    deleteRecursively(dir);
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: an abandoned directory must not keep tests from starting
        }
    }

    private static void deleteRecursively(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                    Files.deleteIfExists(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // a temporary directory left behind is not worth failing the JVM's exit over
        }
    }
}
