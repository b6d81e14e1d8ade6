package dev.seedforge.generator.service;

import static dev.seedforge.generator.service.BatchModeTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.seedforge.contracts.JobStatus;
import dev.seedforge.generator.TeacherSimulatorProcess;
import dev.seedforge.generator.persistence.BatchRoundEntity;
import dev.seedforge.generator.persistence.BatchRoundStore;
import dev.seedforge.generator.persistence.JobStore;
import dev.seedforge.localstack.LocalStackTestResource;

/**
 * Every batch expires part-way (the simulator's {@code batch-expired-rate} 1): the requests an expired batch left in
 * its error file as {@code batch_expired} are asked again in the next round, and no call is booked twice.
 */
@QuarkusTest
@TestProfile(BatchModeTest.Batch.class)
@QuarkusTestResource(value = LocalStackTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = TeacherSimulatorProcess.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "batch-completion-delay-ms", value = "1500"),
        @ResourceArg(name = "batch-expired-rate", value = "1.0") })
class BatchExpiryTest {

    @Inject
    JobService jobs;

    @Inject
    JobStore store;

    @Inject
    BatchRoundStore rounds;

    @Test
    void theRequestsOfAnExpiredBatchAreAskedAgainInTheNextRound() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode spec = BatchModeTest.spec(20, "auto", false);
        String jobId = await(() -> jobs.submit(spec, "expiry-" + UUID.randomUUID())).job().jobId();
        try (StagesStandIn stages = new StagesStandIn(jobId, await(() -> store.state(jobId)).plan(), id -> false)) {
            BatchModeTest.eventually(() -> await(() -> rounds.view(jobId)).size() >= 2, Duration.ofSeconds(90),
                    () -> "no second round: " + await(() -> rounds.view(jobId)));
            List<BatchRoundEntity> made = await(() -> rounds.rounds(jobId));
            BatchRoundEntity first = made.get(0);
            assertEquals(BatchRoundEntity.ENDED, first.state);
            assertEquals("expired", first.batchStatus);
            assertTrue(first.leftOver > 0 && first.leftOver == first.requests - first.booked, "left over: "
                    + first.leftOver + " of " + first.requests);
            assertEquals(first.failed, first.leftOver, "each batch_expired line is left for the next round");
            // round 2 takes only pending calls: round 1's booked calls cannot be in it, its unanswered ones all are
            Set<String> again = new HashSet<>(made.get(1).customIdList());
            again.retainAll(first.customIdList());
            assertEquals(first.leftOver, again.size(), "round 2 " + made.get(1).customIdList() + " holds round 1's "
                    + first.leftOver + " unanswered of " + first.customIdList());
            // each call booked once: as many DONE calls as answers booked over the ended rounds
            await(() -> jobs.cancel(jobId));
            BatchModeTest.eventually(() -> await(() -> rounds.rounds(jobId)).stream().noneMatch(BatchRoundEntity::open),
                    Duration.ofSeconds(60), () -> "a round stays open after the cancel");
            List<BatchRoundEntity> ended = await(() -> rounds.rounds(jobId));
            int booked = ended.stream().mapToInt(r -> r.booked).sum();
            assertEquals(booked, await(() -> store.usage(jobId)).calls(), "no call booked twice");
            assertEquals(JobStatus.CANCELLED, await(() -> store.state(jobId)).status());
            assertTrue(TeacherSimulatorProcess.stats().at("/batch/expired").asLong() >= 1);
        }
    }
}
