package dev.seedforge.support.specs;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.smallrye.common.annotation.Identifier;

import dev.seedforge.contracts.Topics;

/**
 * Reads one job's latest record on the compacted {@code job-specs} topic from the start, for a job whose spec a stage
 * once had and dropped from its bounded store ({@link KnownJobs}): the stage's own consumer read that record long ago
 * and will not read it again. A rare, slow path (the whole topic is scanned); the broker's address and any security
 * settings are the service's own Kafka configuration.
 */
@ApplicationScoped
public class JobSpecsTopic {

    private static final Duration READ_FOR_AT_MOST = Duration.ofMinutes(2);

    private final Map<String, Object> kafka;

    @Inject
    public JobSpecsTopic(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.kafka = Map.copyOf(kafka);
    }

    /** The job's latest record (its JSON), empty when the topic holds none for it or ends with its tombstone. */
    public Optional<String> latest(String jobId) {
        Map<String, Object> config = new HashMap<>();
        kafka.forEach((key, value) -> config.put(key.replace('-', '.'), value));
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // a spec record may be as large as the largest spec the API takes
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.JOB_SPECS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            String latest = null;
            long deadline = System.nanoTime() + READ_FOR_AT_MOST.toNanos();
            while (!partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + Topics.JOB_SPECS + " for job " + jobId + " took over "
                            + READ_FOR_AT_MOST.toSeconds() + " s");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (jobId.equals(record.key())) {
                        latest = record.value();
                    }
                }
            }
            return Optional.ofNullable(latest);
        }
    }
}
