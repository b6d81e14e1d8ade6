package dev.seedforge.validator.service;

import static dev.seedforge.support.reactive.Blocking.await;
import static dev.seedforge.validator.service.JudgeBatchModeTest.candidates;
import static dev.seedforge.validator.service.JudgeBatchModeTest.diff;
import static dev.seedforge.validator.service.JudgeBatchModeTest.ids;
import static dev.seedforge.validator.service.JudgeBatchModeTest.send;
import static dev.seedforge.validator.service.JudgeBatchModeTest.verdicts;
import static dev.seedforge.validator.service.JudgeBatchModeTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.JobEvent;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.JudgeSpec;
import dev.seedforge.contracts.LlmSpec;
import dev.seedforge.contracts.ReasonCode;
import dev.seedforge.contracts.Topics;
import dev.seedforge.contracts.ValidatedCandidate;
import dev.seedforge.contracts.tokens.PriceTable;
import dev.seedforge.localstack.LocalStackTestResource;
import dev.seedforge.support.llm.AnthropicBatchClient;
import dev.seedforge.support.llm.BatchApi;
import dev.seedforge.testsupport.KafkaTopics;
import dev.seedforge.testsupport.SimulatorProcess;
import dev.seedforge.validator.persistence.JudgeBatchStore;
import dev.seedforge.validator.persistence.JudgeRoundEntity;

/**
 * The judge on Anthropic's Message Batches ({@code judge: {provider: anthropic, mode: batch}}) end to end on real Kafka
 * and PostgreSQL against the packaged simulator's {@code /v1/messages/batches} (6 s per batch, so that a cancel
 * arrives before the batch ends on a loaded machine too): every candidate's
 * verdict reaches {@code validated} at Claude's batch prices with no real-time call; a validator stopped between
 * creating a message batch and storing its id takes that batch up (found by its request count and time: Anthropic
 * batches have no input file and no metadata) and creates none again; a cancelled job's message batch is cancelled at
 * the provider.
 */
@QuarkusTest
@TestProfile(AnthropicJudgeBatchModeTest.AnthropicBatch.class)
@QuarkusTestResource(value = LocalStackTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = SimulatorProcess.class, restrictToAnnotatedClass = true, initArgs = @ResourceArg(name = "batch-completion-delay-ms", value = "6000"))
class AnthropicJudgeBatchModeTest {

    static final String KEY = "sk-ant-api03-judge-batch-test-0123456789";
    static final String CLAUDE = "claude-haiku-4-5";

    /** {@link JudgeBatchModeTest.Batch}'s quick rounds, and an Anthropic key as the environment gives it. */
    public static class AnthropicBatch extends JudgeBatchModeTest.Batch {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("ANTHROPIC_API_KEY", KEY);
            return config;
        }
    }

    /** Claude Haiku 4.5's list price at Anthropic's batch discount. */
    static final PriceTable HALF = PriceTable.lookup(PriceTable.LIST_PRICES, CLAUDE).orElseThrow().times(0.5);

    @Inject
    JudgeBatchRounds rounds;

    @Inject
    JudgeBatchStore store;

    @Inject
    AnthropicBatchClient anthropic;

    @Inject
    Scheduler scheduler;

    @AfterEach
    void resume() {
        scheduler.resume();
    }

    static JobSpec spec(int batchSize) {
        return JobSpec.builder().task("Answer general questions helpfully").format(ExampleFormat.ALPACA).target(10)
                .judge(new JudgeSpec(true, null, null, batchSize, LlmSpec.ANTHROPIC, CLAUDE,
                        SimulatorProcess.baseUrl + "/v1/", LlmSpec.BATCH))
                .build();
    }

    static BatchApi.Endpoint endpoint() {
        return new BatchApi.Endpoint(SimulatorProcess.baseUrl + "/v1/", KEY);
    }

    @Test
    void aJobJudgedOnMessageBatchesGetsEveryVerdictAtClaudesBatchPrices() throws Exception {
        JsonNode before = SimulatorProcess.stats();
        String jobId = "ajb-" + UUID.randomUUID();
        List<Candidate> candidates = candidates(jobId, 12, 100);
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
            for (JudgeBatchStore.Round r : made) {
                assertEquals(JudgeRoundEntity.ENDED, r.state(), r.toString());
                assertEquals("ended", r.batchStatus(), "Anthropic's processing_status: " + r);
                assertTrue(r.batchId().startsWith("msgbatch_"), r.toString());
                assertEquals(0, r.leftOver(), r.toString());
                BatchApi.Status status = anthropic.get(endpoint(), r.batchId());
                assertEquals(r.requests(), status.succeeded(), status.toString());
            }
            assertEquals(judged, made.stream().mapToInt(JudgeBatchStore.Round::judged).sum());
            JsonNode after = SimulatorProcess.stats();
            assertEquals(made.size(), diff(before, after, "/batch/batches"), "one message batch per round");
            assertEquals(0, diff(before, after, "/requests"), "no real-time judge call");
            assertEquals(made.stream().mapToInt(JudgeBatchStore.Round::requests).sum(),
                    diff(before, after, "/batch/requests"), "every call asked once");
            double roundCost = made.stream().mapToDouble(JudgeBatchStore.Round::costUsd).sum();
            assertEquals(roundCost, verdictCost, 1e-9, "each verdict carries its share of its call");
            long in = diff(before, after, "/batch/prompt_tokens");
            long out = diff(before, after, "/batch/completion_tokens");
            assertTrue(in > 0 && out > 0);
            assertTrue(roundCost <= HALF.cost(in, 0, out) + 1e-12 && roundCost >= HALF.cost(in, in, out) - 1e-12,
                    "half Claude's real-time price of the tokens the simulator counted: " + roundCost);
        }
    }

    @Test
    void aValidatorStoppedBetweenCreatingAMessageBatchAndStoringItsIdTakesItUpAndCreatesNoOther() throws Exception {
        scheduler.pause();
        JsonNode before = SimulatorProcess.stats();
        String jobId = "ajb-restart-" + UUID.randomUUID();
        List<Candidate> candidates = candidates(jobId, 6, 120);
        try (KafkaTopics topics = new KafkaTopics(LocalStackTestResource.kafkaBootstrapServers())) {
            topics.sendJobSpec(jobId, spec(3), null, null);
            send(topics, candidates);
            waitFor(() -> await(store::waiting).stream().filter(w -> w.jobId.equals(jobId)).count() == 6,
                    "six candidates waiting");
            waitFor(() -> {
                rounds.tick();
                JudgeBatchStore.Round round = round(jobId);
                return round != null && JudgeRoundEntity.SUBMITTED.equals(round.state());
            }, "the round submitted");
            JudgeBatchStore.Round submitted = round(jobId);
            assertNotNull(submitted.batchId());
            // what a validator killed after creating the message batch leaves: the round UPLOADED with the time
            // creating began, the batch id never stored, its lease run out
            Instant creating = submitted.createdAt();
            await(() -> store.update(submitted.id(), r -> {
                r.state = JudgeRoundEntity.UPLOADED;
                r.batchId = null;
                r.submittedAt = creating;
                r.owner = "validator-killed";
                r.leaseUntil = Instant.now().minusSeconds(1);
            }));
            rounds.tick();
            assertEquals(JudgeRoundEntity.SUBMITTED, round(jobId).state(), "a dead owner's round is taken over");
            assertEquals(submitted.batchId(), round(jobId).batchId(),
                    "the message batch found by its request count and time");
            scheduler.resume();
            Map<String, ValidatedCandidate> verdicts = verdicts(topics, jobId, candidates.size());
            assertEquals(ids(candidates), verdicts.keySet());
            JsonNode after = SimulatorProcess.stats();
            assertEquals(1, diff(before, after, "/batch/batches"), "one create");
            assertEquals(2, diff(before, after, "/batch/requests"), "two calls of three, each asked once");
            JudgeBatchStore.Round ended = round(jobId);
            assertEquals(6, ended.judged(), ended.toString());
            assertEquals(1, await(() -> store.view(jobId)).size(), "no second round");
            assertEquals(ended.costUsd(), verdicts.values().stream().mapToDouble(v -> v.verdict().judgeCostUsd())
                    .sum(), 1e-9, "paid once");
        }
    }

    @Test
    void aCancelledJobsMessageBatchIsCancelledAtTheProvider() throws Exception {
        scheduler.pause();
        String jobId = "ajb-cancel-" + UUID.randomUUID();
        List<Candidate> candidates = candidates(jobId, 5, 140);
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
            String status = anthropic.get(endpoint(), batchId).status();
            assertTrue(Set.of("canceling", "ended").contains(status), status);
            scheduler.resume();
            Map<String, ValidatedCandidate> verdicts = verdicts(topics, jobId, candidates.size());
            assertEquals(ids(candidates), verdicts.keySet());
            verdicts.values().forEach(v -> assertFalse(v.verdict().accepted(), v.toString()));
            assertEquals("ended", round(jobId).batchStatus());
            assertTrue(anthropic.get(endpoint(), batchId).failed() > 0, "requests canceled");
        }
    }

    private JudgeBatchStore.Round round(String jobId) {
        List<JudgeBatchStore.Round> all = await(() -> store.view(jobId));
        return all.isEmpty() ? null : all.get(0);
    }
}
