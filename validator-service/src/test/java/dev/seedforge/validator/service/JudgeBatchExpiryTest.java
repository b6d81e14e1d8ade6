package dev.seedforge.validator.service;

import static dev.seedforge.support.reactive.Blocking.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.ReasonCode;
import dev.seedforge.contracts.ValidatedCandidate;
import dev.seedforge.localstack.LocalStackTestResource;
import dev.seedforge.testsupport.KafkaTopics;
import dev.seedforge.testsupport.SimulatorProcess;
import dev.seedforge.validator.persistence.JudgeBatchStore;

/**
 * Every batch of this simulator expires part-way: the requests it did not run are asked again in the next round, up
 * to {@code max-attempts} rounds; then their candidates are rejected with {@code judge_unavailable}. Every candidate
 * gets one verdict either way.
 */
@QuarkusTest
@TestProfile(JudgeBatchModeTest.Batch.class)
@QuarkusTestResource(value = LocalStackTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = SimulatorProcess.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "batch-completion-delay-ms", value = "2000"),
        @ResourceArg(name = "batch-expired-rate", value = "1.0") })
class JudgeBatchExpiryTest {

    @Inject
    JudgeBatchStore store;

    @Test
    void anExpiredBatchsRequestsAreAskedAgainInTheNextRound() throws Exception {
        String jobId = "jb-expiry-" + UUID.randomUUID();
        List<Candidate> candidates = JudgeBatchModeTest.candidates(jobId, 10, 60);
        try (KafkaTopics topics = new KafkaTopics(LocalStackTestResource.kafkaBootstrapServers())) {
            topics.sendJobSpec(jobId, JudgeBatchModeTest.spec(2), null, null);
            JudgeBatchModeTest.send(topics, candidates);
            Map<String, ValidatedCandidate> verdicts = JudgeBatchModeTest.verdicts(topics, jobId, candidates.size());
            assertEquals(JudgeBatchModeTest.ids(candidates), verdicts.keySet(), "one verdict each");
            List<JudgeBatchStore.Round> rounds = await(() -> store.view(jobId));
            JudgeBatchStore.Round first = rounds.get(0);
            assertEquals("expired", first.batchStatus(), first.toString());
            assertTrue(first.leftOver() > 0 && first.judged() > 0, "expired part-way: " + first);
            assertEquals(first.leftOver(), rounds.get(1).candidates(), "what the first left is the second round");
            assertTrue(rounds.size() <= 3, "at most max-attempts rounds: " + rounds);
            int judged = rounds.stream().mapToInt(JudgeBatchStore.Round::judged).sum();
            long unavailable = verdicts.values().stream().filter(v -> v.verdict().reasons().stream()
                    .anyMatch(r -> ReasonCode.JUDGE_UNAVAILABLE.code().equals(r.code()))).count();
            assertEquals(candidates.size(), judged + unavailable, "judged in a round, or given up: " + rounds);
            assertEquals(rounds.get(rounds.size() - 1).leftOver(), unavailable,
                    "given up after the last round's leftovers");
        }
    }
}
