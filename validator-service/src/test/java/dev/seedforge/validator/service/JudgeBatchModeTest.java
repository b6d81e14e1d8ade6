package dev.seedforge.validator.service;

import static dev.seedforge.support.reactive.Blocking.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.JobEvent;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.JudgeSpec;
import dev.seedforge.contracts.Lineage;
import dev.seedforge.contracts.ReasonCode;
import dev.seedforge.contracts.SchemaVersions;
import dev.seedforge.contracts.Topics;
import dev.seedforge.contracts.ValidatedCandidate;
import dev.seedforge.contracts.Verdict;
import dev.seedforge.contracts.tokens.PriceTable;
import dev.seedforge.localstack.LocalStackTestResource;
import dev.seedforge.testsupport.KafkaTopics;
import dev.seedforge.testsupport.SimulatorProcess;
import dev.seedforge.validator.persistence.JudgeBatchStore;
import dev.seedforge.validator.persistence.JudgeRoundEntity;
import dev.seedforge.validator.persistence.JudgeWaitEntity;

/**
 * The judge's batch mode end to end on real Kafka and PostgreSQL against the packaged simulator's Files and Batch
 * APIs (3 s per batch): a round's verdicts reach {@code validated} at batch prices with no real-time judge call; a
 * validator stopped between creating a batch and storing its id (and another instance holding the round's lease)
 * resumes it, finds the batch and submits once; a cancelled job's batch is cancelled at the provider.
 */
@QuarkusTest
@TestProfile(JudgeBatchModeTest.Batch.class)
@QuarkusTestResource(value = LocalStackTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = SimulatorProcess.class, restrictToAnnotatedClass = true, initArgs = @ResourceArg(name = "batch-completion-delay-ms", value = "3000"))
class JudgeBatchModeTest {

    /** Rounds out after a second's linger, quick polls. */
    public static class Batch implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("validator.judge.batch.linger", "1s", "validator.judge.batch.poll-every", "200ms",
                    "validator.judge.batch.tick-every", "1s", "validator.judge.batch.max-attempts", "3");
        }
    }

    static final PriceTable HALF = PriceTable.GPT_4O_MINI.times(0.5);
    static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Inject
    JudgeBatchRounds rounds;

    @Inject
    JudgeBatchStore store;

    @Inject
    Scheduler scheduler;

    @AfterEach
    void resume() {
        scheduler.resume();
    }

    @Test
    void aRoundsVerdictsReachValidatedAtBatchPricesWithNoRealTimeCall() throws Exception {
        JsonNode before = SimulatorProcess.stats();
        String jobId = "jb-" + UUID.randomUUID();
        List<Candidate> candidates = candidates(jobId, 12, 0);
        try (KafkaTopics topics = new KafkaTopics(LocalStackTestResource.kafkaBootstrapServers())) {
            topics.sendJobSpec(jobId, spec(5), null, null);
            send(topics, candidates);
            Map<String, ValidatedCandidate> verdicts = verdicts(topics, jobId, candidates.size());
            assertEquals(ids(candidates), verdicts.keySet());
            List<JudgeBatchStore.Round> made = await(() -> store.view(jobId));
            assertFalse(made.isEmpty());
            double verdictCost = 0;
            int judged = 0;
            for (ValidatedCandidate v : verdicts.values()) {
                assertTrue(v.verdict().reasons().stream()
                        .noneMatch(r -> ReasonCode.JUDGE_UNAVAILABLE.code().equals(r.code())),
                        "judged in the first round: " + v);
                if (!v.verdict().judgeScores().isEmpty()) {
                    judged++;
                    assertTrue(v.verdict().judgeCostUsd() > 0, v.toString());
                }
                verdictCost += v.verdict().judgeCostUsd();
            }
            assertTrue(judged > 0, "the judge scored candidates");
            made.forEach(r -> {
                assertEquals(JudgeRoundEntity.ENDED, r.state(), r.toString());
                assertEquals("completed", r.batchStatus(), r.toString());
                assertEquals(0, r.leftOver(), r.toString());
            });
            assertEquals(judged, made.stream().mapToInt(JudgeBatchStore.Round::judged).sum());
            JsonNode after = SimulatorProcess.stats();
            assertEquals(made.size(), diff(before, after, "/batch/batches"), "one batch per round");
            assertEquals(0, diff(before, after, "/requests"), "no real-time judge call");
            assertEquals(made.stream().mapToInt(JudgeBatchStore.Round::requests).sum(),
                    diff(before, after, "/batch/requests"), "every call asked once");
            double roundCost = made.stream().mapToDouble(JudgeBatchStore.Round::costUsd).sum();
            assertEquals(roundCost, verdictCost, 1e-9, "each verdict carries its share of its call");
            long in = diff(before, after, "/batch/prompt_tokens");
            long out = diff(before, after, "/batch/completion_tokens");
            assertTrue(roundCost <= HALF.cost(in, 0, out) + 1e-12 && roundCost >= HALF.cost(in, in, out) - 1e-12,
                    "half the real-time price of the tokens the simulator counted: " + roundCost);

            // a redelivered candidate gets its stored verdict again, with no new round
            topics.send(Topics.CANDIDATES, candidates.get(0).candidateId(), Json.MAPPER.writeValueAsString(candidates
                    .get(0)));
            List<ConsumerRecord<String, String>> again = topics.read(Topics.VALIDATED, jobId, candidates.size() + 1,
                    TIMEOUT);
            assertEquals(candidates.size() + 1, again.size());
            assertEquals(made.size(), await(() -> store.view(jobId)).size());

            // a delivery read before its round ended but queued after its verdict was sent and forgotten (a
            // redelivered poll racing the round) gets that verdict, and is not queued for a second, paid, round
            Candidate late = candidates.get(1);
            waitFor(() -> waitingRow(late.candidateId()) == null, "the sent verdict's waiting row forgotten");
            Verdict stored = rounds.awaitJudge(late);
            assertNotNull(stored, "the stored verdict comes back");
            Verdict sent = verdicts.get(late.candidateId()).verdict();
            assertEquals(List.of(sent.accepted(), sent.judgeCostUsd(), sent.judgeScores()),
                    List.of(stored.accepted(), stored.judgeCostUsd(), stored.judgeScores()));
            assertNull(waitingRow(late.candidateId()), "not queued again");
        }
    }

    private static JudgeWaitEntity waitingRow(String candidateId) {
        return await(() -> Panache.withSession(() -> JudgeWaitEntity.<JudgeWaitEntity> findById(candidateId)));
    }

    @Test
    void aValidatorStoppedBetweenCreatingABatchAndStoringItsIdResumesAndSubmitsOnce() throws Exception {
        scheduler.pause();
        JsonNode before = SimulatorProcess.stats();
        String jobId = "jb-restart-" + UUID.randomUUID();
        List<Candidate> candidates = candidates(jobId, 6, 20);
        try (KafkaTopics topics = new KafkaTopics(LocalStackTestResource.kafkaBootstrapServers())) {
            topics.sendJobSpec(jobId, spec(3), null, null);
            send(topics, candidates);
            waitFor(() -> await(store::waiting).stream().filter(w -> w.jobId.equals(jobId)).count() == 6,
                    "six candidates waiting");
            // every record was acknowledged with no verdict: nothing on validated yet
            assertTrue(topics.read(Topics.VALIDATED, jobId, 1, Duration.ofSeconds(2)).isEmpty());
            waitFor(() -> {
                rounds.tick();
                JudgeBatchStore.Round round = round(jobId);
                return round != null && JudgeRoundEntity.SUBMITTED.equals(round.state());
            }, "the round submitted");
            JudgeBatchStore.Round submitted = round(jobId);
            assertNotNull(submitted.batchId());
            // what a validator killed after creating the batch leaves: the round UPLOADED, the batch id never stored,
            // and its lease still running
            await(() -> store.update(submitted.id(), r -> {
                r.state = JudgeRoundEntity.UPLOADED;
                r.batchId = null;
                r.owner = "validator-killed";
                r.leaseUntil = Instant.now().plusSeconds(3600);
            }));
            rounds.tick();
            assertEquals(JudgeRoundEntity.UPLOADED, round(jobId).state(), "another instance's lease is respected");
            await(() -> store.update(submitted.id(), r -> r.leaseUntil = Instant.now().minusSeconds(1)));
            rounds.tick();
            assertEquals(JudgeRoundEntity.SUBMITTED, round(jobId).state(), "a dead owner's round is taken over");
            assertEquals(submitted.batchId(), round(jobId).batchId(), "the batch found by its input file");
            scheduler.resume();
            Map<String, ValidatedCandidate> verdicts = verdicts(topics, jobId, candidates.size());
            assertEquals(ids(candidates), verdicts.keySet());
            JsonNode after = SimulatorProcess.stats();
            assertEquals(1, diff(before, after, "/batch/batches"), "one submit");
            assertEquals(2, diff(before, after, "/batch/requests"), "two calls of three, each asked once");
            JudgeBatchStore.Round ended = round(jobId);
            assertEquals(6, ended.judged(), ended.toString());
            assertEquals(ended.costUsd(), verdicts.values().stream().mapToDouble(v -> v.verdict().judgeCostUsd())
                    .sum(), 1e-9, "paid once");
        }
    }

    @Test
    void aCancelledJobsBatchIsCancelledAtTheProvider() throws Exception {
        scheduler.pause();
        String jobId = "jb-cancel-" + UUID.randomUUID();
        List<Candidate> candidates = candidates(jobId, 5, 40);
        try (KafkaTopics topics = new KafkaTopics(LocalStackTestResource.kafkaBootstrapServers())) {
            topics.sendJobSpec(jobId, spec(5), null, null);
            send(topics, candidates);
            waitFor(() -> {
                rounds.tick();
                JudgeBatchStore.Round round = round(jobId);
                return round != null && JudgeRoundEntity.SUBMITTED.equals(round.state());
            }, "the round submitted");
            String batchId = round(jobId).batchId();
            topics.send(Topics.JOB_EVENTS, jobId, Json.MAPPER.writeValueAsString(JobEvent.of(jobId,
                    JobStatus.CANCELLED, "cancelled by a test", null, "generator")));
            waitFor(() -> await(store::cancelledJobs).contains(jobId), "the cancel noted");
            rounds.tick();
            assertTrue(round(jobId).cancelRequested(), round(jobId).toString());
            String status = SimulatorProcess.batch(batchId).path("status").asText();
            assertTrue(Set.of("cancelling", "cancelled").contains(status), status);
            scheduler.resume();
            // every candidate still gets one verdict: none was answered, so the judge was unavailable for each
            Map<String, ValidatedCandidate> verdicts = verdicts(topics, jobId, candidates.size());
            assertEquals(ids(candidates), verdicts.keySet());
            verdicts.values().forEach(v -> assertFalse(v.verdict().accepted(), v.toString()));
            assertEquals("cancelled", round(jobId).batchStatus());
        }
    }

    private JudgeBatchStore.Round round(String jobId) {
        List<JudgeBatchStore.Round> all = await(() -> store.view(jobId));
        return all.isEmpty() ? null : all.get(0);
    }

    static JobSpec spec(int batchSize) {
        return JobSpec.builder().task("Answer general questions helpfully").format(ExampleFormat.ALPACA).target(10)
                .judge(new JudgeSpec(true, null, null, batchSize, "openai-compatible", "gpt-4o-mini",
                        SimulatorProcess.baseUrl + "/v1", "batch"))
                .build();
    }

    static List<Candidate> candidates(String jobId, int count, int offset) throws Exception {
        JsonNode alpaca;
        try (InputStream in = JudgeBatchModeTest.class.getResourceAsStream("/data/llamafactory-alpaca-en-demo.json")) {
            alpaca = Json.MAPPER.readTree(in);
        }
        List<Candidate> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(new Candidate(SchemaVersions.CURRENT, jobId + "-" + i, jobId, Candidate.DEFAULT_CELL,
                    ExampleFormat.ALPACA, alpaca.get(offset + i), new Lineage("m", "h", List.of(0), 0.9, 1, 1, 0)));
        }
        return list;
    }

    static void send(KafkaTopics topics, List<Candidate> candidates) throws Exception {
        for (Candidate c : candidates) {
            topics.send(Topics.CANDIDATES, c.candidateId(), Json.MAPPER.writeValueAsString(c));
        }
    }

    static Map<String, ValidatedCandidate> verdicts(KafkaTopics topics, String jobId, int expected) throws Exception {
        Map<String, ValidatedCandidate> byId = new HashMap<>();
        for (ConsumerRecord<String, String> record : topics.read(Topics.VALIDATED, jobId, expected, TIMEOUT)) {
            ValidatedCandidate v = Json.MAPPER.readValue(record.value(), ValidatedCandidate.class);
            byId.put(v.candidate().candidateId(), v);
        }
        return byId;
    }

    static Set<String> ids(List<Candidate> candidates) {
        Set<String> ids = new HashSet<>();
        candidates.forEach(c -> ids.add(c.candidateId()));
        return ids;
    }

    static long diff(JsonNode before, JsonNode after, String pointer) {
        return after.at(pointer).asLong() - before.at(pointer).asLong();
    }

    static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
    }
}
