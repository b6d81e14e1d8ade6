package dev.seedforge.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The repository checkout the tests read: manifests, compose file and the services' own configuration. */
final class Repo {

    /** The services the deployment runs, by module name (= quarkus.application.name = Kubernetes name). */
    static final List<String> SERVICES = List.of("generator-service", "validator-service", "dedup-service",
            "exporter-service", "console-service");
    static final String SIMULATOR = "teacher-simulator";
    static final String VALIDATOR = "validator-service";

    private Repo() {
    }

    static Path root() {
        String configured = System.getProperty("seedforge.root");
        Path root = (configured != null ? Path.of(configured) : Path.of("..")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("docker-compose.yml")) || !Files.isDirectory(root.resolve("deploy"))) {
            throw new IllegalStateException("not the SeedForge repository root (no docker-compose.yml, deploy/): " + root);
        }
        return root;
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
