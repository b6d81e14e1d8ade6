package dev.seedforge.generator.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.CandidateHeaders;
import dev.seedforge.contracts.CellProgress;
import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.JobProgress;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobSpecs;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.SchemaVersions;
import dev.seedforge.contracts.Topics;
import dev.seedforge.generator.TeacherWireMock;
import dev.seedforge.localstack.LocalStackTestResource;
import dev.seedforge.testsupport.KafkaTopics;

/** The generator on a real broker and database, its teacher played by WireMock. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = TeacherWireMock.class, restrictToAnnotatedClass = true)
class JobResourceTest {

    private static final String CELL = "complexity=simple";

    /** The example job, reduced to one cell and no judge, with extra fields spliced in. */
    private static String specJson(int target, String extra) throws Exception {
        JobSpec spec = JobSpecs.load(Path.of("../examples/task-api/job.yaml"));
        com.fasterxml.jackson.databind.node.ObjectNode tree = Json.MAPPER.valueToTree(spec);
        tree.put("target", target).put("approval", "manual");
        for (String field : List.of("max_candidates", "axes", "complexity", "multi_turn", "judge", "dedup", "export",
                "rules", "temperature_range", "tools", "system_prompts")) {
            tree.remove(field);
        }
        tree.put("task", tree.get("task").asText() + " " + UUID.randomUUID());
        if (!extra.isEmpty()) {
            // a key given twice is refused, so the extra fields replace the example's own
            tree.setAll((com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree("{" + extra + "}"));
        }
        return tree.toString();
    }

    private static String submitAuto(String specJson) {
        return given().contentType(ContentType.JSON).body(specJson.replace("\"approval\":\"manual\"",
                "\"approval\":\"auto\"")).header(JobResource.IDEMPOTENCY_KEY, UUID.randomUUID().toString())
                .when().post("/jobs").then().statusCode(201).body("status", equalTo("GENERATING")).extract()
                .path("jobId");
    }

    /** The unique task text of a job, to find its requests among WireMock's. */
    private static String jobMarker(String jobId) {
        String task = given().when().get("/jobs/" + jobId).then().extract().path("spec.task");
        return task.substring(task.length() - 36);
    }

    @Test
    void aSlowPilotCallDoesNotHoldTheSubmissionAndStaysTheJobsFirstCall() throws Exception {
        String spec = specJson(5, "").replaceFirst("\"task\":\"", "\"task\":\"" + TeacherWireMock.SLOW + " ");
        long start = System.nanoTime();
        String jobId = given().contentType(ContentType.JSON).body(spec)
                .header(JobResource.IDEMPOTENCY_KEY, UUID.randomUUID().toString())
                .when().post("/jobs")
                .then().statusCode(201).body("status", equalTo("PLANNED"))
                .body("plan.estimate.method", containsString("pilot call not answered within 2 s"))
                .extract().path("jobId");
        assertTrue(System.nanoTime() - start < 3_900_000_000L, "answered before the teacher (4 s)");
        // the call goes on and is booked as the job's: its five candidates go out when the job is approved
        Instant deadline = Instant.now().plusSeconds(30);
        while (given().when().get("/jobs/" + jobId).then().extract().<Integer> path("candidatesEmitted") != 5) {
            assertTrue(Instant.now().isBefore(deadline), "the pilot call was never booked");
            Thread.sleep(200);
        }
        given().when().post("/jobs/" + jobId + "/approve").then().statusCode(200);
        assertEquals(5, consume(Topics.CANDIDATES, jobId, 5, r -> true).size());
        given().when().get("/jobs/" + jobId + "/usage").then().body("calls", equalTo(1));
    }

    @Test
    void aPlannedJobWaitsForApprovalThenEmitsCandidatesAndFinalizesWhenTheQuotaIsMet() throws Exception {
        String jobId = given().contentType(ContentType.JSON).body(specJson(5, ""))
                .header(JobResource.IDEMPOTENCY_KEY, UUID.randomUUID().toString())
                .when().post("/jobs")
                .then().statusCode(201).body("status", equalTo("PLANNED"))
                .body("plan.cells[0].id", equalTo(CELL)).body("plan.cells[0].quota", equalTo(5))
                // the estimate expects a yield of 0.88 (0.97 judged good, 9 % of those duplicates): 6 candidates
                .body("plan.estimate.teacherCalls", equalTo(2)).body("plan.estimate.candidates", equalTo(6))
                .body("plan.examplePrompt[1].content", containsString("<seed_examples>"))
                // a pilot call measured the estimate: the simulated teacher's 5 examples of 50 output tokens each
                .body("plan.estimate.method", containsString("pilot call: 5 examples at 50 tokens each"))
                .extract().path("jobId");
        // the pilot's candidates are the job's, kept unsent until it is approved
        given().when().get("/jobs/" + jobId).then().body("candidatesEmitted", equalTo(5));
        assertEquals(List.of(), consume(Topics.CANDIDATES, jobId, 1, r -> true, Duration.ofSeconds(3)),
                "nothing reaches the pipeline before approval");

        given().when().post("/jobs/" + jobId + "/approve").then().statusCode(200)
                .body("status", equalTo("GENERATING"));
        given().when().post("/jobs/" + jobId + "/approve").then().statusCode(409)
                .body("title", containsString("only a PLANNED job can be approved"));

        // a new job asks for exactly its quota first (5 candidates: here the pilot's call, sent on approval), then for
        // what is missing
        List<ConsumerRecord<String, String>> candidates = consume(Topics.CANDIDATES, jobId, 5, r -> true);
        assertEquals(5, candidates.size());
        List<String> ids = new ArrayList<>();
        for (ConsumerRecord<String, String> record : candidates) {
            Candidate candidate = Json.MAPPER.readValue(record.value(), Candidate.class);
            assertEquals(candidate.candidateId(), record.key(), "candidates spread over partitions by id");
            ids.add(candidate.candidateId());
            assertEquals(CELL, candidate.cell());
            assertEquals("system", candidate.example().get("messages").get(0).get("role").asText());
            assertEquals(250 / 5, candidate.lineage().outputTokens());
            assertEquals((1000 * 0.15 + 250 * 0.60) / 1e6 / 5, candidate.lineage().costUsd(), 1e-12);
        }
        // spread over partitions, they arrive in no set order
        assertEquals(List.of(jobId + "-c000000", jobId + "-c000001", jobId + "-c000002", jobId + "-c000003",
                jobId + "-c000004"), ids.stream().sorted().toList());
        JsonNode request = Json.MAPPER.readTree(TeacherWireMock.server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getBodyAsString().contains(jobMarker(jobId))).findFirst().orElseThrow()
                .getRequest().getBodyAsString());
        assertEquals("generated_examples", request.at("/response_format/json_schema/name").asText());
        assertTrue(request.at("/messages/1/content").asText().contains("complexity: simple"));

        // the exporter's teacher figure covers the candidates it holds an outcome for; the generator's log is the truth
        publish(Topics.JOB_PROGRESS, jobId, Json.MAPPER.writeValueAsString(JobProgress.of(jobId,
                Map.of(CELL, new CellProgress(5, 5, 0, 0)), 5, 0, 0, 0.00024, 0.0001, Instant.now())));
        JsonNode finalizing = Json.MAPPER.readTree(consume(Topics.JOB_EVENTS, jobId, 1,
                r -> r.value().contains("FINALIZING")).get(0).value());
        assertEquals(5, finalizing.get("candidatesEmitted").asLong());
        given().when().get("/jobs/" + jobId).then().statusCode(200).body("status", equalTo("FINALIZING"))
                .body("candidatesEmitted", equalTo(5)).body("progress.accepted", equalTo(5));
        JsonNode cost = Json.MAPPER.readTree(given().when().get("/jobs/" + jobId).then().extract().asString())
                .get("cost");
        assertEquals((1000 * 0.15 + 250 * 0.60) / 1e6, cost.get("generationUsd").asDouble(), 1e-12, "from the call log");
        assertEquals(0.0001, cost.get("judgeUsd").asDouble(), 1e-12, "from the exporter");
        assertEquals(0.0004, cost.get("totalUsd").asDouble(), 1e-12);
        assertEquals(0.00008, cost.get("perAcceptedExampleUsd").asDouble(), 1e-12, "over the 5 accepted");
        given().when().get("/jobs/" + jobId + "/usage").then().statusCode(200).body("calls", equalTo(1))
                .body("failedCalls", equalTo(0)).body("inputTokens", equalTo(1000))
                .body("outputTokens", equalTo(250)).body("candidatesEmitted", equalTo(5));
    }

    /** Seeds that break the job's own rules are named in the plan's warnings and never shown to the teacher. */
    @Test
    void seedsThatBreakTheJobsRulesAreNamedInThePlanAndNotShownToTheTeacher() throws Exception {
        JobSpec example = JobSpecs.load(Path.of("../examples/task-api/job.yaml"));
        List<Integer> breaking = new ArrayList<>();
        for (int i = 0; i < example.seeds().size(); i++) {
            List<ChatTurn> turns = example.seeds().get(i).messages();
            if (!turns.get(turns.size() - 1).content().startsWith("Created task: ")) {
                breaking.add(i);
            }
        }
        assertTrue(!breaking.isEmpty() && breaking.size() < example.seeds().size(), breaking.toString());
        JsonNode job = Json.MAPPER.readTree(given().contentType(ContentType.JSON)
                .body(specJson(5, "\"rules\": {\"reply_must_match\": [\"^Created task: \"]}, \"budget_usd\": 0.000001"))
                .header(JobResource.IDEMPOTENCY_KEY, UUID.randomUUID().toString()).when().post("/jobs")
                .then().statusCode(201).extract().asString());
        String jobId = job.get("jobId").asText();
        JsonNode plan = job.get("plan");
        assertEquals(breaking, Json.MAPPER.convertValue(plan.get("seedsSetAside"),
                new com.fasterxml.jackson.core.type.TypeReference<List<Integer>>() {
                }));
        List<String> fields = new ArrayList<>();
        plan.get("warnings").forEach(w -> fields.add(w.get("field").asText()));
        // each seed set aside, the summary line, and the budget below the estimate
        assertEquals(breaking.size() + 2, fields.size(), plan.get("warnings").toString());
        assertEquals("seeds[" + breaking.get(0) + "]", fields.get(0));
        assertEquals("budget_usd", fields.get(fields.size() - 1));
        assertTrue(plan.at("/warnings/0/message").asText().contains("(reply_pattern)"), plan.get("warnings").toString());
        List<String> prompts = new ArrayList<>(List.of(plan.at("/examplePrompt/1/content").asText()));
        Instant deadline = Instant.now().plusSeconds(30);
        String marker = jobMarker(jobId);
        while (prompts.size() == 1 && Instant.now().isBefore(deadline)) {
            TeacherWireMock.server.getAllServeEvents().stream().map(e -> e.getRequest().getBodyAsString())
                    .filter(body -> body.contains(marker)).forEach(prompts::add);
            Thread.sleep(200);
        }
        assertTrue(prompts.size() > 1, "the pilot call never reached the teacher");
        for (String prompt : prompts) {
            assertTrue(prompt.contains("Created task: "), "shown seeds are there");
            for (int index : breaking) {
                List<ChatTurn> turns = example.seeds().get(index).messages();
                String reply = turns.get(turns.size() - 1).content();
                String shown = prompt.startsWith("{") ? Json.MAPPER.readTree(prompt).at("/messages/1/content").asText()
                        : prompt;
                assertTrue(!shown.contains(Json.MAPPER.writeValueAsString(reply).replaceAll("^\"|\"$", "")),
                        "seeds[" + index + "] was shown: " + reply);
            }
        }
        given().when().post("/jobs/" + jobId + "/cancel").then().statusCode(200);
    }

    /**
     * A call answered while no other call of its job is out marks its candidates {@code seedforge-nothing-follows}, so
     * the validator judges them without waiting for a fuller batch; the approved pilot's candidates, sent together
     * before any call, are not marked.
     */
    @Test
    void aTopUpCallAloneMarksItsCandidatesNothingFollows() throws Exception {
        String jobId = given().contentType(ContentType.JSON).body(specJson(5, ""))
                .header(JobResource.IDEMPOTENCY_KEY, UUID.randomUUID().toString())
                .when().post("/jobs").then().statusCode(201).body("status", equalTo("PLANNED")).extract().path("jobId");
        given().when().post("/jobs/" + jobId + "/approve").then().statusCode(200);
        List<ConsumerRecord<String, String>> pilot = consume(Topics.CANDIDATES, jobId, 5, r -> true);
        assertEquals(5, pilot.size());
        for (ConsumerRecord<String, String> record : pilot) {
            assertNull(record.headers().lastHeader(CandidateHeaders.NOTHING_FOLLOWS), record.key());
        }
        // two of the five rejected: the generator asks for what is missing in one call, the only one out
        publish(Topics.JOB_PROGRESS, jobId, Json.MAPPER.writeValueAsString(JobProgress.of(jobId,
                Map.of(CELL, new CellProgress(5, 3, 2, 0)), 3, 2, 0, 0.00024, 0.0001, Instant.now())));
        List<ConsumerRecord<String, String>> topUp = consume(Topics.CANDIDATES, jobId, 1,
                r -> !pilot.stream().map(ConsumerRecord::key).toList().contains(r.key()));
        assertFalse(topUp.isEmpty(), "no top-up call");
        for (ConsumerRecord<String, String> record : topUp) {
            assertEquals(CandidateHeaders.TRUE, new String(record.headers().lastHeader(
                    CandidateHeaders.NOTHING_FOLLOWS).value(), java.nio.charset.StandardCharsets.UTF_8), record.key());
        }
    }

    /**
     * The test plays validator, dedup and exporter: it accepts two of every five candidates and publishes the counts on
     * {@code job-progress} as they come, so the generator must keep generating at the observed yield of 0.4.
     */
    @Test
    void whenTheValidatorRejectsMostCandidatesTheQuotaIsStillFilledAtTheObservedYield() throws Exception {
        int target = 10;
        String jobId = submitAuto(specJson(target, ""));
        Map<String, String> contentById = new java.util.HashMap<>();
        long accepted = 0;
        long rejected = 0;
        JsonNode finalizing = null;
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.CANDIDATES, Topics.JOB_EVENTS));
            Instant deadline = Instant.now().plusSeconds(180);
            while (finalizing == null && Instant.now().isBefore(deadline)) {
                boolean counted = false;
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    if (!jobId.equals(KafkaTopics.jobIdOf(record.value()))) {
                        continue;
                    }
                    if (record.topic().equals(Topics.JOB_EVENTS)) {
                        if (record.value().contains("\"FINALIZING\"")) {
                            finalizing = Json.MAPPER.readTree(record.value());
                        }
                        continue;
                    }
                    Candidate candidate = Json.MAPPER.readValue(record.value(), Candidate.class);
                    String before = contentById.putIfAbsent(candidate.candidateId(), candidate.example().toString());
                    if (before != null) {
                        assertEquals(before, candidate.example().toString(), "a redelivered candidate keeps its content");
                        continue;
                    }
                    long sequence = Long.parseLong(candidate.candidateId().substring(jobId.length() + 2));
                    if (sequence % 5 < 2) {
                        accepted++;
                    } else {
                        rejected++;
                    }
                    counted = true;
                }
                if (counted) {
                    publish(Topics.JOB_PROGRESS, jobId, Json.MAPPER.writeValueAsString(new JobProgress(
                            SchemaVersions.CURRENT, jobId, Map.of(CELL, new CellProgress(target, accepted, rejected, 0)),
                            accepted + rejected, accepted, rejected, 0, 0.0, Instant.now())));
                }
            }
        }
        assertTrue(finalizing != null, "no FINALIZING after " + contentById.size() + " candidates, " + accepted
                + " accepted");
        assertEquals("every quota met: " + target + " of " + target + " accepted", finalizing.get("reason").asText());
        long emitted = finalizing.get("candidatesEmitted").asLong();
        assertEquals(contentById.size(), emitted, "every emitted candidate reached the topic");
        assertTrue(accepted >= target);
        // accepting sequences 0, 1, 5, 6, ... the 10th acceptance is candidate 21: 22 candidates are the least that
        // can fill the quota, and one more call of 5 the most that counts arriving late may add
        assertTrue(emitted >= 22 && emitted <= 27, emitted + " candidates for 10 accepted at a yield of 0.4");
        // the calls after the first bookings show the teacher what the cell already has, kept from those bookings
        String marker = jobMarker(jobId);
        List<String> shown = new ArrayList<>();
        for (var event : TeacherWireMock.server.getAllServeEvents()) {
            if (event.getRequest().getBodyAsString().contains(marker)) {
                String user = Json.MAPPER.readTree(event.getRequest().getBodyAsString()).at("/messages/1/content")
                        .asText();
                if (user.contains("<already_have>")) {
                    shown.add(user.substring(user.indexOf("<already_have>"), user.indexOf("</already_have>")));
                }
            }
        }
        assertTrue(!shown.isEmpty(), "no call of the job showed the teacher the examples its cell already had");
        assertTrue(shown.stream().allMatch(digests -> digests.lines().filter(l -> l.startsWith("- ")).count() == 5),
                "each shows the five distinct examples the teacher stand-in writes: " + shown);
    }

    /**
     * A thin job (target 300, cap 1,200) whose candidates come back 9 in 10 duplicates: it pauses early, naming the
     * cell and its rates, and resumes after its seeds and thresholds change.
     */
    @Test
    void aJobWhoseCandidatesKeepComingBackDuplicatePausesEarlyAndResumesAfterASpecChange() throws Exception {
        int target = 300;
        String jobId = submitAuto(specJson(target, ""));
        long accepted = 0;
        long duplicates = 0;
        java.util.Set<String> seen = new java.util.HashSet<>();
        JsonNode paused = null;
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.CANDIDATES, Topics.JOB_EVENTS));
            Instant deadline = Instant.now().plusSeconds(180);
            while (paused == null && Instant.now().isBefore(deadline)) {
                boolean counted = false;
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    if (!jobId.equals(KafkaTopics.jobIdOf(record.value()))) {
                        continue;
                    }
                    if (record.topic().equals(Topics.JOB_EVENTS)) {
                        if (record.value().contains("\"PAUSED\"")) {
                            paused = Json.MAPPER.readTree(record.value());
                        }
                        continue;
                    }
                    Candidate candidate = Json.MAPPER.readValue(record.value(), Candidate.class);
                    if (!seen.add(candidate.candidateId())) {
                        continue;
                    }
                    if (seen.size() % 10 == 0) {
                        accepted++;
                    } else {
                        duplicates++;
                    }
                    counted = true;
                }
                if (counted) {
                    publish(Topics.JOB_PROGRESS, jobId, Json.MAPPER.writeValueAsString(new JobProgress(
                            SchemaVersions.CURRENT, jobId, Map.of(CELL, new CellProgress(target, accepted, 0,
                                    duplicates)),
                            accepted + duplicates, accepted, 0, duplicates, 0.0,
                            Instant.now())));
                }
            }
        }
        assertTrue(paused != null, "no PAUSED after " + seen.size() + " candidates");
        String diagnosis = paused.get("reason").asText();
        assertTrue(diagnosis.contains(CELL + ": 9") && diagnosis.contains("% duplicates"), diagnosis);
        assertTrue(diagnosis.contains("seeds") && diagnosis.contains("/resume"), diagnosis);
        long emitted = given().when().get("/jobs/" + jobId).then().statusCode(200).body("status", equalTo("PAUSED"))
                .extract().jsonPath().getLong("candidatesEmitted");
        assertTrue(emitted <= 1200 / 4, emitted + " candidates before pausing, of a cap of 1,200");

        given().contentType(ContentType.JSON).body("{\"target\": 10}").when().post("/jobs/" + jobId + "/resume")
                .then().statusCode(400).body("errors[0].field", equalTo("target"));
        String newSeed = "Put 'Call the plumber " + UUID.randomUUID() + "' on my list for Monday";
        // the second new seed breaks the rules the resume brings: the plan sets it aside
        given().contentType(ContentType.JSON).body("{\"seeds\": [{\"messages\": [{\"role\": \"user\", \"content\": \""
                + newSeed + "\"}, {\"role\": \"assistant\", \"content\": \"Created task: 'Call the plumber'\"}]},"
                + " {\"messages\": [{\"role\": \"user\", \"content\": \"Make task 3 urgent\"}, {\"role\": \"assistant\","
                + " \"content\": \"Updated task #3: priority -> high\"}]}],"
                + " \"rules\": {\"reply_must_match\": [\"^Created task: \"]},"
                + " \"diversity\": {\"pause_duplicate_rate\": 0.95}}").when().post("/jobs/" + jobId + "/resume")
                .then().statusCode(200).body("status", equalTo("GENERATING"))
                .body("spec.diversity.pause_duplicate_rate", equalTo(0.95f)).body("spec.seeds.size()", equalTo(2))
                .body("plan.seedsSetAside", equalTo(List.of(1))).body("plan.warnings[0].field", equalTo("seeds[1]"));
        given().when().get("/jobs/" + jobId).then().body("plan.seedsSetAside", equalTo(List.of(1)));
        given().contentType(ContentType.JSON).when().post("/jobs/" + jobId + "/resume").then().statusCode(409);
        Instant deadline = Instant.now().plusSeconds(60);
        boolean newSeedShown = false;
        while (!newSeedShown && Instant.now().isBefore(deadline)) {
            newSeedShown = TeacherWireMock.server.getAllServeEvents().stream()
                    .anyMatch(e -> e.getRequest().getBodyAsString().contains(newSeed.substring(0, 40)));
            Thread.sleep(200);
        }
        assertTrue(newSeedShown, "after the resume the teacher is shown the new seed");
        given().when().post("/jobs/" + jobId + "/cancel").then().statusCode(200);
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackTestResource.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(props);
    }

    @Test
    void theBudgetIsAHardCapNoCallStartsThatItCannotCover() throws Exception {
        String jobId = submitAuto(specJson(10, "\"budget_usd\": 0.00001"));
        JsonNode finalizing = Json.MAPPER.readTree(consume(Topics.JOB_EVENTS, jobId, 1,
                r -> r.value().contains("FINALIZING")).get(0).value());
        assertTrue(finalizing.get("reason").asText().startsWith("budget of $0.0000 reached"), finalizing.toString());
        assertEquals(0, finalizing.get("candidatesEmitted").asLong());
        assertEquals(0, TeacherWireMock.server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getBodyAsString().contains(jobMarker(jobId))).count());
    }

    @Test
    void a429IsRetriedAndTheJobGoesOn() throws Exception {
        String jobId = submitAuto(specJson(5, "").replace("\"task\":\"", "\"task\":\"" + TeacherWireMock.RATE_LIMITED
                + " "));
        assertEquals(5, consume(Topics.CANDIDATES, jobId, 5, r -> true).size());
        List<Integer> statuses = TeacherWireMock.server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getBodyAsString().contains(TeacherWireMock.RATE_LIMITED))
                .map(e -> e.getResponse().getStatus()).sorted().toList();
        assertEquals(List.of(200, 429), statuses);
    }

    @Test
    void aTeacherThatNeverAnswersUsablyFailsTheJobAfterTheConfiguredCallsEachBookedOnce() throws Exception {
        String jobId = submitAuto(specJson(4, "").replace("\"task\":\"", "\"task\":\"" + TeacherWireMock.UNUSABLE
                + " "));
        JsonNode failed = Json.MAPPER.readTree(consume(Topics.JOB_EVENTS, jobId, 1,
                r -> r.value().contains("\"FAILED\"")).get(0).value());
        assertTrue(failed.get("reason").asText().contains("8"), failed.toString());
        assertTrue(failed.get("reason").asText().contains("; the last: answer is not complete JSON"),
                "says what the last call got: " + failed);
        long requests = TeacherWireMock.server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getBodyAsString().contains(jobMarker(jobId))).count();
        JsonNode usage = Json.MAPPER.readTree(given().get("/jobs/" + jobId + "/usage").then().statusCode(200)
                .extract().asString());
        assertEquals(requests, usage.get("failedCalls").asLong(), "every request booked once as a failed call: "
                + usage);
        assertTrue(requests >= 8 && requests <= 12, requests + " requests");
        assertEquals(0, usage.get("candidatesEmitted").asLong(), usage.toString());
    }

    @Test
    void anIdenticalCallIsAnsweredFromTheCacheAndNotPaidTwice() throws Exception {
        String spec = specJson(5, "\"random_seed\": 99").replace("\"task\":\"", "\"task\":\"CACHED ");
        String first = submitAuto(spec);
        consume(Topics.CANDIDATES, first, 5, r -> true);
        long calls = TeacherWireMock.server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getBodyAsString().contains("CACHED")).count();
        String second = submitAuto(spec);
        List<ConsumerRecord<String, String>> again = consume(Topics.CANDIDATES, second, 5, r -> true);
        assertEquals(5, again.size());
        assertEquals(calls, TeacherWireMock.server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getBodyAsString().contains("CACHED")).count(), "no new teacher call");
        assertEquals(0.0, Json.MAPPER.readValue(again.get(0).value(), Candidate.class).lineage().costUsd());
    }

    @Test
    void theSameIdempotencyKeyReturnsTheSameJob() throws Exception {
        String key = UUID.randomUUID().toString();
        String first = given().contentType(ContentType.JSON).body(specJson(3, "")).header(JobResource.IDEMPOTENCY_KEY,
                key).when().post("/jobs").then().statusCode(201).extract().path("jobId");
        given().contentType(ContentType.JSON).body(specJson(3, "")).header(JobResource.IDEMPOTENCY_KEY, key)
                .when().post("/jobs").then().statusCode(200).body("jobId", equalTo(first));
    }

    @Test
    void aMalformedSpecIsRefusedWithTheFieldAndNothingIsStored() {
        int jobsBefore = given().when().get("/jobs").then().extract().path("size()");
        given().contentType("application/yaml").body(yaml("task: t\nformat: openai\ntarget: 0\nseeds: []\n"))
                .when().post("/jobs")
                .then().statusCode(400).body("errors.field", hasItem("target"))
                .body("errors.field", hasItem("seeds"));
        given().contentType("application/yaml").body(yaml("task: [unclosed")).when().post("/jobs")
                .then().statusCode(400).body("errors[0].field", equalTo("spec"));
        given().contentType("application/yaml").body(yaml("task: t\nformat: csv\ntarget: 3\n")).when().post("/jobs")
                .then().statusCode(400).body("errors[0].field", equalTo("format"));
        int jobsAfter = given().when().get("/jobs").then().extract().path("size()");
        assertEquals(jobsBefore, jobsAfter);
    }

    @Test
    void aBadRequestOnTheTopicGetsAFailedEventNamingTheProblem() throws Exception {
        String key = "bad-" + UUID.randomUUID();
        publish(Topics.GENERATION_REQUESTS, key, "{\"schemaVersion\":1,\"idempotencyKey\":\"" + key
                + "\",\"spec\":{\"task\":\"t\",\"format\":\"openai\",\"target\":-5,\"seeds\":[]}}");
        String notJson = "garbage-" + UUID.randomUUID();
        publish(Topics.GENERATION_REQUESTS, notJson, "this is { not json");

        String jobId = dev.seedforge.generator.domain.JobIds.forKey(key);
        JsonNode failed = Json.MAPPER.readTree(consume(Topics.JOB_EVENTS, jobId, 1,
                r -> r.value().contains("FAILED")).get(0).value());
        assertTrue(failed.get("reason").asText().contains("target: must be at least 1, got -5"),
                failed.toString());
        JsonNode unreadable = Json.MAPPER.readTree(consume(Topics.JOB_EVENTS,
                dev.seedforge.generator.domain.JobIds.forKey(notJson), 1, r -> r.value().contains("FAILED")).get(0)
                .value());
        assertTrue(unreadable.get("reason").asText().startsWith("job request is not readable"),
                unreadable.toString());
        given().when().get("/jobs/" + jobId).then().statusCode(404);
    }

    private static byte[] yaml(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void publish(String topic, String key, String value) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackTestResource.kafkaBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /** Reads the topic from the start until {@code count} records of the job match, or 60 s pass. */
    private static List<ConsumerRecord<String, String>> consume(String topic, String jobId, int count,
            Predicate<ConsumerRecord<String, String>> filter) {
        return consume(topic, jobId, count, filter, Duration.ofSeconds(60));
    }

    private static List<ConsumerRecord<String, String>> consume(String topic, String jobId, int count,
            Predicate<ConsumerRecord<String, String>> filter, Duration wait) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackTestResource.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(wait);
            while (found.size() < count && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (jobId.equals(KafkaTopics.jobIdOf(record.value())) && filter.test(record)) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }
}
