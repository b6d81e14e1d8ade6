package dev.seedforge.support.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.AcceptedJob;
import dev.seedforge.contracts.JobSpecs;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.Topics;
import dev.seedforge.localstack.SharedLocalStack;

/**
 * A job dropped from a stage's bounded store of specs and met again is read again from {@code job-specs} on a real
 * broker (the local stack's), instead of being waited for forever: its record was consumed once and will not come
 * again on the stage's own consumer.
 */
class DroppedJobSpecTest {

    private static final String SPEC = """
            name: dropped-job
            task: Write one short customer question about a parcel.
            format: alpaca
            target: %d
            seeds:
              - instruction: Where is my parcel?
                output: It left the depot this morning.
            """;

    private static JobSpecsTopic topic;

    @BeforeAll
    static void broker() {
        topic = new JobSpecsTopic(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedLocalStack.kafkaBootstrapServers()));
    }

    private static String record(String jobId, int target) throws Exception {
        return Json.MAPPER.writeValueAsString(AcceptedJob.of(jobId, JobSpecs.parse(SPEC.formatted(target), null),
                null, "acme"));
    }

    private static void publish(String jobId, String json) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedLocalStack.kafkaBootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.JOB_SPECS, jobId, json)).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aDroppedJobIsReadAgainFromTheTopicByTheBlockingAndTheReactiveWait() throws Exception {
        String first = "dropped-" + UUID.randomUUID();
        String second = "newer-" + UUID.randomUUID();
        // the topic holds the job's spec twice, as a resume republishes it: the latest one counts
        publish(first, record(first, 3));
        publish(first, record(first, 7));
        publish(second, record(second, 5));

        KnownJobs jobs = new KnownJobs(1, 1_000_000, topic::latest);
        jobs.learn(record(first, 7));
        jobs.learn(record(second, 5));
        assertFalse(jobs.find(first).isPresent(), "dropped: the store keeps one job");

        AcceptedJob again = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> jobs.await(first));
        assertEquals(7, again.spec().target());
        assertEquals("acme", again.owner());
        assertTrue(jobs.find(first).isPresent());
        assertFalse(jobs.find(second).isPresent(), "the store stays bounded");

        AcceptedJob reactive = jobs.when(second).await().atMost(Duration.ofSeconds(60));
        assertEquals(5, reactive.spec().target());
    }

    @Test
    void aJobNeverDroppedIsWaitedForAndTheTopicIsNotRead() throws Exception {
        int[] reads = new int[1];
        KnownJobs jobs = new KnownJobs(1, 1_000_000, jobId -> {
            reads[0]++;
            return Optional.empty();
        });
        CompletableFuture<AcceptedJob> waiting = jobs.when("late-" + UUID.randomUUID()).subscribeAsCompletionStage();
        Thread.sleep(500);
        assertFalse(waiting.isDone(), "a spec not seen yet may still come on the stage's consumer");
        assertEquals(0, reads[0]);
    }

    @Test
    void theTopicAnswersNothingForAJobItNeverHeld() {
        assertEquals(Optional.empty(), topic.latest("never-" + UUID.randomUUID()));
    }
}
