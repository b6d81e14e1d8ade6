package dev.seedforge.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.seedforge.contracts.Topics;

/** A stack started twice on one data directory keeps its Kafka records, its database rows and its ports. */
class LocalStackTest {

    @TempDir
    Path dataDir;

    @Test
    void keepsRecordsAndRowsAcrossARestart() throws Exception {
        String jobId = "job-" + UUID.randomUUID();
        int kafkaPort;
        int postgresPort;

        long t0 = System.nanoTime();
        try (LocalStack stack = new LocalStack(dataDir, 0, 0).start()) {
            log("first start (" + stack.startTimes() + ")", t0);
            kafkaPort = stack.kafkaPort();
            postgresPort = stack.postgresPort();
            stack.createPipelineTopics();
            stack.createPipelineTopics();

            try (KafkaProducer<String, String> producer = producer(stack)) {
                producer.send(new ProducerRecord<>(Topics.CANDIDATES, jobId, "{\"candidateId\":\"c-1\"}")).get();
            }
            assertEquals(List.of("{\"candidateId\":\"c-1\"}"), valuesFor(stack, jobId, "first-reader"));

            try (Connection connection = connect(stack); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE kept (job_id TEXT PRIMARY KEY, note TEXT)");
                statement.execute("INSERT INTO kept VALUES ('" + jobId + "', 'before restart')");
            }
        }
        log("first run and stop", t0);
        String clusterId = KafkaBroker.formattedClusterId(dataDir.resolve("kafka")).orElseThrow();
        assertEquals(clusterId, StackState.load(dataDir).clusterId());

        long t1 = System.nanoTime();
        try (LocalStack stack = new LocalStack(dataDir, 0, 0).start()) {
            log("restart (" + stack.startTimes() + ")", t1);
            assertEquals(kafkaPort, stack.kafkaPort(), "port 0 reuses the port this data dir used");
            assertEquals(postgresPort, stack.postgresPort());
            assertEquals(clusterId, StackState.load(dataDir).clusterId());
            stack.createPipelineTopics();

            assertEquals(List.of("{\"candidateId\":\"c-1\"}"), valuesFor(stack, jobId, "second-reader"));
            try (Connection connection = connect(stack);
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT note FROM kept WHERE job_id = '" + jobId + "'")) {
                assertTrue(rows.next(), "the row written before the restart");
                assertEquals("before restart", rows.getString(1));
            }
        }
        log("restart run and stop", t1);
    }

    @Test
    void restartsTheBrokerAndTheDatabaseAloneKeepingTheirData() throws Exception {
        String jobId = "job-" + UUID.randomUUID();
        try (LocalStack stack = new LocalStack(dataDir, 0, 0).start()) {
            stack.createPipelineTopics();
            try (KafkaProducer<String, String> producer = producer(stack)) {
                producer.send(new ProducerRecord<>(Topics.CANDIDATES, jobId, "before")).get();
            }
            try (Connection connection = connect(stack); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE kept (job_id TEXT PRIMARY KEY)");
                statement.execute("INSERT INTO kept VALUES ('" + jobId + "')");
            }
            int kafkaPort = stack.kafkaPort();
            int postgresPort = stack.postgresPort();

            long t0 = System.nanoTime();
            stack.stopKafka();
            try (ServerSocket free = new ServerSocket(kafkaPort, 1, InetAddress.getByName("127.0.0.1"))) {
                assertEquals(kafkaPort, free.getLocalPort(), "the broker's port is closed while it is stopped");
            }
            stack.startKafka();
            log("broker stop and start", t0);
            assertEquals(kafkaPort, stack.kafkaPort());
            assertEquals(List.of("before"), valuesFor(stack, jobId, "after-broker-restart"));

            long t1 = System.nanoTime();
            stack.stopPostgres();
            assertThrows(SQLException.class, () -> connect(stack).close(), "PostgreSQL is down");
            stack.startPostgres();
            log("database stop and start", t1);
            assertEquals(postgresPort, stack.postgresPort());
            try (Connection connection = connect(stack);
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT count(*) FROM kept WHERE job_id = '" + jobId
                            + "'")) {
                assertTrue(rows.next());
                assertEquals(1, rows.getInt(1), "the row written before the restart");
            }
            assertThrows(IllegalStateException.class, stack::startKafka, "Kafka is already running");
        }
    }

    @Test
    void refusesABusyPortBeforeStartingAnything() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            LocalStackException e = assertThrows(LocalStackException.class,
                    () -> new LocalStack(dataDir, taken.getLocalPort(), 0).start());
            assertTrue(e.getMessage().contains("Kafka port " + taken.getLocalPort()), e.getMessage());
            assertTrue(e.getMessage().contains("already in use"), e.getMessage());
        }
        assertFalse(Files.exists(dataDir.resolve("kafka")), "nothing started");
    }

    @Test
    void refusesADataDirectoryThatIsAFile() throws Exception {
        Path file = Files.writeString(dataDir.resolve("not-a-dir"), "x");
        LocalStackException e = assertThrows(LocalStackException.class, () -> new LocalStack(file, 0, 0).start());
        assertTrue(e.getMessage().contains("Data directory " + file), e.getMessage());
    }

    static KafkaProducer<String, String> producer(LocalStack stack) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    /** Reads {@link Topics#CANDIDATES} from the earliest offset with a new group, keeping the values keyed by jobId. */
    static List<String> valuesFor(LocalStack stack, String jobId, String group) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group + "-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.CANDIDATES));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (jobId.equals(record.key())) {
                        values.add(record.value());
                    }
                }
            }
        }
        return values;
    }

    static Connection connect(LocalStack stack) throws SQLException {
        return DriverManager.getConnection(stack.postgresJdbcUrl(), stack.postgresUser(), stack.postgresPassword());
    }

    private static void log(String what, long since) {
        System.out.printf("%s: %d ms%n", what, (System.nanoTime() - since) / 1_000_000);
    }
}
