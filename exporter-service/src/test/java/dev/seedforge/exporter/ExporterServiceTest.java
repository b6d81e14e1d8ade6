package dev.seedforge.exporter;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.DatasetCompleted;
import dev.seedforge.contracts.DedupDecision;
import dev.seedforge.contracts.DeduplicatedCandidate;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.ExportSpec;
import dev.seedforge.contracts.JobEvent;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.Lineage;
import dev.seedforge.contracts.Plan;
import dev.seedforge.contracts.PlanCell;
import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.SchemaVersions;
import dev.seedforge.contracts.Topics;
import dev.seedforge.contracts.Verdict;
import dev.seedforge.exporter.domain.Reviews;
import dev.seedforge.exporter.persistence.ExportJobEntity;
import dev.seedforge.exporter.persistence.ReviewEntity;
import dev.seedforge.localstack.LocalStackTestResource;
import dev.seedforge.testsupport.KafkaTopics;

/**
 * The exporter against real Kafka and PostgreSQL (the local stack) with jobs' specs on job-specs: outcomes and the
 * FINALIZING event arrive out of order, one candidate three times, and the job must finish exactly once with the
 * dataset files, the CloudEvent and the downloads right.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(ExporterTestResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExporterServiceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @ConfigProperty(name = "exporter.output-dir")
    Path outputDir;

    @jakarta.inject.Inject
    dev.seedforge.exporter.service.ReviewService reviews;

    private KafkaProducer<String, String> producer;
    private KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    void connect() {
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackTestResource.kafkaBootstrapServers());
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(producerProps);

        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackTestResource.kafkaBootstrapServers());
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "exporter-test-" + UUID.randomUUID());
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(consumerProps);
        consumer.subscribe(List.of(Topics.DATASETS, Topics.JOB_EVENTS, Topics.JOB_PROGRESS,
                Topics.deadLetter(Topics.DEDUPLICATED)));
    }

    @AfterAll
    void disconnect() {
        producer.close();
        consumer.close();
    }

    @Test
    void finishesAJobOnceWhateverTheOrderAndServesItsFiles() throws Exception {
        String jobId = "job-" + UUID.randomUUID();
        publishJob(jobId, 10, 0.2);

        List<DeduplicatedCandidate> outcomes = new ArrayList<>();
        for (int i = 1; i <= 11; i++) {
            outcomes.add(outcome(jobId, i, Verdict.accept(), DedupDecision.unique()));
        }
        outcomes.add(outcome(jobId, 12, Verdict.reject(List.of(new Reason("format", "no assistant turn"))),
                DedupDecision.notChecked()));
        outcomes.add(outcome(jobId, 13, Verdict.reject(List.of(new Reason("judge_low_score", "score 2 < 3"))),
                DedupDecision.notChecked()));
        outcomes.add(outcome(jobId, 14, Verdict.accept(), DedupDecision.duplicateOf(candidateId(jobId, 1), "exact",
                1.0)));

        for (int i = 0; i < 10; i++) {
            send(Topics.DEDUPLICATED, jobId, outcomes.get(i));
        }
        send(Topics.DEDUPLICATED, jobId, outcomes.get(4));
        send(Topics.DEDUPLICATED, jobId, outcomes.get(4));
        send(Topics.JOB_EVENTS, jobId, JobEvent.of(jobId, JobStatus.FINALIZING, null, 14L, "generator"));
        producer.flush();

        ExportJobEntity waiting = await("the FINALIZING event stored", () -> exportJob(jobId),
                job -> job != null && job.candidatesEmitted != null);
        assertEquals(14L, waiting.candidatesEmitted);
        assertFalse(waiting.finalized, "a job with missing outcomes must not finalize");
        assertFalse(Files.exists(outputDir.resolve(jobId)));

        for (int i = 10; i < outcomes.size(); i++) {
            send(Topics.DEDUPLICATED, jobId, outcomes.get(i));
        }
        send(Topics.DEDUPLICATED, jobId, outcomes.get(4));
        producer.flush();

        Path dataset = outputDir.resolve(jobId);
        await("the dataset files", () -> Files.exists(dataset.resolve("dataset_info.txt")), ok -> ok);

        List<String> train = Files.readAllLines(dataset.resolve("train.jsonl"));
        List<String> validation = Files.readAllLines(dataset.resolve("validation.jsonl"));
        assertEquals(8, train.size());
        assertEquals(2, validation.size());
        Set<String> exportedIds = new HashSet<>();
        for (String line : concat(train, validation)) {
            JsonNode example = Json.MAPPER.readTree(line);
            assertTrue(example.has("messages"), line);
            exportedIds.add(example.at("/messages/1/content").asText());
        }
        assertEquals(10, exportedIds.size(), "exactly target distinct examples");
        List<String> rejected = Files.readAllLines(dataset.resolve("rejected.jsonl"));
        assertEquals(3, rejected.size());
        rejected.forEach(line -> assertNotNull(readJson(line).get("status"), line));

        JsonNode report = Json.MAPPER.readTree(dataset.resolve("quality_report.json").toFile());
        JsonNode counts = report.get("counts");
        assertEquals(14, counts.get("outcomes").asLong(), "a redelivered candidate is counted once");
        assertEquals(11, counts.get("accepted").asLong());
        assertEquals(2, counts.get("rejected").asLong());
        assertEquals(1, counts.get("duplicates").asLong());
        assertEquals(counts.get("outcomes").asLong(), counts.get("accepted").asLong()
                + counts.get("rejected").asLong() + counts.get("duplicates").asLong());
        assertEquals(1, counts.get("surplus").asLong());
        assertTrue(report.at("/gate/passed").asBoolean(), report.get("gate").toString());

        JsonNode cloudEvent = await("the DatasetCompleted CloudEvent",
                () -> lastValue(Topics.DATASETS, jobId), json -> json != null);
        assertEquals("1.0", cloudEvent.get("specversion").asText());
        assertEquals(DatasetCompleted.CLOUD_EVENT_TYPE, cloudEvent.get("type").asText());
        assertEquals(DatasetCompleted.CLOUD_EVENT_SOURCE, cloudEvent.get("source").asText());
        assertEquals(jobId, cloudEvent.get("id").asText());
        assertEquals(jobId, cloudEvent.get("subject").asText());
        assertEquals(jobId, cloudEvent.at("/data/jobId").asText());
        assertEquals("COMPLETED", cloudEvent.at("/data/status").asText());
        assertEquals(8, cloudEvent.at("/data/trainExamples").asLong());
        assertTrue(cloudEvent.at("/data/gatePassed").asBoolean());

        JsonNode completed = await("the COMPLETED job event", () -> values(Topics.JOB_EVENTS, jobId).stream()
                .filter(e -> "COMPLETED".equals(e.path("status").asText())).findFirst().orElse(null),
                json -> json != null);
        assertEquals("exporter", completed.get("source").asText());
        // progress goes out at most once per exporter.progress-interval, a change held back when the interval has
        // passed: the last record counts every outcome, and no record counts more
        long maxOutcomes = await("progress counting every outcome", () -> values(Topics.JOB_PROGRESS, jobId).stream()
                .mapToLong(p -> p.get("outcomes").asLong()).max().orElse(0), max -> max >= 14);
        assertEquals(14, maxOutcomes);
        assertEquals(1, values(Topics.DATASETS, jobId).size(), "finished exactly once");

        given().get("/datasets").then().statusCode(200).body("jobId", hasItem(jobId));
        given().get("/datasets/{jobId}", jobId).then().statusCode(200)
                .body("manifest.trainExamples", is(8))
                .body("manifest.files", hasItem("train.jsonl"))
                .body("report.counts.outcomes", is(14));
        given().get("/datasets/{jobId}", "no-such-job").then().statusCode(404);
        String body = given().get("/datasets/{jobId}/files/{name}", jobId, "train.jsonl").then().statusCode(200)
                .extract().asString();
        assertEquals(train, body.lines().toList());
        given().get("/datasets/{jobId}/files/{name}", jobId, "secret.txt").then().statusCode(404);
        given().get("/datasets/{jobId}/files/{name}", jobId, "../x").then().statusCode(anyOf(is(400), is(404)));
        given().urlEncodingEnabled(false).get("/datasets/" + jobId + "/files/..%2Fx").then()
                .statusCode(anyOf(is(400), is(404)));
        given().urlEncodingEnabled(false).get("/datasets/" + jobId + "/files/%2e%2e%2f%2e%2e%2fetc%2fpasswd").then()
                .statusCode(anyOf(is(400), is(404)));
        given().urlEncodingEnabled(false).get("/datasets/" + jobId + "/files/%2e%2e").then()
                .header("Content-Disposition", nullValue());
        for (String trick : List.of("%2Fetc%2Fpasswd", "%2e%2e%5c%2e%2e%5cetc%5cpasswd", "..%5Cx",
                "train.jsonl%00.txt", "%252e%252e%252fetc%252fpasswd", "C:%5Cwindows%5Cwin.ini", "~root")) {
            given().urlEncodingEnabled(false).get("/datasets/" + jobId + "/files/" + trick).then()
                    .statusCode(anyOf(is(400), is(404))).header("Content-Disposition", nullValue());
        }
        given().urlEncodingEnabled(false).get("/datasets/" + jobId + "/files//etc/passwd").then()
                .statusCode(anyOf(is(400), is(404)));

        Path directory = Path.of(given().get("/datasets/{jobId}", jobId).then().statusCode(200).extract()
                .path("manifest.directory").toString());
        Path outside = Files.writeString(directory.getParent().resolve("outside-" + jobId + ".txt"), "outside");
        Path listed = directory.resolve("dataset_info.txt");
        Files.delete(listed);
        Files.createSymbolicLink(listed, outside);
        given().get("/datasets/{jobId}/files/{name}", jobId, "dataset_info.txt").then().statusCode(404)
                .header("Content-Disposition", nullValue());

        // a listed file far larger than any response buffer arrives whole, with its length known up front
        Path bigFile = directory.resolve("rejected.jsonl");
        String line = "{\"candidateId\":\"x\",\"status\":\"REJECTED\",\"example\":\"" + "a".repeat(1000) + "\"}\n";
        try (var writer = Files.newBufferedWriter(bigFile)) {
            for (int i = 0; i < 24_000; i++) {
                writer.write(line);
            }
        }
        var download = given().get("/datasets/{jobId}/files/{name}", jobId, "rejected.jsonl").then().statusCode(200)
                .header("Content-Disposition", "attachment; filename=\"rejected.jsonl\"")
                .header("Content-Length", String.valueOf(Files.size(bigFile))).extract();
        java.security.MessageDigest sent = java.security.MessageDigest.getInstance("SHA-256");
        long received = 0;
        try (var in = download.asInputStream()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0;) {
                sent.update(buffer, 0, n);
                received += n;
            }
        }
        assertEquals(Files.size(bigFile), received);
        assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(bigFile))), java.util.HexFormat.of().formatHex(sent.digest()));
    }

    @Test
    void aPlannedJobExportsEachCellsQuotaAndReportsProgressPerCell() throws Exception {
        String jobId = "job-" + UUID.randomUUID();
        List<PlanCell> cells = List.of(new PlanCell("op=create", Map.of("op", "create"), "simple", false, 3),
                new PlanCell("op=list", Map.of("op", "list"), "complex", true, 2),
                new PlanCell("op=delete", Map.of("op", "delete"), "simple", false, 1));
        Conversation seed = new Conversation(List.of(ChatTurn.of(ChatTurn.USER, "Create a task 'Pay rent'."),
                ChatTurn.of(ChatTurn.ASSISTANT, "Created task: 'Pay rent' | Priority: medium")));
        JobSpec spec = JobSpec.builder().name("planned").task("Answer in the Task API format")
                .format(ExampleFormat.OPENAI).seeds(List.of(seed)).target(6).validationRatio(0.34).randomSeed(3L)
                .export(new ExportSpec(List.of(ExampleFormat.SHAREGPT), 0.8, new ExportSpec.GateSpec(null, 0.5)))
                .build();
        publishSpec(jobId, spec, new Plan(cells, List.of(), null));

        Map<String, Integer> judged = Map.of("clarity", 8, "realism", 7);
        List<DeduplicatedCandidate> outcomes = new ArrayList<>();
        int n = 0;
        for (String cell : List.of("op=create", "op=create", "op=create", "op=create", "op=list", "op=list",
                "op=delete", "op=delete")) {
            n++;
            DedupDecision dedup = n == 2
                    ? new DedupDecision(DedupDecision.Status.UNIQUE, null, null, null,
                            List.of(new DedupDecision.Neighbour(candidateId(jobId, 1), "embedding", 0.9)), 0.9)
                    : new DedupDecision(DedupDecision.Status.UNIQUE, null, null, null, List.of(), 0.4);
            outcomes.add(outcome(jobId, n, cell, new Verdict(true, List.of(), judged, 0.0001), dedup));
        }
        outcomes.add(outcome(jobId, ++n, "op=list", Verdict.reject(List.of(new Reason("format", "bad"))),
                DedupDecision.notChecked()));
        outcomes.add(outcome(jobId, ++n, "op=list", Verdict.accept(),
                DedupDecision.duplicateOf(candidateId(jobId, 5), "minhash", 0.95)));
        outcomes.add(outcome(jobId, ++n, "op=create", Verdict.reject(List.of(new Reason("judge_low_score", "4"))),
                DedupDecision.notChecked()));
        outcomes.add(outcome(jobId, ++n, "op=delete", Verdict.accept(), DedupDecision.unique()));
        send(Topics.JOB_EVENTS, jobId, JobEvent.of(jobId, JobStatus.FINALIZING, null, 12L, "generator"));
        for (DeduplicatedCandidate outcome : outcomes) {
            send(Topics.DEDUPLICATED, jobId, outcome);
        }
        producer.flush();

        Path dataset = outputDir.resolve(jobId);
        await("the planned dataset", () -> Files.exists(dataset.resolve("dataset_info.txt")), ok -> ok);
        JsonNode report = Json.MAPPER.readTree(dataset.resolve("quality_report.json").toFile());
        assertEquals(6, report.at("/counts/exported").asLong());
        assertEquals(3, report.at("/counts/surplus").asLong(), "one create and two delete kept out");
        for (JsonNode cell : report.at("/plan/cells")) {
            assertEquals(cell.get("quota").asLong(), cell.get("exported").asLong(), cell.toString());
        }
        assertEquals(2, report.at("/plan/axes/op/list/exported").asLong());
        assertEquals(4, report.at("/plan/complexity/simple/planned").asLong());
        assertEquals(8, report.at("/judgeScores/clarity/histogram/8").asLong());
        assertEquals(1, report.at("/split/relatedPairs").asLong(), "the related pair stored with its outcome");
        assertTrue(report.at("/gate/passed").asBoolean(), report.at("/gate").toString());
        List<String> train = Files.readAllLines(dataset.resolve("train.jsonl"));
        List<String> validation = Files.readAllLines(dataset.resolve("validation.jsonl"));
        assertEquals(6, train.size() + validation.size());
        boolean firstInValidation = validation.stream().anyMatch(l -> l.contains("Create task number 1."));
        boolean secondInValidation = validation.stream().anyMatch(l -> l.contains("Create task number 2."));
        assertEquals(firstInValidation, secondInValidation, "related examples stay on one side");

        JsonNode progress = await("progress with every cell", () -> values(Topics.JOB_PROGRESS, jobId).stream()
                .filter(p -> p.get("outcomes").asLong() == 12).findFirst().orElse(null), json -> json != null);
        assertEquals(3, progress.at("/cells/op=create/quota").asLong());
        assertEquals(4, progress.at("/cells/op=create/accepted").asLong());
        assertEquals(1, progress.at("/cells/op=list/duplicates").asLong());
        assertEquals(3, progress.at("/cells/op=delete/accepted").asLong());
        assertEquals(1, progress.at("/cells/op=delete/quota").asLong());

        for (String name : List.of("README.md", "report.html", "dataset_info.json", "train.sharegpt.jsonl")) {
            String body = given().get("/datasets/{jobId}/files/{name}", jobId, name).then().statusCode(200)
                    .extract().asString();
            assertEquals(Files.readString(dataset.resolve(name)), body, name);
        }
        given().get("/datasets/{jobId}/files/{name}", jobId, ".hidden").then().statusCode(anyOf(is(400), is(404)));
        given().get("/datasets/{jobId}/files/{name}", jobId, "train.parquet").then().statusCode(404);
    }

    /**
     * The exporter's half of replacing a reviewer's rejection by generating more (this test plays the generator): a
     * held job loses an example of a cell without surplus; the export opens again (GENERATING, no count), progress
     * counts the example as rejected with {@code reviewerRejected}; the generator's new candidate and larger
     * FINALIZING make the files be written again with the replacement, held again, and released on approval with
     * exact books.
     */
    @Test
    void aRejectionWithoutSurplusOpensTheHeldExportUntilTheGeneratedReplacementIsIn() throws Exception {
        String jobId = heldExport(3, 2);
        String first = files(jobId);
        assertTrue(first.contains("Create task number 1."), first);

        given().contentType("application/json").body(Map.of("reason", "wrong priority", "reviewer", "alice"))
                .post("/datasets/{jobId}/review/examples/{cid}/reject", jobId, candidateId(jobId, 1)).then()
                .statusCode(200);
        given().get("/datasets/{jobId}/review", jobId).then().statusCode(200).body("replacing", is(true))
                .body("held", is(true));
        given().get("/datasets/{jobId}", jobId).then().body("manifest.status", is("GENERATING"));
        ExportJobEntity reopened = exportJob(jobId);
        assertFalse(reopened.finalized);
        assertEquals(null, reopened.candidatesEmitted, "no count until the generator's next FINALIZING");
        JsonNode progress = await("progress counting the rejection", () -> lastValue(Topics.JOB_PROGRESS, jobId),
                json -> json != null && json.path("reviewerRejected").asLong() == 1);
        assertEquals(2, progress.at("/cells/all/accepted").asLong(), "the cell is one short again");
        assertEquals(1, progress.at("/cells/all/rejected").asLong());
        assertEquals(3, progress.path("outcomes").asLong(), "a rejection adds no outcome");
        assertEquals(2, lines(files(jobId)), "written at once without it");

        // the generator's replacement: one more candidate through the pipeline, then FINALIZING with the new count
        send(Topics.DEDUPLICATED, jobId, outcome(jobId, 4, Verdict.accept(), DedupDecision.unique()));
        send(Topics.JOB_EVENTS, jobId, JobEvent.of(jobId, JobStatus.FINALIZING, null, 4L, "generator"));
        producer.flush();
        await("held again with the replacement", () -> given().get("/datasets/{jobId}/review", jobId).then()
                .extract().path("replacing"), Boolean.FALSE::equals);
        given().get("/datasets/{jobId}", jobId).then().body("manifest.status", is("FINALIZING"))
                .body("manifest.candidatesEmitted", is(4));
        String replaced = files(jobId);
        assertEquals(3, lines(replaced));
        assertTrue(replaced.contains("Create task number 4.") && !replaced.contains("Create task number 1."),
                replaced);
        assertNotEquals(first, replaced);
        String rejected = Files.readString(outputDir.resolve(jobId).resolve("rejected.jsonl"));
        assertTrue(rejected.contains("rejected by alice at ") && rejected.contains("wrong priority"), rejected);
        assertTrue(values(Topics.DATASETS, jobId).isEmpty(), "held: nothing announced yet");

        given().contentType("application/json").body(Map.of("reviewer", "bob"))
                .post("/datasets/{jobId}/review/approve", jobId).then().statusCode(200);
        JsonNode released = await("the released dataset", () -> lastValue(Topics.DATASETS, jobId),
                json -> json != null);
        assertEquals("COMPLETED", released.at("/data/status").asText());
        assertEquals(4, released.at("/data/candidates").asLong());
        assertEquals(3, released.at("/data/accepted").asLong());
        assertEquals(1, released.at("/data/rejected").asLong(), "the reviewer's rejection");
        assertEquals(3, released.at("/data/trainExamples").asLong() + released.at("/data/validationExamples")
                .asLong());
    }

    /**
     * The race ConsoleBrowserIT met: a reviewer approves while the replacements are being generated, and the
     * finalizer, having read the reviews just before the approval was stored, writes the replacements held. Neither
     * side then released the dataset, which stayed FINALIZING for good. Here the approval is stored beside a held
     * export as that race leaves it; whichever side looks again releases it, and only once.
     */
    @Test
    void anApprovalStoredBesideAHeldExportReleasesItOnce() throws Throwable {
        String jobId = heldExport(2, 1);
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> ReviewEntity.of(jobId,
                new Reviews.Action(null, Reviews.APPROVED, null, "carol", java.time.Instant.now(), null)).persist()));
        assertTrue(values(Topics.DATASETS, jobId).isEmpty(), "stored, not yet released");

        VertxContextSupport.subscribeAndAwait(() -> reviews.releaseIfApproved(jobId));
        VertxContextSupport.subscribeAndAwait(() -> reviews.releaseIfApproved(jobId));
        JsonNode released = await("the released dataset", () -> lastValue(Topics.DATASETS, jobId),
                json -> json != null);
        assertEquals("COMPLETED", released.at("/data/status").asText());
        assertEquals("COMPLETED", manifestStatus(jobId));
        Thread.sleep(1000);
        assertEquals(1, values(Topics.DATASETS, jobId).size(), "announced once, however many sides look again");
    }

    /**
     * A job of {@code target} accepted outcomes whose spec asks for a review of {@code sample} examples, finished by
     * the generator and written held by the exporter; answers its id.
     */
    private String heldExport(int target, int sample) throws Exception {
        String jobId = "job-" + UUID.randomUUID();
        JobSpec spec = JobSpec.builder().name("task-api").task("Answer in the Task API format")
                .format(ExampleFormat.OPENAI).seeds(List.of(new Conversation(List.of(
                        ChatTurn.of(ChatTurn.USER, "Create a task 'Pay rent'."),
                        ChatTurn.of(ChatTurn.ASSISTANT, "Created task: 'Pay rent' | Priority: medium")))))
                .target(target).validationRatio(0.0).randomSeed(7L)
                .review(new dev.seedforge.contracts.ReviewSpec(sample)).build();
        publishSpec(jobId, spec, null);
        for (int i = 1; i <= target; i++) {
            send(Topics.DEDUPLICATED, jobId, outcome(jobId, i, Verdict.accept(), DedupDecision.unique()));
        }
        send(Topics.JOB_EVENTS, jobId, JobEvent.of(jobId, JobStatus.FINALIZING, null, (long) target, "generator"));
        producer.flush();
        await("the held export", () -> manifestStatus(jobId), "FINALIZING"::equals);
        return jobId;
    }

    /** The manifest's status; null before the dataset is written. */
    private static String manifestStatus(String jobId) {
        io.restassured.response.Response response = given().get("/datasets/{jobId}", jobId);
        return response.statusCode() == 200 ? response.path("manifest.status") : null;
    }

    /** The dataset's examples as written, train and validation. */
    private String files(String jobId) throws java.io.IOException {
        Path directory = outputDir.resolve(jobId);
        Path validation = directory.resolve("validation.jsonl");
        return Files.readString(directory.resolve("train.jsonl"))
                + (Files.exists(validation) ? Files.readString(validation) : "");
    }

    private static int lines(String text) {
        return (int) text.lines().filter(line -> !line.isBlank()).count();
    }

    @Test
    void aJobTheGeneratorFailedIsAnnouncedOnceWithItsStatus() throws Exception {
        String jobId = "job-" + UUID.randomUUID();
        publishJob(jobId, 10, 0.2);
        send(Topics.DEDUPLICATED, jobId, outcome(jobId, 1, Verdict.accept(), DedupDecision.unique()));
        JobEvent failed = JobEvent.of(jobId, JobStatus.FAILED, "budget exhausted", null, "generator");
        send(Topics.JOB_EVENTS, jobId, failed);
        send(Topics.JOB_EVENTS, jobId, failed);
        producer.flush();

        JsonNode cloudEvent = await("the FAILED DatasetCompleted", () -> lastValue(Topics.DATASETS, jobId),
                json -> json != null);
        assertEquals("FAILED", cloudEvent.at("/data/status").asText());
        assertEquals("budget exhausted", cloudEvent.at("/data/reason").asText());
        assertFalse(cloudEvent.at("/data/gatePassed").asBoolean());
        Thread.sleep(3000);
        poll();
        assertEquals(1, values(Topics.DATASETS, jobId).size(), "announced once despite the redelivered event");
        given().get("/datasets/{jobId}", jobId).then().statusCode(200).body("manifest.status", is("FAILED"));
    }

    @Test
    void anUnsupportedSchemaVersionGoesToTheDeadLetterTopic() throws Exception {
        String jobId = "job-" + UUID.randomUUID();
        DeduplicatedCandidate good = outcome(jobId, 1, Verdict.accept(), DedupDecision.unique());
        send(Topics.DEDUPLICATED, jobId, new DeduplicatedCandidate(99, good.candidate(), good.verdict(),
                good.dedup()));
        producer.flush();
        JsonNode dead = await("the dead letter", () -> lastValue(Topics.deadLetter(Topics.DEDUPLICATED), jobId),
                json -> json != null);
        assertEquals(99, dead.get("schemaVersion").asInt());
        assertEquals(null, exportJob(jobId));
    }

    @Test
    void recordsThatAreNotJsonReachTheirDeadLetterTopicsAsTheyCame() throws Exception {
        String jobId = "job-" + UUID.randomUUID();
        producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.DEDUPLICATED, jobId,
                "{not json " + jobId));
        producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.JOB_EVENTS, jobId,
                "<event " + jobId + ">"));
        producer.flush();
        try (KafkaTopics topics = new KafkaTopics(LocalStackTestResource.kafkaBootstrapServers())) {
            List<ConsumerRecord<String, String>> outcomes = topics.read(Topics.deadLetter(Topics.DEDUPLICATED), jobId,
                    1, PATIENCE);
            List<ConsumerRecord<String, String>> events = topics.read(Topics.deadLetter(Topics.JOB_EVENTS), jobId, 1,
                    PATIENCE);
            assertEquals(List.of("{not json " + jobId), outcomes.stream().map(ConsumerRecord::value).toList());
            assertEquals(List.of("<event " + jobId + ">"), events.stream().map(ConsumerRecord::value).toList());
        }
    }

    private void publishJob(String jobId, int target, double validationRatio) throws Exception {
        Conversation seed = new Conversation(List.of(ChatTurn.of(ChatTurn.USER, "Create a task 'Pay rent'."),
                ChatTurn.of(ChatTurn.ASSISTANT, "Created task: 'Pay rent' | Priority: medium")));
        JobSpec spec = JobSpec.builder().name("task-api").task("Answer in the Task API format")
                .format(ExampleFormat.OPENAI).seeds(List.of(seed)).target(target).validationRatio(validationRatio)
                .randomSeed(7L).build();
        publishSpec(jobId, spec, null);
    }

    /** The job's spec on {@code job-specs}, as the generator publishes it when it accepts the job. */
    private void publishSpec(String jobId, JobSpec spec, Plan plan) throws Exception {
        try (KafkaTopics topics = new KafkaTopics(LocalStackTestResource.kafkaBootstrapServers())) {
            topics.sendJobSpec(jobId, spec, plan, null);
        }
    }

    private static String candidateId(String jobId, int n) {
        return jobId + "-c" + String.format("%03d", n);
    }

    private static DeduplicatedCandidate outcome(String jobId, int n, Verdict verdict, DedupDecision dedup)
            throws Exception {
        return outcome(jobId, n, Candidate.DEFAULT_CELL, verdict, dedup);
    }

    private static DeduplicatedCandidate outcome(String jobId, int n, String cell, Verdict verdict,
            DedupDecision dedup) throws Exception {
        JsonNode example = Json.MAPPER.readTree("{\"messages\":[{\"role\":\"system\",\"content\":\"You manage tasks.\"},"
                + "{\"role\":\"user\",\"content\":\"Create task number " + n + ".\"},"
                + "{\"role\":\"assistant\",\"content\":\"Created task: 'Task " + n + "' | Priority: low\"}]}");
        Candidate candidate = new Candidate(SchemaVersions.CURRENT, candidateId(jobId, n), jobId, cell,
                ExampleFormat.OPENAI, example,
                new Lineage("gpt-4o-mini", "hash", List.of(0), 0.9, 120, 40, 0.0001));
        return new DeduplicatedCandidate(SchemaVersions.CURRENT, candidate, verdict, dedup);
    }

    private void send(String topic, String key, Object value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, Json.MAPPER.writeValueAsString(value))).get();
    }

    private ExportJobEntity exportJob(String jobId) {
        try {
            return VertxContextSupport.subscribeAndAwait(
                    () -> Panache.withSession(() -> ExportJobEntity.<ExportJobEntity> findById(jobId)));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private void poll() {
        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
    }

    private List<JsonNode> values(String topic, String key) {
        poll();
        return received.stream().filter(r -> r.topic().equals(topic) && key.equals(r.key()))
                .map(r -> readJson(r.value())).toList();
    }

    private JsonNode lastValue(String topic, String key) {
        List<JsonNode> values = values(topic, key);
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }

    private static JsonNode readJson(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + text, e);
        }
    }

    private static <T> T await(String what, Supplier<T> probe, java.util.function.Predicate<T> done)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        T value = probe.get();
        while (!done.test(value)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what + "; last seen: " + value);
            }
            Thread.sleep(250);
            value = probe.get();
        }
        return value;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
