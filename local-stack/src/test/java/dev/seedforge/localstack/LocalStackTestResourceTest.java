package dev.seedforge.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.Topics;

/**
 * The shared per-JVM stack: one instance (also across class loaders, as under Quarkus), every pipeline topic, and the
 * configuration a Quarkus service needs.
 */
class LocalStackTestResourceTest {

    @Test
    void sharesOneStackAndConfiguresQuarkus() throws Exception {
        LocalStackTestResource resource = new LocalStackTestResource();
        Map<String, String> config = resource.start();
        resource.stop();
        LocalStack stack = LocalStackTestResource.stack();

        assertSame(SharedLocalStack.get(), stack);
        assertEquals(new LocalStackTestResource().start(), config);
        assertEquals(stack.kafkaBootstrapServers(), config.get("kafka.bootstrap.servers"));
        assertEquals(LocalStackTestResource.kafkaBootstrapServers(), config.get("kafka.bootstrap.servers"));
        assertEquals("postgresql://127.0.0.1:" + stack.postgresPort() + "/seedforge",
                config.get("quarkus.datasource.reactive.url"));
        assertEquals("seedforge", config.get("quarkus.datasource.username"));
        assertEquals("seedforge", config.get("quarkus.datasource.password"));
        assertEquals("false", config.get("quarkus.devservices.enabled"));

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                config.get("kafka.bootstrap.servers")))) {
            Map<String, TopicDescription> topics = admin.describeTopics(LocalStack.pipelineTopics()).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            assertEquals(16, topics.size());
            topics.values().forEach(t -> assertEquals(3, t.partitions().size(), t.name()));
            assertTrue(topics.keySet().containsAll(Set.of("candidates", "candidates-dlq", "datasets-dlq", "job-specs")));
            ConfigResource specs = new ConfigResource(ConfigResource.Type.TOPIC, Topics.JOB_SPECS);
            org.apache.kafka.clients.admin.Config settings = admin.describeConfigs(List.of(specs)).all()
                    .get(30, TimeUnit.SECONDS).get(specs);
            assertEquals("compact", settings.get("cleanup.policy").value(), "job-specs keeps each job's latest spec");
            assertEquals(String.valueOf(Topics.JOB_SPECS_MAX_BYTES), settings.get("max.message.bytes").value());
        }

        try (Connection connection = DriverManager.getConnection("jdbc:" + config.get("quarkus.datasource.reactive.url"),
                config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS probe");
            try (ResultSet rows = statement.executeQuery("SELECT current_user, current_database()")) {
                assertTrue(rows.next());
                assertEquals("seedforge", rows.getString(1));
                assertEquals("seedforge", rows.getString(2));
            }
        }
    }

    @Test
    void anotherClassLoaderAttachesToTheSameStack() throws Exception {
        LocalStack shared = SharedLocalStack.get();
        List<URL> classpath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            classpath.add(Path.of(entry).toUri().toURL());
        }
        try (URLClassLoader quarkusLike = new URLClassLoader(classpath.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            Class<?> copy = quarkusLike.loadClass(SharedLocalStack.class.getName());
            assertNotSame(SharedLocalStack.class, copy);
            Object attached = copy.getMethod("get").invoke(null);
            assertEquals(shared.kafkaBootstrapServers(),
                    attached.getClass().getMethod("kafkaBootstrapServers").invoke(attached));
            assertEquals(shared.postgresReactiveUrl(),
                    attached.getClass().getMethod("postgresReactiveUrl").invoke(attached));
            attached.getClass().getMethod("close").invoke(attached);
        }
        try (Connection connection = DriverManager.getConnection(shared.postgresJdbcUrl(), shared.postgresUser(),
                shared.postgresPassword())) {
            assertTrue(connection.isValid(5), "closing the attached handle left the shared stack running");
        }
    }

    @Test
    void refusesADataDirectoryAnotherStackUses() {
        LocalStack shared = LocalStackTestResource.stack();
        LocalStackException e = assertThrows(LocalStackException.class,
                () -> new LocalStack(shared.dataDirectory(), 0, 0).start());
        assertTrue(e.getMessage().contains("in use by another local stack"), e.getMessage());
        assertEquals(shared.kafkaBootstrapServers(), LocalStackTestResource.kafkaBootstrapServers(),
                "the failed start left the shared stack alone");
    }
}
