package dev.seedforge.validator.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.CandidateHeaders;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.JudgeSpec;
import dev.seedforge.contracts.Lineage;
import dev.seedforge.contracts.SchemaVersions;
import dev.seedforge.contracts.Topics;
import dev.seedforge.contracts.ValidatedCandidate;
import dev.seedforge.localstack.LocalStackTestResource;
import dev.seedforge.testsupport.KafkaTopics;
import dev.seedforge.validator.testing.ValidatorWireMock;

/**
 * The generator's {@link CandidateHeaders#NOTHING_FOLLOWS} on real Kafka: a partial judge batch of a job whose
 * candidates carry it is judged at once, not after the linger (five minutes here, longer than the test waits).
 */
@QuarkusTest
@TestProfile(NothingFollowsTest.LongLinger.class)
@QuarkusTestResource(value = LocalStackTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ValidatorWireMock.class, restrictToAnnotatedClass = false)
class NothingFollowsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    public static class LongLinger implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("validator.judge.linger", "5m");
        }
    }

    @Test
    void candidatesMarkedNothingFollowsAreJudgedWithoutWaitingForAFullBatch() throws Exception {
        String jobId = "last-call-" + UUID.randomUUID();
        JsonNode conversation;
        try (InputStream in = getClass().getResourceAsStream("/data/llamafactory-glaive-toolcall-en-demo.json")) {
            conversation = Json.MAPPER.readTree(in).get(1);
        }
        ValidatorWireMock.server.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing(jobId.substring(jobId.length() - 12)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(ValidatorWireMock.completion(
                                "{\"scores\":{\"0\":[9,8,7],\"1\":[8,8,8]},\"weaknesses\":[]}"))));
        List<ConsumerRecord<String, String>> validated;
        try (KafkaTopics topics = new KafkaTopics(LocalStackTestResource.kafkaBootstrapServers())) {
            // a batch of ten to fill, two candidates on their way: only the header sends them to the judge now
            topics.sendJobSpec(jobId, JobSpec.builder().task("t " + jobId).format(ExampleFormat.SHAREGPT).target(10)
                    .judge(new JudgeSpec(true, null, 6, 10)).build(), null, null);
            for (String id : List.of(jobId + "-1", jobId + "-2")) {
                topics.send(Topics.CANDIDATES, id, Json.MAPPER.writeValueAsString(candidate(jobId, id, conversation)),
                        CandidateHeaders.NOTHING_FOLLOWS, CandidateHeaders.TRUE);
            }
            validated = topics.readJob(Topics.VALIDATED, jobId, 2, TIMEOUT);
        }
        assertEquals(2, validated.size(), "judged within " + TIMEOUT + ", not after the 5-minute linger");
        for (ConsumerRecord<String, String> record : validated) {
            ValidatedCandidate verdict = Json.MAPPER.readValue(record.value(), ValidatedCandidate.class);
            assertTrue(verdict.verdict().accepted(), verdict.verdict().toString());
            assertEquals(3, verdict.verdict().judgeScores().size(), verdict.verdict().toString());
        }
    }

    private static Candidate candidate(String jobId, String candidateId, JsonNode example) {
        return new Candidate(SchemaVersions.CURRENT, candidateId, jobId, Candidate.DEFAULT_CELL, ExampleFormat.SHAREGPT,
                example, new Lineage("gpt-4o-mini", "prompt-hash", List.of(0), 0.9, 120, 340, 0.0002));
    }
}
