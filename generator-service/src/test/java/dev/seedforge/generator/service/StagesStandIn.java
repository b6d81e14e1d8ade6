package dev.seedforge.generator.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.CellProgress;
import dev.seedforge.contracts.JobProgress;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.Plan;
import dev.seedforge.contracts.PlanCell;
import dev.seedforge.contracts.SchemaVersions;
import dev.seedforge.contracts.Topics;
import dev.seedforge.localstack.LocalStackTestResource;

/**
 * The validator, dedup and exporter of one job, reduced to what the generator sees of them: reads the job's
 * candidates from Kafka and answers with the exporter's {@code job-progress}, each candidate accepted unless
 * {@code rejected} says otherwise. Counts each candidate id once, and how often each was received.
 */
final class StagesStandIn implements AutoCloseable {

    private final String jobId;
    private final Plan plan;
    private final Predicate<String> rejected;
    private final Map<String, Integer> received = new ConcurrentHashMap<>();
    private final Map<String, String> cellOf = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    StagesStandIn(String jobId, Plan plan, Predicate<String> rejected) {
        this.jobId = jobId;
        this.plan = plan;
        this.rejected = rejected;
        this.thread = Thread.ofVirtual().start(this::run);
    }

    /** How many times each candidate id was received. */
    Map<String, Integer> received() {
        return new TreeMap<>(received);
    }

    Set<String> ids() {
        return received().keySet();
    }

    long accepted(String cell) {
        return cellOf.entrySet().stream().filter(e -> e.getValue().equals(cell) && !rejected.test(e.getKey()))
                .count();
    }

    private void run() {
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackTestResource.kafkaBootstrapServers());
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "stand-in-" + UUID.randomUUID());
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackTestResource.kafkaBootstrapServers());
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps);
                KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps)) {
            consumer.subscribe(List.of(Topics.CANDIDATES));
            while (running) {
                boolean fresh = false;
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    JsonNode candidate = Json.MAPPER.readTree(record.value());
                    if (!jobId.equals(candidate.path("jobId").asText())) {
                        continue;
                    }
                    String id = candidate.path("candidateId").asText();
                    fresh |= received.merge(id, 1, Integer::sum) == 1;
                    cellOf.put(id, candidate.path("cell").asText());
                }
                if (fresh) {
                    producer.send(new ProducerRecord<>(Topics.JOB_PROGRESS, jobId, Json.MAPPER.writeValueAsString(
                            progress()))).get();
                }
            }
        } catch (Exception e) {
            if (running) {
                throw new IllegalStateException(e);
            }
        }
    }

    private JobProgress progress() {
        Map<String, CellProgress> cells = new TreeMap<>();
        long accepted = 0;
        long rejectedTotal = 0;
        for (PlanCell cell : plan.cells()) {
            long all = cellOf.values().stream().filter(cell.id()::equals).count();
            long ok = accepted(cell.id());
            cells.put(cell.id(), new CellProgress(cell.quota(), ok, all - ok, 0));
            accepted += ok;
            rejectedTotal += all - ok;
        }
        return new JobProgress(SchemaVersions.CURRENT, jobId, cells, accepted + rejectedTotal, accepted,
                rejectedTotal, 0, 0, Instant.now());
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
    }
}
