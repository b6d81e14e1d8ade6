package dev.seedforge.localstack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import dev.seedforge.contracts.Topics;

/**
 * A real Kafka broker (KRaft, one combined node) and a real PostgreSQL running in this JVM without Docker, keeping their
 * data under one directory so that a restart finds topics, offsets and tables again. Used by the {@code seedforge}
 * CLI (through {@link LocalStackMain}), by developers, and by tests (through {@link LocalStackTestResource}).
 */
public final class LocalStack implements AutoCloseable {

    /** Partitions of every pipeline topic and dead-letter topic. */
    public static final int PIPELINE_PARTITIONS = 3;

    /**
     * Data directories locked by this JVM. Checked before opening the lock file: on Linux, closing any channel on a
     * file drops every lock the process holds on it, so a refused second start must not touch the file.
     */
    private static final Set<Path> LOCKED_HERE = ConcurrentHashMap.newKeySet();
    private static final Logger LOG = Logger.getLogger(LocalStack.class.getName());

    private final Path dataDir;
    private final int requestedKafkaPort;
    private final int requestedPostgresPort;
    private final boolean owner;

    private int kafkaPort;
    private int controllerPort;
    private int postgresPort;
    private String clusterId;
    private volatile long kafkaStartMillis;
    private volatile long postgresStartMillis;
    private boolean lockedHere;
    private FileChannel lockChannel;
    private FileLock lock;
    private KafkaBroker kafka;
    private PostgresServer postgres;

    /**
     * @param dataDir where Kafka ({@code kafka/}) and PostgreSQL ({@code postgres/}) keep their data; created if missing
     * @param kafkaPort the broker's client port, 0 for the one this directory used last (or any free port)
     * @param postgresPort PostgreSQL's port, 0 for the one this directory used last (or any free port)
     */
    public LocalStack(Path dataDir, int kafkaPort, int postgresPort) {
        this(dataDir, kafkaPort, postgresPort, true);
    }

    private LocalStack(Path dataDir, int kafkaPort, int postgresPort, boolean owner) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.requestedKafkaPort = kafkaPort;
        this.requestedPostgresPort = postgresPort;
        this.owner = owner;
        if (!owner) {
            this.kafkaPort = kafkaPort;
            this.postgresPort = postgresPort;
        }
    }

    /** A handle on a stack another class loader of this JVM started; closing it leaves that stack running. */
    static LocalStack attach(Path dataDir, int kafkaPort, int postgresPort) {
        return new LocalStack(dataDir, kafkaPort, postgresPort, false);
    }

    /**
     * Starts PostgreSQL and Kafka (in parallel) and returns once both accept clients.
     *
     * @throws LocalStackException when a port is taken, the data directory is unusable or in use, or a server fails
     */
    public synchronized LocalStack start() {
        if (!owner || kafka != null) {
            throw new IllegalStateException("Local stack in " + dataDir + " is already running");
        }
        return BrokerLogging.quietly(this::startServers);
    }

    private LocalStack startServers() {
        try {
            prepareDataDir();
            Orphans.stopPostgres(dataDir.resolve("postgres")).ifPresent(pid -> LOG.warning(
                    "Stopped PostgreSQL (pid " + pid + ") left running by a local stack that was killed in " + dataDir));
            StackState remembered = StackState.load(dataDir);
            kafkaPort = Ports.resolve("Kafka", requestedKafkaPort, remembered.kafkaPort());
            postgresPort = Ports.resolve("PostgreSQL", requestedPostgresPort, remembered.postgresPort(), kafkaPort);
            controllerPort = Ports.resolve("Kafka controller", 0, remembered.controllerPort(), kafkaPort,
                    postgresPort);
            Path kafkaDir = dataDir.resolve("kafka");
            clusterId = KafkaBroker.formattedClusterId(kafkaDir).orElse(remembered.clusterId());
            new StackState(clusterId, kafkaPort, controllerPort, postgresPort).save(dataDir);

            postgres = new PostgresServer(dataDir.resolve("postgres"), dataDir.resolve("postgres.log"), postgresPort);
            long startedAt = System.nanoTime();
            CompletableFuture<Void> postgresStarted = CompletableFuture.runAsync(() -> {
                postgres.start();
                postgresStartMillis = (System.nanoTime() - startedAt) / 1_000_000;
            });
            kafka = new KafkaBroker(kafkaDir, clusterId, kafkaPort, controllerPort);
            RuntimeException failure = null;
            try {
                kafka.start();
                kafkaStartMillis = (System.nanoTime() - startedAt) / 1_000_000;
            } catch (RuntimeException e) {
                failure = e;
            }
            try {
                postgresStarted.join();
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r
                        : new LocalStackException(e.getCause().getMessage(), e.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
            if (failure != null) {
                throw failure;
            }
            return this;
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    /**
     * Stops the broker alone (a controlled shutdown), keeping its data, so that tests can take Kafka away from running
     * clients; {@link #startKafka()} brings it back on the same port, data and cluster id.
     */
    public synchronized void stopKafka() {
        requireRunning();
        BrokerLogging.quietly(() -> {
            if (kafka != null) {
                kafka.close();
                kafka = null;
            }
            return null;
        });
    }

    /** Starts the broker {@link #stopKafka()} stopped, on the same port and log directory. */
    public synchronized void startKafka() {
        requireRunning();
        if (kafka != null) {
            throw new IllegalStateException("Kafka of the local stack in " + dataDir + " is already running");
        }
        BrokerLogging.quietly(() -> {
            KafkaBroker broker = new KafkaBroker(dataDir.resolve("kafka"), clusterId, kafkaPort, controllerPort);
            broker.start();
            kafka = broker;
            return null;
        });
    }

    /** Stops PostgreSQL alone (pg_ctl's fast shutdown), keeping its data; {@link #startPostgres()} restarts it. */
    public synchronized void stopPostgres() {
        requireRunning();
        BrokerLogging.quietly(() -> {
            if (postgres != null) {
                postgres.close();
                postgres = null;
            }
            return null;
        });
    }

    /** Starts the PostgreSQL {@link #stopPostgres()} stopped, on the same port and data directory. */
    public synchronized void startPostgres() {
        requireRunning();
        if (postgres != null) {
            throw new IllegalStateException("PostgreSQL of the local stack in " + dataDir + " is already running");
        }
        BrokerLogging.quietly(() -> {
            PostgresServer server = new PostgresServer(dataDir.resolve("postgres"), dataDir.resolve("postgres.log"),
                    postgresPort);
            server.start();
            postgres = server;
            return null;
        });
    }

    private void requireRunning() {
        if (!owner || lock == null) {
            throw new IllegalStateException("the local stack in " + dataDir + " is not running in this JVM");
        }
    }

    public Path dataDirectory() {
        return dataDir;
    }

    public int kafkaPort() {
        return kafkaPort;
    }

    public int postgresPort() {
        return postgresPort;
    }

    /** How long the last start took until each server accepted clients, for logs and the CLI. */
    String startTimes() {
        return "kafka " + kafkaStartMillis + " ms, postgres " + postgresStartMillis + " ms";
    }

    /** {@code 127.0.0.1:<port>}, for {@code kafka.bootstrap.servers}. */
    public String kafkaBootstrapServers() {
        return Ports.HOST + ":" + kafkaPort;
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/seedforge}. */
    public String postgresJdbcUrl() {
        return "jdbc:postgresql://" + Ports.HOST + ":" + postgresPort + "/" + PostgresServer.DATABASE;
    }

    /** {@code postgresql://127.0.0.1:<port>/seedforge}, for {@code quarkus.datasource.reactive.url}. */
    public String postgresReactiveUrl() {
        return "postgresql://" + Ports.HOST + ":" + postgresPort + "/" + PostgresServer.DATABASE;
    }

    public String postgresUser() {
        return PostgresServer.USER;
    }

    public String postgresPassword() {
        return PostgresServer.PASSWORD;
    }

    /** Creates the topics that do not exist yet; existing ones are left as they are, whatever their partitions. */
    public void createTopics(Collection<String> topics, int partitions) {
        BrokerLogging.quietly(() -> {
            createTopicsNow(topics, partitions);
            return null;
        });
    }

    private void createTopicsNow(Collection<String> topics, int partitions) {
        List<NewTopic> newTopics = topics.stream().distinct().map(t -> newTopic(t, partitions)).toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers()))) {
            CreateTopicsResult result = admin.createTopics(newTopics);
            for (var entry : result.values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new LocalStackException("Could not create topic " + entry.getKey() + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
        } catch (TimeoutException e) {
            throw new LocalStackException("Timed out creating topics " + topics + " on " + kafkaBootstrapServers(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("Interrupted while creating topics", e);
        }
    }

    /** A topic of one replica with the settings {@link Topics#settings} gives it (job-specs compacted). */
    public static NewTopic newTopic(String name, int partitions) {
        return new NewTopic(name, partitions, (short) 1).configs(Topics.settings(name));
    }

    /** Every topic of {@link Topics#ALL} and its dead-letter topic, with {@value #PIPELINE_PARTITIONS} partitions. */
    public void createPipelineTopics() {
        createTopics(pipelineTopics(), PIPELINE_PARTITIONS);
    }

    /** {@link Topics#ALL} followed by their dead-letter topics. */
    public static List<String> pipelineTopics() {
        List<String> topics = new ArrayList<>(Topics.ALL);
        Topics.ALL.stream().map(Topics::deadLetter).forEach(topics::add);
        return List.copyOf(topics);
    }

    /** Stops Kafka, then PostgreSQL, then releases the data directory. */
    @Override
    public synchronized void close() {
        if (!owner) {
            return;
        }
        BrokerLogging.quietly(() -> {
            stopServers();
            return null;
        });
    }

    private void stopServers() {
        RuntimeException failure = null;
        try {
            if (kafka != null) {
                kafka.close();
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            kafka = null;
        }
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        } finally {
            postgres = null;
        }
        releaseDataDir();
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "LocalStack[" + dataDir + ", kafka=" + kafkaBootstrapServers() + ", postgres=" + postgresReactiveUrl()
                + "]";
    }

    private void prepareDataDir() {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new LocalStackException("Data directory " + dataDir + " cannot be created: " + e, e);
        }
        if (!Files.isDirectory(dataDir) || !Files.isWritable(dataDir)) {
            throw new LocalStackException("Data directory " + dataDir + " is not a writable directory");
        }
        if (!LOCKED_HERE.add(dataDir)) {
            throw inUse();
        }
        lockedHere = true;
        try {
            lockChannel = FileChannel.open(dataDir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = lockChannel.tryLock();
        } catch (IOException e) {
            throw new LocalStackException("Data directory " + dataDir + " cannot be locked: " + e, e);
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            releaseDataDir();
            throw inUse();
        }
    }

    private LocalStackException inUse() {
        return new LocalStackException("Data directory " + dataDir
                + " is in use by another local stack; stop it or choose another --data-dir");
    }

    private void releaseDataDir() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            // the lock goes with the process anyway
        } finally {
            lock = null;
            lockChannel = null;
            if (lockedHere) {
                LOCKED_HERE.remove(dataDir);
                lockedHere = false;
            }
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            // the start failure is the error worth reporting
        }
    }

}
