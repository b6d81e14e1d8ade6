package dev.seedforge.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a running SeedForge server is: {@code seedforge up} writes its addresses to {@code <data-dir>/server.properties}
 * while it runs, so {@code seedforge jobs} and its siblings find a local server without options. {@code --server} or
 * {@code SEEDFORGE_SERVER} (the generator's URL) name a remote one.
 */
final class ServerAddress {

    static final String FILE = "server.properties";
    static final URI DEFAULT_GENERATOR = URI.create("http://localhost:8081");

    private ServerAddress() {
    }

    static void remember(Path dataDir, URI generator, URI exporter, URI console) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("generator", generator.toString());
        properties.setProperty("exporter", exporter.toString());
        properties.setProperty("console", console.toString());
        Files.createDirectories(dataDir);
        try (Writer writer = Files.newBufferedWriter(dataDir.resolve(FILE))) {
            properties.store(writer, "written by seedforge up while it runs");
        }
    }

    static void forget(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve(FILE));
        } catch (IOException e) {
            // a stale file names ports nobody answers on; the commands then say so
        }
    }

    /** The generator to talk to: the option, the environment, a local server's file, or the usual local port. */
    static URI generator(URI option, Path dataDir) {
        if (option != null) {
            return option;
        }
        String env = System.getenv("SEEDFORGE_SERVER");
        if (env != null && !env.isBlank()) {
            return URI.create(env.strip());
        }
        return local(dataDir, "generator").orElse(DEFAULT_GENERATOR);
    }

    static Optional<URI> local(Path dataDir, String key) {
        Path file = dataDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(properties.getProperty(key)).map(URI::create);
    }
}
