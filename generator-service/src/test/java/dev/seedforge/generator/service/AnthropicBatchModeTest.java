package dev.seedforge.generator.service;

import static dev.seedforge.generator.service.BatchModeTest.await;
import static dev.seedforge.generator.service.BatchModeTest.diff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.LlmSpec;
import dev.seedforge.contracts.Plan;
import dev.seedforge.contracts.PlanCell;
import dev.seedforge.contracts.tokens.PriceTable;
import dev.seedforge.generator.TeacherSimulatorProcess;
import dev.seedforge.generator.domain.GenerationPrompt;
import dev.seedforge.generator.domain.NextCalls;
import dev.seedforge.generator.llm.BatchRequests;
import dev.seedforge.generator.persistence.BatchRoundEntity;
import dev.seedforge.generator.persistence.BatchRoundStore;
import dev.seedforge.generator.persistence.JobState;
import dev.seedforge.generator.persistence.JobStore;
import dev.seedforge.localstack.LocalStackTestResource;
import dev.seedforge.support.llm.AnthropicBatchClient;
import dev.seedforge.support.llm.BatchApi;

/**
 * Batch mode with {@code teacher: {provider: anthropic}} end to end on real Kafka and PostgreSQL against the packaged
 * teacher simulator's Message Batches (its own JVM, 3 s per batch): rounds until every quota is met at Claude's batch
 * prices, each request's params the real-time Messages request; and a generator stopped between creating a batch and
 * storing its id, which must take up that batch (found by its request count and time: Anthropic batches have no input
 * file and no metadata) rather than create a second one, and pay once; and a cancel, which cancels the open batch at
 * the provider and books what it answered without sending it.
 */
@QuarkusTest
@TestProfile(AnthropicBatchModeTest.AnthropicBatch.class)
@QuarkusTestResource(value = LocalStackTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = TeacherSimulatorProcess.class, restrictToAnnotatedClass = true, initArgs = @ResourceArg(name = "batch-completion-delay-ms", value = "3000"))
class AnthropicBatchModeTest {

    static final String KEY = "sk-ant-api03-batch-mode-test-0123456789";
    static final String CLAUDE = "claude-haiku-4-5";

    /** Quick polls, no real-time pilot call, and an Anthropic key. */
    public static class AnthropicBatch implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("generator.estimate.pilot", "false", "generator.batch.poll-every", "200ms",
                    "ANTHROPIC_API_KEY", KEY);
        }
    }

    /** Claude Haiku 4.5's list price at Anthropic's batch discount. */
    static final PriceTable HALF = PriceTable.lookup(PriceTable.LIST_PRICES, CLAUDE).orElseThrow().times(0.5);

    @Inject
    JobService jobs;

    @Inject
    JobStore store;

    @Inject
    BatchRoundStore rounds;

    @Inject
    TeacherCalls calls;

    @Inject
    AnthropicBatchClient anthropic;

    /** {@link BatchModeTest#spec}'s job with the teacher on Anthropic at the simulator's Message Batches. */
    static ObjectNode spec(int target, String approval, boolean twoCells) throws Exception {
        ObjectNode tree = BatchModeTest.spec(target, approval, twoCells);
        tree.remove("teacher_model");
        tree.putObject("teacher").put("provider", LlmSpec.ANTHROPIC).put("model", CLAUDE).put("base_url",
                TeacherSimulatorProcess.baseUrl + "/v1/");
        return tree;
    }

    static BatchApi.Endpoint endpoint() {
        return new BatchApi.Endpoint(TeacherSimulatorProcess.baseUrl + "/v1/", KEY);
    }

    @Test
    void anAnthropicBatchJobFillsEveryQuotaInRoundsAtClaudesBatchPrices() throws Exception {
        JsonNode before = TeacherSimulatorProcess.stats();
        String jobId = submit(spec(16, "auto", true), "anthropic-rounds");
        Plan plan = await(() -> store.state(jobId)).plan();
        assertEquals(2, plan.cells().size());
        try (StagesStandIn stages = new StagesStandIn(jobId, plan, id -> id.endsWith("3") || id.endsWith("7"))) {
            JobState done = waitFor(jobId, JobStatus.FINALIZING, Duration.ofSeconds(150));
            assertTrue(done.reason().contains("every quota met"), done.reason());
            for (PlanCell cell : plan.cells()) {
                assertTrue(stages.accepted(cell.id()) >= cell.quota(), cell.id() + ": " + stages.accepted(cell.id()));
            }
            List<BatchRoundStore.Round> made = await(() -> rounds.view(jobId));
            assertTrue(made.size() >= 2, "rounds: " + made);
            made.forEach(r -> {
                assertEquals(BatchRoundEntity.ENDED, r.state(), r.toString());
                assertEquals("ended", r.batchStatus(), "Anthropic's processing_status: " + r);
                assertTrue(r.batchId().startsWith("msgbatch_"), r.toString());
                assertEquals(r.requests(), r.booked(), "every request booked: " + r);
                BatchApi.Status status = anthropic.get(endpoint(), r.batchId());
                assertEquals(r.requests(), status.succeeded(), status.toString());
            });
            JsonNode after = TeacherSimulatorProcess.stats();
            assertEquals(made.size(), diff(before, after, "/batch/batches"), "one batch per round");
            assertEquals(0, diff(before, after, "/requests"), "no real-time call");
            JobStore.Usage usage = await(() -> store.usage(jobId));
            assertEquals(made.stream().mapToInt(BatchRoundStore.Round::requests).sum(), usage.calls());
            assertEquals(diff(before, after, "/batch/prompt_tokens"), usage.inputTokens(),
                    "input_tokens + cache reads + cache writes");
            assertEquals(diff(before, after, "/batch/completion_tokens"), usage.outputTokens());
            assertTrue(usage.inputTokens() > 0 && usage.outputTokens() > 0);
            assertEquals(HALF.cost(usage.inputTokens(), usage.cachedInputTokens(), usage.outputTokens()),
                    usage.costUsd(), 1e-9, "half Claude's real-time price");
            assertEquals(usage.costUsd(), made.stream().mapToDouble(BatchRoundStore.Round::costUsd).sum(), 1e-9);
            assertEquals(done.candidatesEmitted(), stages.ids().size(), "every candidate reached Kafka");
        }
    }

    @Test
    void aGeneratorStoppedBetweenCreatingAMessageBatchAndStoringItsIdTakesItUpAndPaysOnce() throws Exception {
        String jobId = submit(spec(10, "manual", false), "anthropic-restart");
        JobState job = await(() -> store.state(jobId));
        PlanCell cell = job.plan().cells().get(0);
        // what a generator killed mid-round leaves: two calls logged pending, the round stored UPLOADED with the
        // time creating began, the batch created at the provider, its id never stored
        List<Long> sequences = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            GenerationPrompt prompt = calls.start(await(() -> store.state(jobId)), new NextCalls.Call(cell.id(), 5,
                    false), i);
            sequences.add(prompt.callSequence());
        }
        BatchRoundEntity round = await(() -> rounds.prepare(jobId, 1,
                sequences.stream().map(BatchRequests::customId).toList()));
        Instant creating = Instant.now();
        await(() -> rounds.update(round.id, r -> {
            r.state = BatchRoundEntity.UPLOADED;
            r.submittedAt = creating;
        }));
        JobState generating = await(() -> store.state(jobId));
        BatchApi.Status created = anthropic.create(endpoint(), null, BatchRequests.requests(LlmSpec.ANTHROPIC,
                CLAUDE, true, calls.pendingPrompts(generating, sequences)), "24h", Map.of());
        JsonNode before = TeacherSimulatorProcess.stats();

        await(() -> store.transition(jobId, JobStatus.PLANNED, JobStatus.GENERATING, "resumed after a restart"));
        try (StagesStandIn stages = new StagesStandIn(jobId, job.plan(), id -> false)) {
            JobState done = waitFor(jobId, JobStatus.FINALIZING, Duration.ofSeconds(120));
            List<BatchRoundStore.Round> made = await(() -> rounds.view(jobId));
            assertEquals(1, made.size(), "the round was taken up, no other was needed: " + made);
            assertEquals(created.id(), made.get(0).batchId(), "the batch created before the stop");
            JsonNode after = TeacherSimulatorProcess.stats();
            assertEquals(0, diff(before, after, "/batch/batches"), "no second create");
            JobStore.Usage usage = await(() -> store.usage(jobId));
            assertEquals(2, usage.calls(), "each call booked once");
            assertEquals(10, done.candidatesEmitted());
            assertEquals(2, anthropic.get(endpoint(), created.id()).succeeded());
            assertEquals(diff(before, after, "/batch/prompt_tokens"), usage.inputTokens(), "paid once");
            assertEquals(HALF.cost(usage.inputTokens(), usage.cachedInputTokens(), usage.outputTokens()),
                    usage.costUsd(), 1e-9, "at Claude's batch price");
            assertEquals(usage.costUsd(), made.get(0).costUsd(), 1e-9);
            assertEquals(10, stages.ids().size());
        }
    }

    @Test
    void cancellingAJobCancelsItsMessageBatchAtTheProviderAndSendsNothing() throws Exception {
        String jobId = submit(spec(40, "auto", false), "anthropic-cancel");
        BatchRoundStore.Round submitted = waitForRound(jobId,
                r -> BatchRoundEntity.SUBMITTED.equals(r.state()) && r.batchId() != null);
        try (StagesStandIn stages = new StagesStandIn(jobId, await(() -> store.state(jobId)).plan(), id -> false)) {
            assertTrue(await(() -> jobs.cancel(jobId)) instanceof JobService.Change.Done);
            BatchRoundStore.Round ended = waitForRound(jobId, r -> BatchRoundEntity.ENDED.equals(r.state()));
            assertTrue(ended.cancelRequested(), ended.toString());
            assertEquals(submitted.batchId(), ended.batchId());
            BatchApi.Status status = anthropic.get(endpoint(), ended.batchId());
            assertEquals("ended", status.status());
            assertTrue(status.failed() > 0, "requests canceled: " + status);
            Thread.sleep(2000);
            assertEquals(Map.of(), stages.received(), "a cancelled job sends nothing");
            assertEquals(JobStatus.CANCELLED, await(() -> store.state(jobId)).status());
            JobStore.Usage usage = await(() -> store.usage(jobId));
            assertEquals(ended.booked(), usage.calls(), "what the provider answered before the cancel is booked");
            assertEquals(status.succeeded(), ended.booked());
            assertEquals(ended.costUsd(), usage.costUsd(), 1e-9);
        }
    }

    private BatchRoundStore.Round waitForRound(String jobId, java.util.function.Predicate<BatchRoundStore.Round> test)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            for (BatchRoundStore.Round round : await(() -> rounds.view(jobId))) {
                if (test.test(round)) {
                    return round;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no such round of job " + jobId + ": " + await(() -> rounds.view(jobId)));
    }

    private String submit(ObjectNode spec, String key) {
        return await(() -> jobs.submit(spec, key + "-" + UUID.randomUUID())).job().jobId();
    }

    private JobState waitFor(String jobId, JobStatus status, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JobState job = null;
        while (Instant.now().isBefore(deadline)) {
            job = await(() -> store.state(jobId));
            if (job.status() == status) {
                return job;
            }
            assertFalse(job.status().terminal(), "job " + jobId + " ended " + job.status() + ": " + job.reason());
            Thread.sleep(300);
        }
        throw new AssertionError("job " + jobId + " is " + job.status() + " (" + job.reason() + "), rounds "
                + await(() -> rounds.view(jobId)));
    }
}
