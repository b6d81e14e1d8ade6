package dev.seedforge.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.AcceptedJob;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.Plan;
import dev.seedforge.contracts.Topics;

/**
 * Plain Kafka clients on the local stack, for service tests that talk to a service only through real topics.
 */
public final class KafkaTopics implements AutoCloseable {

    private final String bootstrapServers;
    private final KafkaProducer<String, String> producer;

    public KafkaTopics(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    public void send(String topic, String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    }

    /** As {@link #send}, with one record header (a value of UTF-8 text). */
    public void send(String topic, String key, String value, String header, String headerValue) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        record.headers().add(header, headerValue.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        producer.send(record).get(30, TimeUnit.SECONDS);
    }

    /**
     * Sends the values together (one producer batch where they fit), so that a consumer's next poll most likely
     * returns them all at once; then waits for every one to be acknowledged.
     */
    public void sendAll(String topic, String key, List<String> values) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (String value : values) {
            sent.add(producer.send(new ProducerRecord<>(topic, key, value)));
        }
        producer.flush();
        for (Future<RecordMetadata> future : sent) {
            future.get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Publishes a job on {@code job-specs} as the generator does when it accepts one: the one stand-in for the
     * generator that the stages' tests need.
     */
    public void sendJobSpec(String jobId, JobSpec spec, Plan plan, String owner) throws Exception {
        send(Topics.JOB_SPECS, jobId, Json.MAPPER.writeValueAsString(AcceptedJob.of(jobId, spec, plan, owner)));
    }

    /**
     * The records of {@code topic} with this key, read from the start by a fresh consumer group: waits for
     * {@code expected} of them, then a little longer to catch any record too many.
     */
    public List<ConsumerRecord<String, String>> read(String topic, String key, int expected, Duration timeout) {
        return readWhere(topic, record -> key.equals(record.key()), expected, timeout);
    }

    /**
     * The records of {@code topic} that belong to this job whatever their key (its {@code jobId}, or its candidate's):
     * {@code candidates} is keyed by candidate id, so a job's candidates are found by their content.
     */
    public List<ConsumerRecord<String, String>> readJob(String topic, String jobId, int expected, Duration timeout) {
        return readWhere(topic, record -> jobId.equals(jobIdOf(record.value())), expected, timeout);
    }

    /** The job a record belongs to, read from its value (candidates are keyed by candidate id, not by job). */
    public static String jobIdOf(String json) {
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            JsonNode own = node.path("jobId");
            return own.isTextual() ? own.asText() : node.path("candidate").path("jobId").asText(null);
        } catch (Exception e) {
            return null; // not JSON: a poison record, nobody's
        }
    }

    private List<ConsumerRecord<String, String>> readWhere(String topic, Predicate<ConsumerRecord<String, String>> wanted,
            int expected, Duration timeout) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            Instant settled = null;
            while (Instant.now().isBefore(deadline) && (settled == null || Instant.now().isBefore(settled))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
                    if (wanted.test(record)) {
                        found.add(record);
                    }
                }
                if (settled == null && found.size() >= expected) {
                    settled = Instant.now().plusSeconds(2);
                }
            }
        }
        return found;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
