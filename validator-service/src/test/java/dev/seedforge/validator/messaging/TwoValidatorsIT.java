package dev.seedforge.validator.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.JudgeSpec;
import dev.seedforge.contracts.Lineage;
import dev.seedforge.contracts.SchemaVersions;
import dev.seedforge.contracts.Topics;
import dev.seedforge.contracts.ValidatedCandidate;
import dev.seedforge.localstack.LocalStack;
import dev.seedforge.localstack.LocalStackTestResource;
import dev.seedforge.testsupport.KafkaTopics;

/**
 * Two packaged validators, as separate processes, in one consumer group on a real broker: candidates are keyed by
 * candidate id as the generator sends them, so each job's candidates spread over the partitions of
 * {@code candidates} and both instances validate the same jobs; every candidate gets exactly one verdict, and a job's
 * verdicts are keyed by job id again, all on one partition of {@code validated}, for dedup's per-job index.
 */
class TwoValidatorsIT {

    private static final int JOBS = 12;
    private static final int PER_JOB = 10;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final List<Process> validators = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process process : validators) {
            process.destroy();
        }
        for (Process process : validators) {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void twoInstancesShareEachJobAndEveryCandidateGetsOneVerdict() throws Exception {
        LocalStack stack = LocalStackTestResource.stack();
        List<String> jobs = new ArrayList<>();
        while (jobs.size() < JOBS) {
            String jobId = "two-" + UUID.randomUUID();
            jobs.add(jobId);
            try (KafkaTopics topics = new KafkaTopics(stack.kafkaBootstrapServers())) {
                topics.sendJobSpec(jobId, JobSpec.builder().task("t").format(ExampleFormat.ALPACA).target(10)
                        .judge(new JudgeSpec(false, null, null, null)).build(), null, null);
            }
        }
        for (int i = 1; i <= 2; i++) {
            validators.add(launch(i, stack));
        }
        Map<String, MemberDescription> members = awaitTwoMembersWithPartitions(stack.kafkaBootstrapServers());

        JsonNode alpaca = Json.MAPPER.readTree(getClass().getResourceAsStream("/data/llamafactory-alpaca-en-demo.json"));
        Set<String> sent = new HashSet<>();
        Map<String, Set<Integer>> candidatePartitions = new HashMap<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(), ProducerConfig.ACKS_CONFIG,
                "all"), new StringSerializer(), new StringSerializer())) {
            for (int j = 0; j < JOBS; j++) {
                for (int c = 0; c < PER_JOB; c++) {
                    String id = jobs.get(j) + "-" + c;
                    Candidate candidate = new Candidate(SchemaVersions.CURRENT, id, jobs.get(j),
                            Candidate.DEFAULT_CELL, ExampleFormat.ALPACA, alpaca.get(j * PER_JOB + c),
                            new Lineage("m", "h", List.of(0), 0.9, 1, 1, 0));
                    // keyed as the generator keys them (PipelinePublisher): by candidate id
                    RecordMetadata metadata = producer.send(new ProducerRecord<>(Topics.CANDIDATES, id,
                            Json.MAPPER.writeValueAsString(candidate))).get(30, TimeUnit.SECONDS);
                    candidatePartitions.computeIfAbsent(jobs.get(j), k -> new HashSet<>()).add(metadata.partition());
                    sent.add(id);
                }
            }
        }

        Map<String, Integer> verdicts = new HashMap<>();
        Map<String, Set<Integer>> verdictPartitions = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.VALIDATED));
            Instant deadline = Instant.now().plus(TIMEOUT);
            Instant settled = null;
            while (Instant.now().isBefore(deadline) && (settled == null || Instant.now().isBefore(settled))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
                    ValidatedCandidate validated = Json.MAPPER.readValue(record.value(), ValidatedCandidate.class);
                    assertEquals(validated.candidate().jobId(), record.key(), "keyed by job id");
                    verdicts.merge(validated.candidate().candidateId(), 1, Integer::sum);
                    verdictPartitions.computeIfAbsent(record.key(), k -> new HashSet<>()).add(record.partition());
                }
                if (settled == null && verdicts.keySet().containsAll(sent)) {
                    settled = Instant.now().plusSeconds(3);
                }
            }
        }

        assertEquals(sent, verdicts.keySet(), "every candidate got a verdict");
        assertTrue(verdicts.values().stream().allMatch(n -> n == 1), "exactly one verdict each: " + verdicts);
        // ten candidates on three partitions: all on one has a chance of 3 in 3^10 per job
        for (String job : jobs) {
            assertTrue(candidatePartitions.get(job).size() > 1, "a job's candidates spread: " + candidatePartitions);
            assertEquals(1, verdictPartitions.get(job).size(), "a job's verdicts share a partition: " + verdictPartitions);
        }
        int sharedJobs = 0;
        for (String job : jobs) {
            long owners = members.values().stream().filter(member -> member.assignment().topicPartitions().stream()
                    .anyMatch(tp -> candidatePartitions.get(job).contains(tp.partition()))).count();
            sharedJobs += owners == 2 ? 1 : 0;
        }
        // one instance owns one partition of three: a job misses it with a chance of (2/3)^10, under 2%
        assertTrue(sharedJobs >= JOBS / 2, "both instances validated most jobs: " + sharedJobs + " of " + JOBS
                + "; members " + members + ", candidates on partitions " + candidatePartitions);
        for (Process process : validators) {
            assertTrue(process.isAlive(), "a validator died");
        }
    }

    private static Process launch(int instance, LocalStack stack) throws Exception {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        assertTrue(Files.exists(jar), "package the module first: " + jar.toAbsolutePath());
        File log = Path.of("target/it-validator-" + instance + ".log").toFile();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx384m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
                "-Dquarkus.http.port=0"));
        for (Map.Entry<String, String> entry : LocalStackTestResource.config(stack).entrySet()) {
            command.add("-D" + entry.getKey() + "=" + entry.getValue());
        }
        command.add("-jar");
        command.add(jar.toString());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }

    private static Map<String, MemberDescription> awaitTwoMembersWithPartitions(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Instant deadline = Instant.now().plus(TIMEOUT);
            while (Instant.now().isBefore(deadline)) {
                ConsumerGroupDescription group;
                try {
                    group = admin.describeConsumerGroups(List.of("validator-service")).all().get(10, TimeUnit.SECONDS)
                            .get("validator-service");
                } catch (ExecutionException e) {
                    Thread.sleep(500); // the group does not exist until the first validator joins it
                    continue;
                }
                Map<String, MemberDescription> members = new HashMap<>();
                Set<TopicPartition> assigned = new HashSet<>();
                for (MemberDescription member : group.members()) {
                    Set<TopicPartition> candidates = new HashSet<>();
                    member.assignment().topicPartitions().stream()
                            .filter(tp -> tp.topic().equals(Topics.CANDIDATES)).forEach(candidates::add);
                    if (!candidates.isEmpty()) {
                        members.put(member.consumerId(), member);
                        assigned.addAll(candidates);
                    }
                }
                if (members.size() == 2 && assigned.size() == 3) {
                    return members;
                }
                Thread.sleep(500);
            }
            throw new AssertionError("two validators never shared the 3 partitions of " + Topics.CANDIDATES);
        }
    }
}
