package dev.seedforge.dedup.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.annotation.Identifier;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.ComparedText;
import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.DedupDecision;
import dev.seedforge.contracts.DedupSpec;
import dev.seedforge.contracts.DeduplicatedCandidate;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.Lineage;
import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.SchemaVersions;
import dev.seedforge.contracts.Topics;
import dev.seedforge.contracts.ValidatedCandidate;
import dev.seedforge.contracts.Verdict;
import dev.seedforge.dedup.domain.DedupEngine;
import dev.seedforge.dedup.domain.Models;
import dev.seedforge.dedup.persistence.DecisionEntity;
import dev.seedforge.dedup.persistence.FingerprintEntity;
import dev.seedforge.dedup.persistence.SeededJobEntity;
import dev.seedforge.localstack.LocalStackTestResource;
import dev.seedforge.support.specs.KnownJobs;
import dev.seedforge.testsupport.KafkaTopics;

/**
 * Dedup on a real Kafka and PostgreSQL, the job's spec on {@code job-specs}: seeds, earlier candidates and
 * redeliveries.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, restrictToAnnotatedClass = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeduplicationProcessorTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    static final List<Conversation> SEEDS = List.of(
            new Conversation(List.of(ChatTurn.of(ChatTurn.USER, "What is the capital of France?"),
                    ChatTurn.of(ChatTurn.ASSISTANT, "Paris."))),
            new Conversation(List.of(ChatTurn.of(ChatTurn.USER, "Name the largest ocean."),
                    ChatTurn.of(ChatTurn.ASSISTANT, "The Pacific."))));

    /** A job's spec as the generator publishes it on {@code job-specs}. */
    static void publishSpec(KafkaTopics topics, String jobId) throws Exception {
        topics.sendJobSpec(jobId, spec(), null, null);
    }

    private static JobSpec spec() {
        return JobSpec.builder().name("geography").task("Answer geography questions in one sentence")
                .format(ExampleFormat.OPENAI).seeds(SEEDS).target(10).build();
    }

    @Inject
    @Identifier("dedup-rebalance")
    PartitionRebalanceListener rebalance;

    @Inject
    DedupEngine engine;

    @Inject
    KnownJobs known;

    /** The job's spec arrives after its candidates: dedup waits for it and fails none. */
    @Test
    @Order(1)
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
            assertTrue(topics.read(Topics.DEDUPLICATED, jobId, 1, Duration.ofSeconds(3)).stream()
                    .noneMatch(r -> r.value().contains("seed-repeat")), "no decision before the job's spec is known");
            publishSpec(topics, jobId);
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

        // later candidates of the job use the stored seed fingerprints
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

    @Test
    @Order(2)
    void nearDuplicatesAreCaughtByEachMethodAndStillAfterTheIndexIsRebuiltFromTheDatabase() throws Throwable {
        String jobId = "job-" + UUID.randomUUID();
        ValidatedCandidate stocks = accepted(jobId, "stocks", "How does the stock market work?");
        ValidatedCandidate ocean = accepted(jobId, "ocean", "Name the largest ocean!");
        ValidatedCandidate bonds = accepted(jobId, "bonds", "How do government bonds pay interest to their holders?");
        try (KafkaTopics topics = new KafkaTopics(LocalStackTestResource.kafkaBootstrapServers())) {
            publishSpec(topics, jobId);
            for (ValidatedCandidate record : List.of(stocks, ocean, bonds)) {
                topics.send(Topics.VALIDATED, jobId, Json.MAPPER.writeValueAsString(record));
            }
            List<DeduplicatedCandidate> before = topics.read(Topics.DEDUPLICATED, jobId, 3, TIMEOUT).stream()
                    .map(DeduplicationProcessorTest::read).toList();
            assertEquals(DedupDecision.unique(), before.get(0).dedup());
            assertEquals(DedupDecision.duplicateOf("seed:1", "minhash", 1.0), before.get(1).dedup());
            DedupDecision bondsDecision = before.get(2).dedup();
            assertEquals(DedupDecision.Status.UNIQUE, bondsDecision.status());
            assertTrue(bondsDecision.nearestSimilarity() > 0.2 && bondsDecision.nearestSimilarity() < 0.85,
                    "nearest " + bondsDecision.nearestSimilarity());

            // a rebalance, and this process's memory gone as after a restart: only PostgreSQL knows the earlier
            // candidates now (the spec holds the seeds alone)
            rebalance.onPartitionsAssigned(null, List.of());
            engine.chain().forget(jobId);

            ValidatedCandidate reworded = accepted(jobId, "reworded", "Explain how the stock market works.");
            topics.send(Topics.VALIDATED, jobId, Json.MAPPER.writeValueAsString(reworded));
            topics.send(Topics.VALIDATED, jobId, Json.MAPPER.writeValueAsString(stocks));
            List<DeduplicatedCandidate> after = topics.read(Topics.DEDUPLICATED, jobId, 5, TIMEOUT).stream()
                    .map(DeduplicationProcessorTest::read).toList();
            assertEquals(5, after.size());
            DedupDecision rewordedDecision = after.get(3).dedup();
            assertEquals(id(jobId, "stocks"), rewordedDecision.duplicateOf());
            assertEquals("embedding", rewordedDecision.method());
            assertTrue(rewordedDecision.similarity() >= 0.85);
            assertEquals(DedupDecision.unique(), after.get(4).dedup(), "a redelivery is not its own duplicate");
        }
        List<FingerprintEntity> kept = VertxContextSupport.subscribeAndAwait(() -> Panache
                .withSession(() -> FingerprintEntity.<FingerprintEntity> list("jobId = ?1 order by id", jobId)));
        assertEquals(List.of("seed:0", "seed:1", id(jobId, "stocks"), id(jobId, "bonds")),
                kept.stream().map(k -> k.originId).toList());
        assertTrue(kept.stream().allMatch(k -> k.minhash.length == 512 && k.embedding.length == 384 * 4));
    }

    /**
     * A Chinese candidate is embedded by the model of Chinese texts, stored in its own column, and still found after the
     * index is rebuilt from the database: a paraphrase of it is its semantic duplicate, an unrelated request is not
     * (the English model put that pair at cosine 0.95).
     */
    @Test
    @Order(2)
    void chineseCandidatesAreComparedByTheirOwnModelAndStillAfterTheIndexIsRebuilt() throws Throwable {
        String jobId = "job-" + UUID.randomUUID();
        ValidatedCandidate shoes = accepted(jobId, "shoes", "这双鞋尺码不合适，我想退货，怎么办理？");
        try (KafkaTopics topics = new KafkaTopics(LocalStackTestResource.kafkaBootstrapServers())) {
            publishSpec(topics, jobId);
            topics.send(Topics.VALIDATED, jobId, Json.MAPPER.writeValueAsString(shoes));
            assertEquals(DedupDecision.unique(), read(topics.read(Topics.DEDUPLICATED, jobId, 1, TIMEOUT).get(0)).dedup());

            rebalance.onPartitionsAssigned(null, List.of());
            engine.chain().forget(jobId);

            ValidatedCandidate orders = accepted(jobId, "orders", "能不能帮我把两个订单合并发货？");
            ValidatedCandidate reworded = accepted(jobId, "reworded", "鞋子尺码不对，想退货，要怎么操作？");
            topics.send(Topics.VALIDATED, jobId, Json.MAPPER.writeValueAsString(orders));
            topics.send(Topics.VALIDATED, jobId, Json.MAPPER.writeValueAsString(reworded));
            List<DeduplicatedCandidate> after = topics.read(Topics.DEDUPLICATED, jobId, 3, TIMEOUT).stream()
                    .map(DeduplicationProcessorTest::read).toList();
            assertEquals(DedupDecision.Status.UNIQUE, after.get(1).dedup().status(), after.get(1).dedup().toString());
            DedupDecision rewordedDecision = after.get(2).dedup();
            assertEquals(id(jobId, "shoes"), rewordedDecision.duplicateOf(), rewordedDecision.toString());
            assertEquals("embedding", rewordedDecision.method());
        }
        List<FingerprintEntity> kept = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                () -> FingerprintEntity.<FingerprintEntity> list("jobId = ?1 and originId like 'job-%' order by id", jobId)));
        assertEquals(List.of(id(jobId, "shoes"), id(jobId, "orders")), kept.stream().map(k -> k.originId).toList());
        assertTrue(kept.stream().allMatch(k -> k.embedding == null && k.embeddingHan.length == 512 * 4));
    }

    /**
     * A resume that raises the job's thresholds (the generator publishes the changed spec on {@code job-specs}): the
     * job's next candidates are decided with them, and still after its index is rebuilt from the database.
     */
    @Test
    @Order(3)
    void thresholdsChangedByAResumeDecideTheJobsNextCandidates() throws Throwable {
        String jobId = "job-" + UUID.randomUUID();
        ValidatedCandidate stocks = accepted(jobId, "stocks", "How does the stock market work?");
        ValidatedCandidate reworded = accepted(jobId, "reworded", "Explain how the stock market works.");
        ValidatedCandidate shorter = accepted(jobId, "shorter", "How does the stock market work, in short?");
        try (KafkaTopics topics = new KafkaTopics(LocalStackTestResource.kafkaBootstrapServers())) {
            publishSpec(topics, jobId);
            topics.send(Topics.VALIDATED, jobId, Json.MAPPER.writeValueAsString(stocks));
            assertEquals(1, topics.read(Topics.DEDUPLICATED, jobId, 1, TIMEOUT).size());

            topics.sendJobSpec(jobId, spec().toBuilder().dedup(new DedupSpec(null, 0.99, 0.99, List.of())).build(),
                    null, null);
            long until = System.nanoTime() + TIMEOUT.toNanos();
            while (known.find(jobId).map(job -> job.spec().dedup().semanticThreshold()).orElse(0.0) != 0.99) {
                assertTrue(System.nanoTime() < until, "dedup never read the changed spec");
                Thread.sleep(50);
            }
            topics.send(Topics.VALIDATED, jobId, Json.MAPPER.writeValueAsString(reworded));
            DedupDecision rewordedDecision = read(topics.read(Topics.DEDUPLICATED, jobId, 2, TIMEOUT).get(1)).dedup();
            // the same pair is a duplicate at the default 0.85 (the test above)
            assertEquals(DedupDecision.Status.UNIQUE, rewordedDecision.status(), rewordedDecision.toString());
            assertTrue(rewordedDecision.nearestSimilarity() >= 0.85 && rewordedDecision.nearestSimilarity() < 0.99,
                    "nearest " + rewordedDecision.nearestSimilarity());

            rebalance.onPartitionsAssigned(null, List.of());
            engine.chain().forget(jobId);
            topics.send(Topics.VALIDATED, jobId, Json.MAPPER.writeValueAsString(shorter));
            DedupDecision shorterDecision = read(topics.read(Topics.DEDUPLICATED, jobId, 3, TIMEOUT).get(2)).dedup();
            assertEquals(DedupDecision.Status.UNIQUE, shorterDecision.status(), shorterDecision.toString());
        }
        SeededJobEntity settings = VertxContextSupport
                .subscribeAndAwait(() -> Panache.withSession(() -> SeededJobEntity.<SeededJobEntity> findById(jobId)));
        assertEquals(0.99, settings.semanticThreshold);
        assertEquals(0.99, settings.lexicalThreshold);
    }

    /**
     * A resume that adds a seed: dedup indexes it before the job's next candidates, so a candidate repeating it is its
     * duplicate, and still after the index is rebuilt from the database.
     */
    @Test
    @Order(4)
    void seedsChangedByAResumeAreTheJobsSeedsForItsNextCandidates() throws Throwable {
        String jobId = "job-" + UUID.randomUUID();
        Conversation tides = new Conversation(List.of(ChatTurn.of(ChatTurn.USER, "Why does the sea have tides?"),
                ChatTurn.of(ChatTurn.ASSISTANT, "The Moon's pull.")));
        try (KafkaTopics topics = new KafkaTopics(LocalStackTestResource.kafkaBootstrapServers())) {
            publishSpec(topics, jobId);
            topics.send(Topics.VALIDATED, jobId, Json.MAPPER.writeValueAsString(
                    accepted(jobId, "before", "Name three primary colors.")));
            assertEquals(1, topics.read(Topics.DEDUPLICATED, jobId, 1, TIMEOUT).size());

            List<Conversation> more = new java.util.ArrayList<>(SEEDS);
            more.add(tides);
            resume(topics, jobId, more);
            topics.send(Topics.VALIDATED, jobId, Json.MAPPER.writeValueAsString(
                    accepted(jobId, "after", "  why does the SEA have tides? ")));
            assertEquals(DedupDecision.duplicateOf("seed:2", "exact", 1.0),
                    read(topics.read(Topics.DEDUPLICATED, jobId, 2, TIMEOUT).get(1)).dedup());

            assertEquals(DedupDecision.duplicateOf("seed:2", "exact", 1.0),
                    decidedAfterRebuild(topics, jobId, "rebuilt", "Why does the sea have TIDES?", 3));

            // a second resume drops the first seed and puts a new one last: seed:N is the Nth of the new list, and the
            // dropped seed is no longer one
            Conversation monaLisa = new Conversation(List.of(ChatTurn.of(ChatTurn.USER, "Who painted the Mona Lisa?"),
                    ChatTurn.of(ChatTurn.ASSISTANT, "Leonardo da Vinci.")));
            List<Conversation> latest = List.of(SEEDS.get(1), tides, monaLisa);
            resume(topics, jobId, latest);
            Map<String, String> texts = new LinkedHashMap<>();
            texts.put("ocean", "NAME THE LARGEST OCEAN.");
            texts.put("tides-again", "why does the sea have tides?");
            texts.put("mona-lisa", "who painted the mona lisa?");
            texts.put("france", "What is the capital of France?");
            for (Map.Entry<String, String> text : texts.entrySet()) {
                topics.send(Topics.VALIDATED, jobId, Json.MAPPER.writeValueAsString(accepted(jobId, text.getKey(),
                        text.getValue())));
            }
            List<DedupDecision> decided = topics.read(Topics.DEDUPLICATED, jobId, 7, TIMEOUT).subList(3, 7).stream()
                    .map(record -> read(record).dedup()).toList();
            assertEquals(List.of(DedupDecision.duplicateOf("seed:0", "exact", 1.0),
                    DedupDecision.duplicateOf("seed:1", "exact", 1.0),
                    DedupDecision.duplicateOf("seed:2", "exact", 1.0)), decided.subList(0, 3));
            assertEquals(DedupDecision.Status.UNIQUE, decided.get(3).status(), "the dropped seed: " + decided.get(3));

            assertEquals(DedupDecision.duplicateOf("seed:0", "exact", 1.0),
                    decidedAfterRebuild(topics, jobId, "ocean-rebuilt", "Name the largest ocean.", 8));
        }
        SeededJobEntity settings = VertxContextSupport
                .subscribeAndAwait(() -> Panache.withSession(() -> SeededJobEntity.<SeededJobEntity> findById(jobId)));
        assertEquals(3, settings.seeds);
        List<String> seedOrigins = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                () -> FingerprintEntity.<FingerprintEntity> list("jobId = ?1 and originId like 'seed:%' order by"
                        + " originId", jobId)))
                .stream().map(row -> row.originId).toList();
        assertEquals(List.of("seed:0", "seed:1", "seed:2"), seedOrigins, "one row per seed of the latest spec");
    }

    /**
     * A batch of more texts than are embedded at a time (they are embedded a chunk ahead of their evaluation), rejected
     * records among them: each candidate is decided with its own text, against every earlier one of the batch.
     */
    @Test
    @Order(5)
    void aBatchLongerThanAnEmbeddingChunkIsDecidedOneCandidateAfterAnother() throws Throwable {
        String jobId = "job-" + UUID.randomUUID();
        List<String> demos = Models.alpaca(Models.ALPACA_DEMOS).subList(0, 60).stream().map(ComparedText.USER::of)
                .toList();
        List<ValidatedCandidate> batch = new ArrayList<>();
        for (int i = 0; i < demos.size(); i++) {
            batch.add(accepted(jobId, "demo-" + i, demos.get(i)));
            if (i % 7 == 3) {
                batch.add(new ValidatedCandidate(SchemaVersions.CURRENT, candidate(jobId, "rejected-" + i, demos.get(i)),
                        Verdict.reject(List.of(new Reason("judge", "off topic")))));
            }
        }
        // paraphrases of demos embedded chunks before them, and an exact repeat
        Models.PARAPHRASES.forEach((of, text) -> {
            if (of < demos.size()) {
                batch.add(accepted(jobId, "paraphrase-" + of, text));
            }
        });
        batch.add(accepted(jobId, "repeat-3", "  " + demos.get(3).toUpperCase(Locale.ROOT)));

        List<DeduplicatedCandidate> outcomes;
        try (KafkaTopics topics = new KafkaTopics(LocalStackTestResource.kafkaBootstrapServers())) {
            List<String> records = new ArrayList<>();
            for (ValidatedCandidate record : batch) {
                records.add(Json.MAPPER.writeValueAsString(record));
            }
            topics.sendAll(Topics.VALIDATED, jobId, records);
            publishSpec(topics, jobId);
            outcomes = topics.read(Topics.DEDUPLICATED, jobId, batch.size(), TIMEOUT).stream()
                    .map(DeduplicationProcessorTest::read).toList();
        }

        assertEquals(batch.stream().map(v -> v.candidate().candidateId()).toList(),
                outcomes.stream().map(o -> o.candidate().candidateId()).toList());
        for (DeduplicatedCandidate outcome : outcomes) {
            String name = outcome.candidate().candidateId().substring(jobId.length() + 1);
            if (name.startsWith("rejected-")) {
                assertEquals(DedupDecision.notChecked(), outcome.dedup(), name);
            } else if (name.startsWith("paraphrase-")) {
                assertEquals(id(jobId, "demo-" + name.substring("paraphrase-".length())), outcome.dedup().duplicateOf(),
                        name);
                assertEquals(DedupDecision.METHOD_SEMANTIC, outcome.dedup().method(), name);
            } else if (name.equals("repeat-3")) {
                assertEquals(DedupDecision.duplicateOf(id(jobId, "demo-3"), "exact", 1.0), outcome.dedup());
            }
        }
        assertTrue(outcomes.stream().filter(o -> o.candidate().candidateId().contains("-demo-"))
                .filter(o -> o.dedup().status() == DedupDecision.Status.UNIQUE).count() >= 55,
                "the demos are (nearly all) unique");
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

    /** Publishes the job's spec with these seeds, as a resume does, and waits until dedup has read it. */
    private void resume(KafkaTopics topics, String jobId, List<Conversation> seeds) throws Exception {
        topics.sendJobSpec(jobId, spec().toBuilder().seeds(seeds).build(), null, null);
        List<List<ChatTurn>> wanted = seeds.stream().map(Conversation::messages).toList();
        long until = System.nanoTime() + TIMEOUT.toNanos();
        while (!known.find(jobId).map(job -> job.spec().seeds().stream().map(Conversation::messages).toList())
                .orElse(List.of()).equals(wanted)) {
            assertTrue(System.nanoTime() < until, "dedup never read the changed spec");
            Thread.sleep(50);
        }
    }

    /** The decision on a candidate sent after a rebalance dropped the job's memory: the {@code nth} of the job's. */
    private DedupDecision decidedAfterRebuild(KafkaTopics topics, String jobId, String name, String text, int nth)
            throws Exception {
        rebalance.onPartitionsAssigned(null, List.of());
        engine.chain().forget(jobId);
        topics.send(Topics.VALIDATED, jobId, Json.MAPPER.writeValueAsString(accepted(jobId, name, text)));
        return read(topics.read(Topics.DEDUPLICATED, jobId, nth, TIMEOUT).get(nth - 1)).dedup();
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
