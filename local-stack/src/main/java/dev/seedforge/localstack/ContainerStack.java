package dev.seedforge.localstack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Kafka ({@value #KAFKA_IMAGE}, the broker version the local stack runs) and PostgreSQL ({@value #POSTGRES_IMAGE})
 * in containers, started once per JVM and shared by the test classes like {@link SharedLocalStack}; Testcontainers'
 * reaper removes them when the JVM ends. Quarkus loads test code in a class loader per application, so the addresses
 * are kept in system properties for the copies of this class in the other loaders.
 */
public final class ContainerStack {

    static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
    static final String POSTGRES_IMAGE = "postgres:17-alpine";
    static final String BOOTSTRAP_PROPERTY = "seedforge.testcontainers.kafka";
    static final String JDBC_PROPERTY = "seedforge.testcontainers.postgres";
    static final String USER = "seedforge";
    static final String PASSWORD = "seedforge";

    private ContainerStack() {
    }

    /** Whether a Docker engine answers (Testcontainers' own probe). */
    public static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** {@code host:port} of the shared broker, started on first use. */
    public static String kafkaBootstrapServers() {
        start();
        return System.getProperty(BOOTSTRAP_PROPERTY);
    }

    /** What a Quarkus service needs to use the containers, as {@link LocalStackTestResource#config} gives it. */
    public static Map<String, String> config() {
        start();
        String jdbc = System.getProperty(JDBC_PROPERTY);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", System.getProperty(BOOTSTRAP_PROPERTY));
        config.put("quarkus.datasource.reactive.url", jdbc.substring("jdbc:".length()));
        config.put("quarkus.datasource.username", USER);
        config.put("quarkus.datasource.password", PASSWORD);
        config.put("quarkus.devservices.enabled", "false");
        return config;
    }

    private static void start() {
        synchronized ("dev.seedforge.localstack.ContainerStack") {
            if (System.getProperty(BOOTSTRAP_PROPERTY) != null) {
                return;
            }
            KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
            PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE).withDatabaseName("seedforge")
                    .withUsername(USER).withPassword(PASSWORD);
            kafka.start();
            postgres.start();
            createPipelineTopics(kafka.getBootstrapServers());
            System.setProperty(JDBC_PROPERTY, postgres.getJdbcUrl());
            System.setProperty(BOOTSTRAP_PROPERTY, kafka.getBootstrapServers());
        }
    }

    private static void createPipelineTopics(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<NewTopic> topics = LocalStack.pipelineTopics().stream()
                    .map(name -> LocalStack.newTopic(name, LocalStack.PIPELINE_PARTITIONS)).toList();
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new LocalStackException("Could not create the pipeline topics on the Kafka container", e);
        }
    }
}
