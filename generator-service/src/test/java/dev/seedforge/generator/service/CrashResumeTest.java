package dev.seedforge.generator.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.CellProgress;
import dev.seedforge.contracts.JobProgress;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobSpecs;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.Plan;
import dev.seedforge.contracts.PlanCell;
import dev.seedforge.contracts.SchemaVersions;
import dev.seedforge.contracts.Topics;
import dev.seedforge.contracts.tokens.PriceTable;
import dev.seedforge.generator.TeacherWireMock;
import dev.seedforge.generator.domain.CandidateFactory;
import dev.seedforge.generator.domain.GeneratedExamples;
import dev.seedforge.generator.domain.GenerationPrompt;
import dev.seedforge.generator.domain.PromptBuilder;
import dev.seedforge.generator.llm.TeacherAnswer;
import dev.seedforge.generator.messaging.PipelinePublisher;
import dev.seedforge.generator.persistence.JobEntity;
import dev.seedforge.generator.persistence.JobStore;
import dev.seedforge.generator.persistence.TeacherCallEntity;
import dev.seedforge.localstack.LocalStackTestResource;
import dev.seedforge.testsupport.KafkaTopics;

/**
 * Restart in the middle of a job. The test writes to PostgreSQL, through the generator's own store, exactly what a
 * generator killed mid-job leaves behind, for a job this process has never run (so nothing of it is in memory, as
 * after a restart), then lets the job go on GENERATING and the generator's timer pick it up as it does after a
 * restart:
 * <ol>
 * <li>call 1 answered and booked, its five candidates stored; two of them had reached Kafka, none was marked sent;</li>
 * <li>call 2 answered and its answer cached, but killed before it was booked;</li>
 * <li>call 3 logged pending, killed while the teacher was answering.</li>
 * </ol>
 * The resumed job must send every candidate id with one content only, answer call 2 from the cache (no request to the
 * teacher, paid once), make call 3 and no other, and book each call exactly once. The job's row is left without the
 * per-cell counts it keeps (as a row booked before it kept them): they are counted from the stored candidates.
 */
@QuarkusTest
@TestProfile(CrashResumeTest.WithoutPilot.class)
@QuarkusTestResource(value = LocalStackTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = TeacherWireMock.class, restrictToAnnotatedClass = true)
class CrashResumeTest {

    /** The test writes the job's calls itself, from call 1: no pilot call may come first. */
    public static class WithoutPilot implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("generator.estimate.pilot", "false");
        }
    }

    private static final PriceTable PRICES = new PriceTable(0.15, 0.075, 0.60);
    private static final String CACHED_EXAMPLES = """
            {"examples":[
             {"messages":[{"role":"user","content":"FROM-CACHE Delete task #9."},{"role":"assistant","content":"Deleted task #9"}]},
             {"messages":[{"role":"user","content":"FROM-CACHE Add a task 'Call Ana'."},{"role":"assistant","content":"Created task: 'Call Ana'"}]},
             {"messages":[{"role":"user","content":"FROM-CACHE List my tasks."},{"role":"assistant","content":"1 task: 'Call Ana'"}]},
             {"messages":[{"role":"user","content":"FROM-CACHE Mark task #3 as done."},{"role":"assistant","content":"Completed task #3"}]},
             {"messages":[{"role":"user","content":"FROM-CACHE Rename task #3."},{"role":"assistant","content":"Error: no new name given"}]}
            ]}""";

    @Inject
    JobService jobs;

    @Inject
    JobStore store;

    @Inject
    PipelinePublisher publisher;

    @Test
    void aJobInterruptedMidCallContinuesWithoutResendingOtherContentOrPayingTwice() throws Exception {
        String marker = UUID.randomUUID().toString();
        JsonNode specTree = spec(marker);
        String jobId = await(() -> jobs.submit(specTree, "crash-" + marker)).job().jobId();
        JobEntity planned = await(() -> store.find(jobId));
        assertEquals(JobStatus.PLANNED, planned.status);
        JobSpec spec = JobStore.read(planned.specJson, JobSpec.class);
        PlanCell cell = JobStore.read(planned.planJson, Plan.class).cells().get(0);

        // call 1: answered, booked, candidates stored; two sent to Kafka before the kill, none marked sent
        GenerationPrompt first = startCall(jobId, spec, cell);
        TeacherAnswer firstAnswer = new TeacherAnswer(TeacherWireMock.FIVE_EXAMPLES, "gpt-4o-mini", 1000, 0, 250,
                "STOP");
        await(() -> store.cacheAnswer(first.hash(), firstAnswer));
        double firstCost = PRICES.cost(1000, 0, 250);
        List<Candidate> stored = await(() -> store.recordCall(jobId, new JobStore.CallRecord(1, "gpt-4o-mini",
                first.hash(), 1000, 0, 250, firstCost, 5, null),
                sequence -> CandidateFactory.candidates(jobId, spec,
                        sequence, GeneratedExamples.parse(firstAnswer.text()).examples(),
                        new CandidateFactory.TeacherCall("gpt-4o-mini", first, 1000, 250, firstCost))));
        assertEquals(5, stored.size());
        assertEquals(Map.of(cell.id(), 5L), await(() -> store.state(jobId)).emittedPerCell(),
                "the per-cell count is booked with the call");
        // a row booked by a version that did not keep the per-cell counts: they are counted on the next booking
        await(() -> Panache.withTransaction(() -> JobEntity.update("emittedPerCellJson = null where id = ?1", jobId)));
        for (Candidate candidate : stored.subList(0, 2)) {
            publisher.candidate(candidate).await().atMost(Duration.ofSeconds(30));
        }
        // call 2: its answer arrived and was cached, the kill came before it was booked
        GenerationPrompt second = startCall(jobId, spec, cell);
        await(() -> store.cacheAnswer(second.hash(), new TeacherAnswer(CACHED_EXAMPLES, "gpt-4o-mini", 900, 100, 200,
                "STOP")));
        // call 3: pending, the teacher had not answered
        GenerationPrompt third = startCall(jobId, spec, cell);
        assertEquals(List.of(1L, 2L, 3L), List.of(first.callSequence(), second.callSequence(), third.callSequence()));

        await(() -> store.transition(jobId, JobStatus.PLANNED, JobStatus.GENERATING, "resumed after a restart"));

        List<ConsumerRecord<String, String>> records = consume(Topics.CANDIDATES, jobId, 17);
        Map<String, List<JsonNode>> byId = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            JsonNode candidate = Json.MAPPER.readTree(record.value());
            byId.computeIfAbsent(candidate.get("candidateId").asText(), id -> new ArrayList<>()).add(candidate);
        }
        List<String> expectedIds = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            expectedIds.add(String.format("%s-c%06d", jobId, i));
        }
        assertEquals(expectedIds, byId.keySet().stream().sorted().toList(), "ids 0 to 14, no gap, no extra");
        byId.forEach((id, copies) -> assertTrue(copies.stream().distinct().count() == 1,
                id + " was sent with different content: " + copies));
        assertEquals(2, byId.get(jobId + "-c000000").size(), "sent before the kill and again after it");
        assertEquals(1, byId.get(jobId + "-c000002").size());
        for (int i = 5; i < 10; i++) {
            JsonNode candidate = byId.get(String.format("%s-c%06d", jobId, i)).get(0);
            assertTrue(candidate.get("example").toString().contains("FROM-CACHE"), "call 2 is the cached answer");
            assertEquals(second.hash(), candidate.at("/lineage/promptHash").asText());
        }
        for (int i = 10; i < 15; i++) {
            assertEquals(third.hash(), byId.get(String.format("%s-c%06d", jobId, i)).get(0).at("/lineage/promptHash")
                    .asText());
        }
        assertEquals(1, TeacherWireMock.server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getBodyAsString().contains(marker)).count(),
                "only the call the teacher had not answered is made again");
        // each is marked sent once the broker has it (just after), or the next sweep would send it again
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        List<Candidate> unsent = await(() -> store.unsent(jobId));
        while (!unsent.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            unsent = await(() -> store.unsent(jobId));
        }
        assertEquals(List.of(), unsent.stream().map(Candidate::candidateId).toList(), "every sent candidate marked sent");

        JobStore.Usage usage = await(() -> store.usage(jobId));
        assertEquals(3, usage.calls(), "three calls in the log, each once");
        assertEquals(1000 + 900 + 1000, usage.inputTokens());
        assertEquals(250 + 200 + 250, usage.outputTokens());
        double paid = firstCost + PRICES.cost(900, 100, 200) + PRICES.cost(1000, 0, 250);
        assertEquals(paid, usage.costUsd(), 1e-12, "each call paid once");
        JobEntity resumed = await(() -> store.find(jobId));
        assertEquals(paid, resumed.generationCostUsd, 1e-12);
        assertEquals(15, resumed.candidatesEmitted);
        assertEquals(Map.of(cell.id(), 15L), await(() -> store.state(jobId)).emittedPerCell(),
                "kept per cell across the resumed bookings, the first counted from the stored candidates");
        assertEquals(0L, (long) await(() -> Panache.withSession(() -> TeacherCallEntity.count(
                "jobId = ?1 and status = ?2", jobId, TeacherCallEntity.PENDING))), "no call left pending");
        for (GenerationPrompt call : List.of(first, second, third)) {
            JobStore.StoredAnswer answer = await(() -> store.cachedAnswer(call.hash()));
            assertTrue(answer.booked(), "call " + call.callSequence() + "'s answer is marked paid for");
        }
        // an answer kept again for the same prompt (a second instance answered too) leaves the first as it was
        await(() -> store.cacheAnswer(second.hash(), new TeacherAnswer("other", "gpt-4o-mini", 1, 0, 1, "STOP")));
        JobStore.StoredAnswer kept = await(() -> store.cachedAnswer(second.hash()));
        assertEquals(new TeacherAnswer(CACHED_EXAMPLES, "gpt-4o-mini", 900, 100, 200, "STOP"), kept.answer(),
                "the first answer kept, usage and all");
        assertTrue(kept.booked());

        publish(Topics.JOB_PROGRESS, jobId, Json.MAPPER.writeValueAsString(new JobProgress(SchemaVersions.CURRENT,
                jobId, Map.of(cell.id(), new CellProgress(cell.quota(), 4, 11, 0)), 15, 4, 11, 0, paid,
                Instant.now())));
        JsonNode finalizing = Json.MAPPER.readTree(consume(Topics.JOB_EVENTS, jobId, 1, "FINALIZING").get(0).value());
        assertEquals(15, finalizing.get("candidatesEmitted").asLong(), "the announced count has no duplicate in it");
    }

    /** A reason longer than its column (a provider's error, a long diagnosis) is cut, not a write that fails for good. */
    @Test
    void aReasonLongerThanItsColumnIsKeptCut() throws Exception {
        String marker = UUID.randomUUID().toString();
        JsonNode specTree = spec(marker);
        String jobId = await(() -> jobs.submit(specTree, "reason-" + marker)).job().jobId();
        String longReason = "paused: " + "cell x: 100% rejected; ".repeat(300);
        await(() -> store.setReason(jobId, longReason));
        String kept = await(() -> store.find(jobId)).reason;
        assertEquals(JobEntity.REASON_LENGTH, kept.length());
        assertEquals(longReason.substring(0, JobEntity.REASON_LENGTH - 1) + "\u2026", kept);
    }

    private GenerationPrompt startCall(String jobId, JobSpec spec, PlanCell cell) {
        return await(() -> store.startCall(jobId, cell.id(), 5, null,
                sequence -> PromptBuilder.build(spec, cell, sequence, 5, null)));
    }

    /** The example job reduced to one cell, four examples, no judge, manual approval, its task made unique. */
    private static JsonNode spec(String marker) throws Exception {
        ObjectNode tree = Json.MAPPER.valueToTree(JobSpecs.load(Path.of("../examples/task-api/job.yaml")));
        tree.put("target", 4).put("approval", "manual").put("examples_per_call", 5);
        for (String field : List.of("max_candidates", "axes", "complexity", "multi_turn", "judge", "dedup", "export",
                "rules", "temperature_range", "tools", "system_prompts", "budget_usd")) {
            tree.remove(field);
        }
        tree.put("task", tree.get("task").asText() + " " + marker);
        return tree;
    }

    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static void publish(String topic, String key, String value) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackTestResource.kafkaBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static List<ConsumerRecord<String, String>> consume(String topic, String jobId, int count) {
        return consume(topic, jobId, count, null);
    }

    /**
     * Reads the topic from the start until {@code count} records of the job (containing {@code text}, if given) are
     * found and 3 s pass without another, or 120 s pass: a duplicate arriving late is seen too.
     */
    private static List<ConsumerRecord<String, String>> consume(String topic, String jobId, int count, String text) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackTestResource.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(120);
            Instant quietUntil = null;
            while (Instant.now().isBefore(deadline) && (quietUntil == null || Instant.now().isBefore(quietUntil))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (jobId.equals(KafkaTopics.jobIdOf(record.value())) && (text == null || record.value().contains(text))) {
                        found.add(record);
                        if (found.size() >= count) {
                            quietUntil = Instant.now().plusSeconds(3);
                        }
                    }
                }
            }
        }
        return found;
    }
}
