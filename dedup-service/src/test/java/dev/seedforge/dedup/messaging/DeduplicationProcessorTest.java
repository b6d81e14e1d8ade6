package dev.seedforge.dedup.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.DedupDecision;
import dev.seedforge.contracts.DeduplicatedCandidate;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.Lineage;
import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.SchemaVersions;
import dev.seedforge.contracts.Topics;
import dev.seedforge.contracts.ValidatedCandidate;
import dev.seedforge.contracts.Verdict;
import dev.seedforge.dedup.persistence.DecisionEntity;
import dev.seedforge.dedup.persistence.FingerprintEntity;
import dev.seedforge.localstack.LocalStackTestResource;

/**
 * Dedup on a real Kafka and PostgreSQL, with the generator stubbed: seeds, earlier candidates and redeliveries.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(GeneratorStub.class)
class DeduplicationProcessorTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @InjectGeneratorStub
    WireMockServer generator;

    @Test
    void candidatesAreComparedWithTheSeedsAndEachOtherButNeverThemselves() throws Throwable {
        String jobId = "job-" + UUID.randomUUID();
        ValidatedCandidate seedRepeat = accepted(jobId, "seed-repeat", "  WHAT is the capital of\tFrance? ");
        ValidatedCandidate first = accepted(jobId, "first", "Name three primary colors.");
        ValidatedCandidate rejected = new ValidatedCandidate(SchemaVersions.CURRENT,
                candidate(jobId, "rejected", "Name three primary colors."),
                Verdict.reject(List.of(new Reason("role_order", "turn 2 should be gpt, got human"))));
        ValidatedCandidate second = accepted(jobId, "second", "ｎａｍｅ three  PRIMARY colors.");
        ValidatedCandidate future = new ValidatedCandidate(99, candidate(jobId, "future", "Hi"), Verdict.accept());

        List<ConsumerRecord<String, String>> deduplicated;
        List<ConsumerRecord<String, String>> deadLetters;
        try (KafkaTopics topics = new KafkaTopics(LocalStackTestResource.kafkaBootstrapServers())) {
            for (ValidatedCandidate record : List.of(seedRepeat, first, rejected, second, future, first)) {
                topics.send(Topics.VALIDATED, jobId, Json.MAPPER.writeValueAsString(record));
            }
            deduplicated = topics.read(Topics.DEDUPLICATED, jobId, 5, TIMEOUT);
            deadLetters = topics.read(Topics.deadLetter(Topics.VALIDATED), jobId, 1, TIMEOUT);
        }

        List<DeduplicatedCandidate> outcomes = deduplicated.stream().map(DeduplicationProcessorTest::read).toList();
        assertEquals(List.of(id(jobId, "seed-repeat"), id(jobId, "first"), id(jobId, "rejected"), id(jobId, "second"),
                id(jobId, "first")), outcomes.stream().map(o -> o.candidate().candidateId()).toList());
        assertEquals(DedupDecision.duplicateOf("seed:0", "exact", 1.0), outcomes.get(0).dedup());
        assertEquals(DedupDecision.unique(), outcomes.get(1).dedup());
        assertEquals(DedupDecision.notChecked(), outcomes.get(2).dedup());
        assertEquals(rejected.verdict(), outcomes.get(2).verdict());
        assertEquals(DedupDecision.duplicateOf(id(jobId, "first"), "exact", 1.0), outcomes.get(3).dedup());
        assertEquals(DedupDecision.unique(), outcomes.get(4).dedup(), "a redelivery is not its own duplicate");

        assertEquals(1, deadLetters.size());
        assertTrue(new String(deadLetters.get(0).headers().lastHeader("dead-letter-reason").value(),
                StandardCharsets.UTF_8).contains("unsupported schemaVersion 99"));

        // one 503, one retry that got the job; later candidates of the job use the stored seed fingerprints
        generator.verify(2, getRequestedFor(urlPathEqualTo("/jobs/" + jobId)));
        assertEquals(Map.of("decisions", 4L, "fingerprints", 3L), VertxContextSupport.subscribeAndAwait(
                () -> Panache.withSession(() -> DecisionEntity.count("jobId", jobId)
                        .chain(decisions -> FingerprintEntity.count("jobId", jobId)
                                .map(fingerprints -> Map.of("decisions", decisions, "fingerprints", fingerprints))))));

        given().get("/decisions/{id}", id(jobId, "second")).then().statusCode(200)
                .body("jobId", is(jobId))
                .body("decision.status", is("DUPLICATE"))
                .body("decision.duplicateOf", is(id(jobId, "first")));
        given().get("/decisions/{id}", id(jobId, "future")).then().statusCode(404);
    }

    private static String id(String jobId, String name) {
        return jobId + "-" + name;
    }

    private static Candidate candidate(String jobId, String name, String question) {
        List<ChatTurn> turns = List.of(ChatTurn.of(ChatTurn.USER, question),
                ChatTurn.of(ChatTurn.ASSISTANT, "An answer to: " + question));
        return new Candidate(SchemaVersions.CURRENT, id(jobId, name), jobId, Candidate.DEFAULT_CELL,
                ExampleFormat.OPENAI, ExampleFormat.OPENAI.render(turns),
                new Lineage("gpt-4o-mini", "prompt-hash", List.of(0, 1), 0.9, 120, 40, 0.0001));
    }

    private static ValidatedCandidate accepted(String jobId, String name, String question) {
        return ValidatedCandidate.of(candidate(jobId, name, question), Verdict.accept());
    }

    private static DeduplicatedCandidate read(ConsumerRecord<String, String> record) {
        try {
            return Json.MAPPER.readValue(record.value(), DeduplicatedCandidate.class);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable record " + record.value(), e);
        }
    }
}
