package dev.seedforge.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

import org.apache.kafka.common.Uuid;

/**
 * What a data directory remembers between runs: the Kafka cluster id it was formatted with and the ports last used, so
 * a restart with port 0 comes back where clients expect it and the controller quorum address stays stable.
 */
record StackState(String clusterId, int kafkaPort, int controllerPort, int postgresPort) {

    static final String FILE_NAME = "local-stack.properties";

    static StackState load(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return new StackState(Uuid.randomUuid().toString(), 0, 0, 0);
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new LocalStackException("Could not read " + file + ": " + e.getMessage(), e);
        }
        String clusterId = properties.getProperty("kafka.cluster.id", "").isBlank()
                ? Uuid.randomUuid().toString()
                : properties.getProperty("kafka.cluster.id").trim();
        return new StackState(clusterId, port(properties, "kafka.port"), port(properties, "kafka.controller.port"),
                port(properties, "postgres.port"));
    }

    void save(Path dataDir) {
        Properties properties = new Properties();
        properties.setProperty("kafka.cluster.id", clusterId);
        properties.setProperty("kafka.port", Integer.toString(kafkaPort));
        properties.setProperty("kafka.controller.port", Integer.toString(controllerPort));
        properties.setProperty("postgres.port", Integer.toString(postgresPort));
        Path file = dataDir.resolve(FILE_NAME);
        Path tmp = dataDir.resolve(FILE_NAME + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            properties.store(out, "SeedForge local stack: cluster id and ports reused on restart");
        } catch (IOException e) {
            throw new LocalStackException("Could not write " + file + ": " + e.getMessage(), e);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new LocalStackException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }

    private static int port(Properties properties, String key) {
        try {
            int port = Integer.parseInt(properties.getProperty(key, "0").trim());
            return port > 0 && port <= 65535 ? port : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
