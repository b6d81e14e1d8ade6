package dev.seedforge.generator.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.JobSpecs;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.Json;
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
import dev.seedforge.support.llm.BatchApi;
import dev.seedforge.support.llm.OpenAiBatchClient;

/**
 * Batch mode end to end on real Kafka and PostgreSQL against the teacher simulator's Files and Batch APIs (its own
 * JVM, 3 s per batch): rounds sized on the measured yield until every quota is met, at batch prices; a generator
 * stopped between creating a batch and storing its id, which must find the batch rather than submit the round again;
 * one stopped while booking an ended batch, which books the rest and counts the round once; and a cancel, which cancels the
 * open batch at the provider.
 */
@QuarkusTest
@TestProfile(BatchModeTest.Batch.class)
@QuarkusTestResource(value = LocalStackTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = TeacherSimulatorProcess.class, restrictToAnnotatedClass = true, initArgs = @ResourceArg(name = "batch-completion-delay-ms", value = "3000"))
class BatchModeTest {

    /** Quick polls and passes; no real-time pilot call, so every teacher call is a batch line. */
    public static class Batch implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("generator.estimate.pilot", "false", "generator.batch.poll-every", "200ms");
        }
    }

    /** gpt-4o-mini at OpenAI's batch discount. */
    static final PriceTable HALF = PriceTable.GPT_4O_MINI.times(0.5);

    @Inject
    JobService jobs;

    @Inject
    JobStore store;

    @Inject
    BatchRoundStore rounds;

    @Inject
    TeacherCalls calls;

    @Inject
    OpenAiBatchClient api;

    @Test
    void aBatchJobFillsEveryQuotaInRoundsSizedOnTheMeasuredYieldAtBatchPrices() throws Exception {
        JsonNode before = TeacherSimulatorProcess.stats();
        String jobId = submit(spec(16, "auto", true), "rounds");
        Plan plan = await(() -> store.state(jobId)).plan();
        assertEquals(2, plan.cells().size());
        // every fourth candidate rejected: the first round's yield makes a second round
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
                assertEquals("completed", r.batchStatus(), r.toString());
                assertEquals(r.requests(), r.booked(), "every line booked: " + r);
            });
            JsonNode after = TeacherSimulatorProcess.stats();
            assertEquals(made.size(), diff(before, after, "/batch/batches"), "one batch per round");
            assertEquals(0, diff(before, after, "/requests"), "no real-time call");
            JobStore.Usage usage = await(() -> store.usage(jobId));
            assertEquals(made.stream().mapToInt(BatchRoundStore.Round::requests).sum(), usage.calls());
            assertEquals(diff(before, after, "/batch/prompt_tokens"), usage.inputTokens());
            assertEquals(diff(before, after, "/batch/completion_tokens"), usage.outputTokens());
            assertEquals(HALF.cost(usage.inputTokens(), usage.cachedInputTokens(), usage.outputTokens()),
                    usage.costUsd(), 1e-9, "half the real-time price");
            assertEquals(usage.costUsd(), made.stream().mapToDouble(BatchRoundStore.Round::costUsd).sum(), 1e-9);
            assertEquals(done.candidatesEmitted(), stages.ids().size(), "every candidate reached Kafka");
        }
    }

    @Test
    void aGeneratorStoppedBetweenCreatingABatchAndStoringItsIdFindsTheBatchAndPaysOnce() throws Exception {
        String jobId = submit(spec(10, "manual", false), "restart");
        JobState job = await(() -> store.state(jobId));
        PlanCell cell = job.plan().cells().get(0);
        // what a generator killed mid-round leaves: two calls logged pending, the round stored with its input file,
        // the batch created at the provider, its id never stored
        List<Long> sequences = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            GenerationPrompt prompt = calls.start(await(() -> store.state(jobId)), new NextCalls.Call(cell.id(), 5,
                    false), i);
            sequences.add(prompt.callSequence());
        }
        BatchRoundEntity round = await(() -> rounds.prepare(jobId, 1,
                sequences.stream().map(BatchRequests::customId).toList()));
        OpenAiBatchClient.Endpoint endpoint = new OpenAiBatchClient.Endpoint(TeacherSimulatorProcess.baseUrl + "/v1", "");
        String fileId = api.upload(endpoint, "round-1.jsonl", BatchRequests.jsonl("gpt-4o-mini", false,
                calls.pendingPrompts(await(() -> store.state(jobId)), sequences)));
        await(() -> rounds.update(round.id, r -> {
            r.state = BatchRoundEntity.UPLOADED;
            r.inputFileId = fileId;
        }));
        OpenAiBatchClient.Batch created = api.create(endpoint, fileId, "24h", Map.of("seedforge_job", jobId));
        JsonNode before = TeacherSimulatorProcess.stats();

        await(() -> store.transition(jobId, JobStatus.PLANNED, JobStatus.GENERATING, "resumed after a restart"));
        try (StagesStandIn stages = new StagesStandIn(jobId, job.plan(), id -> false)) {
            JobState done = waitFor(jobId, JobStatus.FINALIZING, Duration.ofSeconds(120));
            List<BatchRoundStore.Round> made = await(() -> rounds.view(jobId));
            assertEquals(1, made.size(), "the round was taken up, no other was needed: " + made);
            assertEquals(created.id(), made.get(0).batchId(), "the batch created before the stop");
            JsonNode after = TeacherSimulatorProcess.stats();
            assertEquals(0, diff(before, after, "/batch/batches"), "no second batch");
            JobStore.Usage usage = await(() -> store.usage(jobId));
            assertEquals(2, usage.calls(), "each call booked once");
            assertEquals(10, done.candidatesEmitted());
            JsonNode batch = TeacherSimulatorProcess.batch(created.id());
            assertEquals(2, batch.at("/request_counts/completed").asInt());
            assertEquals(HALF.cost(usage.inputTokens(), usage.cachedInputTokens(), usage.outputTokens()),
                    usage.costUsd(), 1e-9, "paid once, at batch prices");
            assertTrue(usage.inputTokens() > 0 && usage.outputTokens() > 0);
            assertEquals(10, stages.ids().size());
        }
    }

    @Test
    void aGeneratorStoppedWhileBookingAnEndedBatchBooksTheRestAndCountsTheRoundOnce() throws Exception {
        String jobId = submit(spec(10, "manual", false), "booking");
        JobState job = await(() -> store.state(jobId));
        PlanCell cell = job.plan().cells().get(0);
        List<Long> sequences = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            GenerationPrompt prompt = calls.start(await(() -> store.state(jobId)), new NextCalls.Call(cell.id(), 5,
                    false), i);
            sequences.add(prompt.callSequence());
        }
        BatchRoundEntity round = await(() -> rounds.prepare(jobId, 1,
                sequences.stream().map(BatchRequests::customId).toList()));
        OpenAiBatchClient.Endpoint endpoint = new OpenAiBatchClient.Endpoint(TeacherSimulatorProcess.baseUrl + "/v1", "");
        String fileId = api.upload(endpoint, "round-1.jsonl", BatchRequests.jsonl("gpt-4o-mini", false,
                calls.pendingPrompts(await(() -> store.state(jobId)), sequences)));
        OpenAiBatchClient.Batch created = api.create(endpoint, fileId, "24h", Map.of("seedforge_job", jobId));
        await(() -> rounds.update(round.id, r -> {
            r.state = BatchRoundEntity.SUBMITTED;
            r.inputFileId = fileId;
            r.batchId = created.id();
            r.batchStatus = created.status();
            r.requests = 2;
        }));
        // what a generator killed while booking the ended batch leaves: its first answer booked (the call closed,
        // its candidates stored unsent), the second call pending, the round still SUBMITTED
        eventually(() -> "completed".equals(TeacherSimulatorProcess.batch(created.id()).path("status").asText()),
                Duration.ofSeconds(60), () -> "the batch did not complete: " + TeacherSimulatorProcess.batch(created
                        .id()));
        BatchApi.Endpoint batchEndpoint = new BatchApi.Endpoint(TeacherSimulatorProcess.baseUrl + "/v1", "");
        BatchApi.Result first = api.results(batchEndpoint, api.get(batchEndpoint, created.id())).stream()
                .filter(r -> BatchRequests.callSequence(r.customId()) == sequences.get(0)).findFirst().orElseThrow();
        JobState resumed = await(() -> store.state(jobId));
        calls.bookBatchAnswer(resumed, calls.pendingPrompts(resumed, List.of(sequences.get(0))).get(0),
                BatchRequests.answer("openai", first.body(), "gpt-4o-mini"));
        assertEquals(1, await(() -> store.usage(jobId)).calls());

        await(() -> store.transition(jobId, JobStatus.PLANNED, JobStatus.GENERATING, "resumed after a restart"));
        try (StagesStandIn stages = new StagesStandIn(jobId, job.plan(), id -> false)) {
            JobState done = waitFor(jobId, JobStatus.FINALIZING, Duration.ofSeconds(120));
            List<BatchRoundStore.Round> made = await(() -> rounds.view(jobId));
            assertEquals(1, made.size(), made.toString());
            BatchRoundStore.Round ended = made.get(0);
            assertEquals(BatchRoundEntity.ENDED, ended.state(), ended.toString());
            JobStore.Usage usage = await(() -> store.usage(jobId));
            assertEquals(2, usage.calls(), "each call booked once");
            assertEquals(2, ended.booked(), "the round counts the answer booked before the stop: " + ended);
            assertEquals(0, ended.leftOver(), ended.toString());
            assertEquals(usage.costUsd(), ended.costUsd(), 1e-9, "the round's cost is both answers', once");
            assertEquals(HALF.cost(usage.inputTokens(), usage.cachedInputTokens(), usage.outputTokens()),
                    usage.costUsd(), 1e-9);
            assertEquals(10, done.candidatesEmitted());
            assertEquals(10, stages.ids().size());
        }
    }

    @Test
    void cancellingAJobCancelsItsOpenBatchAtTheProviderAndSendsNothing() throws Exception {
        String jobId = submit(spec(40, "auto", false), "cancel");
        BatchRoundStore.Round submitted = waitForRound(jobId,
                r -> BatchRoundEntity.SUBMITTED.equals(r.state()) && r.batchId() != null);
        try (StagesStandIn stages = new StagesStandIn(jobId, await(() -> store.state(jobId)).plan(), id -> false)) {
            assertTrue(await(() -> jobs.cancel(jobId)) instanceof JobService.Change.Done);
            BatchRoundStore.Round ended = waitForRound(jobId, r -> BatchRoundEntity.ENDED.equals(r.state()));
            assertTrue(ended.cancelRequested(), ended.toString());
            assertEquals(submitted.batchId(), ended.batchId());
            assertEquals("cancelled", TeacherSimulatorProcess.batch(ended.batchId()).path("status").asText());
            assertEquals("cancelled", ended.batchStatus());
            Thread.sleep(2000);
            assertEquals(Map.of(), stages.received(), "a cancelled job sends nothing");
            assertEquals(JobStatus.CANCELLED, await(() -> store.state(jobId)).status());
            JobStore.Usage usage = await(() -> store.usage(jobId));
            assertEquals(ended.booked(), usage.calls(), "what the provider answered before the cancel is booked");
            assertEquals(ended.costUsd(), usage.costUsd(), 1e-9);
        }
    }

    /** The example job, one cell per operation (two when {@code twoCells}), no judge, in batch mode. */
    static ObjectNode spec(int target, String approval, boolean twoCells) throws Exception {
        ObjectNode tree = Json.MAPPER.valueToTree(JobSpecs.load(Path.of("../examples/task-api/job.yaml")));
        tree.put("target", target).put("approval", approval).put("examples_per_call", 5).put("mode", "batch");
        for (String field : List.of("max_candidates", "axes", "complexity", "multi_turn", "judge", "dedup", "export",
                "rules", "temperature_range", "tools", "system_prompts", "budget_usd")) {
            tree.remove(field);
        }
        if (twoCells) {
            tree.putObject("axes").putArray("operation").add("create").add("delete");
        }
        tree.put("task", tree.get("task").asText() + " " + UUID.randomUUID());
        return tree;
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

    static long diff(JsonNode before, JsonNode after, String pointer) {
        return after.at(pointer).asLong() - before.at(pointer).asLong();
    }

    static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    static void eventually(BooleanSupplier condition, Duration timeout, Supplier<String> message)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(message.get());
            }
            Thread.sleep(200);
        }
    }
}
