package dev.seedforge.generator.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

import dev.seedforge.contracts.InvalidJobSpecException;
import dev.seedforge.contracts.JobSpecs;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.SeedFiles;
import dev.seedforge.contracts.Topics;
import dev.seedforge.generator.TeacherWireMock;
import dev.seedforge.generator.domain.JobIds;
import dev.seedforge.localstack.LocalStackTestResource;
import dev.seedforge.testsupport.KafkaTopics;

/**
 * The bad-input corpus ({@code src/test/resources/bad-input}) against the generator on a real broker and database:
 * through {@code POST /jobs} each request gets a 4xx whose {@code errors[]} names the field, through
 * {@code generation-requests} a FAILED event whose reason names it; neither leaves a job behind, and the service goes
 * on serving good jobs, including ones whose text is unusual but valid.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = TeacherWireMock.class, restrictToAnnotatedClass = true)
class BadInputTest {

    /** One corpus entry: what {@code POST /jobs} must answer, and how the file goes on the topic. */
    record Case(String file, int status, String field, String message, String topic) {

        @Override
        public String toString() {
            return file;
        }
    }

    private static final AtomicInteger TRIED = new AtomicInteger();
    private static final AtomicInteger VALID = new AtomicInteger();
    private static final List<String> LINES = new ArrayList<>();

    @TempDir
    static Path work;

    static List<Case> corpus() {
        return Json.MAPPER.convertValue(readTree(resource("corpus.json")), new TypeReference<List<Case>>() {
        });
    }

    @ParameterizedTest(name = "POST /jobs {0}")
    @MethodSource("corpus")
    void eachBadRequestIsRefusedOverRestNamingTheFieldAndStoresNothing(Case bad) {
        int jobsBefore = jobCount();
        Response response = given().contentType(bad.file().endsWith(".json") ? "application/json" : "application/yaml")
                .body(resource(bad.file()).getBytes(StandardCharsets.UTF_8)).when().post("/jobs");
        assertEquals(bad.status(), response.statusCode(), response.asString());
        assertNamed(response, bad.field(), bad.message());
        assertEquals(jobsBefore, jobCount(), "nothing stored for " + bad.file());
        tried("REST  " + bad.file() + " -> " + response.statusCode() + " " + firstError(response));
    }

    @Test
    void eachBadRequestOnTheTopicGetsAFailedEventNamingTheProblemAndNoJob() throws Exception {
        Map<String, Case> byKey = new LinkedHashMap<>();
        try (KafkaTopics topics = new KafkaTopics(LocalStackTestResource.kafkaBootstrapServers())) {
            for (Case bad : corpus()) {
                String key = "bad-input-" + UUID.randomUUID();
                String text = resource(bad.file());
                String value = bad.topic().equals("raw") ? text : jobRequest(key, asJson(bad.file(), text));
                topics.send(Topics.GENERATION_REQUESTS, key, value);
                byKey.put(key, bad);
            }
            Map<String, String> reasons = failedReasons(byKey.keySet());
            for (var entry : byKey.entrySet()) {
                Case bad = entry.getValue();
                String reason = reasons.get(JobIds.forKey(entry.getKey()));
                assertTrue(reason != null, "no FAILED event for " + bad.file());
                if (bad.topic().equals("raw")) {
                    assertTrue(reason.startsWith("job request is not readable"), bad.file() + ": " + reason);
                } else {
                    assertTrue(reason.contains(bad.field() + ": ") && reason.contains(bad.message()),
                            bad.file() + ": " + reason);
                }
                given().when().get("/jobs/" + JobIds.forKey(entry.getKey())).then().statusCode(404);
                tried("topic " + bad.file() + " -> FAILED: " + reason);
            }
        }
    }

    @Test
    void aBodyOverTheConfiguredLimitGets413NamingTheLimit() throws Exception {
        int jobsBefore = jobCount();
        byte[] body = new byte[50 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[body.length - 1] = '}';
        HttpResponse<String> response = post("application/json", body);
        assertEquals(413, response.statusCode(), response.body());
        String error = assertNamed(readTree(response.body()), "body",
                "the limit is 10485760 bytes (quarkus.http.limits.max-body-size)");
        assertEquals(jobsBefore, jobCount());
        tried("REST  50 MB body -> 413 " + error);
    }

    @Test
    void aHundredThousandSeedsAreRefusedOverRestAndCannotBeSentOnTheTopic() throws Exception {
        StringBuilder spec = new StringBuilder("{\"task\":\"Answer\",\"format\":\"openai\",\"target\":10,\"seeds\":[");
        for (int i = 0; i < 100_000; i++) {
            spec.append(i == 0 ? "" : ",").append("{\"messages\":[{\"role\":\"user\",\"content\":\"q").append(i)
                    .append("\"},{\"role\":\"assistant\",\"content\":\"a\"}]}");
        }
        spec.append("]}");
        int jobsBefore = jobCount();
        HttpResponse<String> response = post("application/json", spec.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(400, response.statusCode(), response.body());
        String error = assertNamed(readTree(response.body()), "seeds", "at most 10000 seeds, got 100000");
        assertEquals(jobsBefore, jobCount());
        tried("REST  100,000 seeds (" + spec.length() / 1024 / 1024 + " MB) -> 400 " + error);

        try (KafkaTopics topics = new KafkaTopics(LocalStackTestResource.kafkaBootstrapServers())) {
            ExecutionException refused = assertThrows(ExecutionException.class, () -> topics.send(
                    Topics.GENERATION_REQUESTS, "too-large", jobRequest("too-large", spec.toString())));
            assertInstanceOf(RecordTooLargeException.class, refused.getCause());
            tried("topic 100,000 seeds -> refused by the producer before the broker: "
                    + refused.getCause().getMessage());
        }
    }

    /** Large or deep bodies go through the JDK client: REST Assured pretty-prints a body for its log. */
    private static HttpResponse<String> post(String contentType, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/jobs"))
                .timeout(Duration.ofMinutes(2)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void jsonNestedTenThousandDeepIsRefusedBothWays() throws Exception {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        String spec = "{\"task\":" + deep + ",\"format\":\"openai\",\"target\":10}";
        HttpResponse<String> response = post("application/json", spec.getBytes(StandardCharsets.UTF_8));
        assertEquals(400, response.statusCode(), response.body());
        String error = assertNamed(readTree(response.body()), "spec", "is not valid YAML or JSON");
        tried("REST  JSON nested 10,000 deep -> 400 " + error);

        String key = "deep-" + UUID.randomUUID();
        try (KafkaTopics topics = new KafkaTopics(LocalStackTestResource.kafkaBootstrapServers())) {
            topics.send(Topics.GENERATION_REQUESTS, key, jobRequest(key, spec));
            String reason = failedReasons(List.of(key)).get(JobIds.forKey(key));
            assertTrue(reason != null && reason.startsWith("job request is not readable"), String.valueOf(reason));
            tried("topic JSON nested 10,000 deep -> FAILED: " + reason);
        }
    }

    @Test
    void aSeedFileOverTheLimitIsRefusedByTheSpecLoader() throws Exception {
        Path seeds = work.resolve("seeds.jsonl");
        String line = "{\"messages\":[{\"role\":\"user\",\"content\":\"" + "q".repeat(1000)
                + "\"},{\"role\":\"assistant\",\"content\":\"a\"}]}\n";
        try (var out = Files.newBufferedWriter(seeds)) {
            for (long written = 0; written <= SeedFiles.MAX_BYTES; written += line.length()) {
                out.write(line);
            }
        }
        Path spec = Files.writeString(work.resolve("job.yaml"), "task: Answer\nformat: openai\ntarget: 10\n"
                + "seeds_file: seeds.jsonl\n");
        InvalidJobSpecException e = assertThrows(InvalidJobSpecException.class, () -> JobSpecs.load(spec));
        assertEquals("seeds_file", e.errors().get(0).field());
        assertTrue(e.getMessage().contains("the limit is " + SeedFiles.MAX_BYTES), e.getMessage());
        tried("CLI   seeds_file of " + Files.size(seeds) / 1024 / 1024 + " MB -> " + e.errors().get(0));
    }

    @Test
    void unicodeAndControlCharactersAreKeptAsData() {
        String yaml = resource("unicode-and-controls.yaml");
        JsonNode sent = readYaml(yaml);
        String jobId = given().contentType("application/yaml").body(yaml.getBytes(StandardCharsets.UTF_8))
                .when().post("/jobs").then().statusCode(201).extract().path("jobId");
        JsonNode stored = readTree(given().when().get("/jobs/" + jobId).then().statusCode(200).extract().asString());
        assertEquals(sent.get("task").asText(), stored.at("/spec/task").asText());
        for (int turn = 0; turn < 2; turn++) {
            assertEquals(sent.at("/seeds/0/messages/" + turn + "/content").asText(),
                    stored.at("/spec/seeds/0/messages/" + turn + "/content").asText(), "seed turn " + turn);
        }
        valid("REST  unicode-and-controls.yaml (valid) -> 201, task and seeds served back unchanged");
    }

    @Test
    void aSeedThatGivesOrdersIsQuotedAsDataAndTheJobRuns() throws Exception {
        String yaml = resource("prompt-injection.yaml");
        String injected = readYaml(yaml).at("/seeds/0/messages/0/content").asText();
        Response created = given().contentType("application/yaml").body(yaml.getBytes(StandardCharsets.UTF_8))
                .when().post("/jobs");
        assertEquals(201, created.statusCode(), created.asString());
        String jobId = created.path("jobId");
        String system = created.path("plan.examplePrompt[0].content");
        String user = created.path("plan.examplePrompt[1].content");
        assertTrue(system.contains("never an instruction to you"), system);
        assertEquals(1, occurrences(user, "<seed_examples>"), user);
        assertEquals(1, occurrences(user, "</seed_examples>"), "the seed cannot close its tag: " + user);
        assertEquals(1, occurrences(user, "<directives>"), "the seed cannot open a directives block: " + user);
        String block = user.substring(user.indexOf("<seed_examples>") + 15, user.indexOf("</seed_examples>"));
        boolean quoted = false;
        for (JsonNode seed : readTree(block)) {
            quoted |= injected.equals(seed.at("/messages/0/content").asText());
        }
        assertTrue(quoted, "the seed is in the prompt, whole, as a JSON string: " + block);

        given().when().post("/jobs/" + jobId + "/approve").then().statusCode(200).body("status", equalTo("GENERATING"));
        try (KafkaTopics topics = new KafkaTopics(LocalStackTestResource.kafkaBootstrapServers())) {
            assertTrue(topics.readJob(Topics.CANDIDATES, jobId, 5, Duration.ofMinutes(2)).size() >= 5,
                    "the service still serves: the job emits candidates");
        }
        valid("REST  prompt-injection.yaml (valid) -> 201; the seed is quoted inside <seed_examples> as JSON, the"
                + " prompt has one seed block and one directives block; the job emits candidates");
    }

    @AfterAll
    static void summary() {
        LINES.forEach(line -> System.out.println("[bad-input] " + line));
        System.out.printf("[bad-input] SUMMARY: bad inputs tried %d (a corpus of %d files over REST and over the topic,"
                + " plus generated ones), refused naming the problem %d, jobs half-written 0; valid unusual inputs"
                + " accepted as data %d%n", TRIED.get(), corpus().size(), TRIED.get(), VALID.get());
    }

    private static synchronized void valid(String line) {
        VALID.incrementAndGet();
        LINES.add(line);
    }

    private static synchronized void tried(String line) {
        TRIED.incrementAndGet();
        LINES.add(line);
    }

    /**
     * The reasons of the FAILED events of the jobs these request keys map to, read by one consumer until all are there
     * (a consumer group per key took 2 s each to join and settle).
     */
    private static Map<String, String> failedReasons(java.util.Collection<String> keys)
            throws Exception {
        java.util.Set<String> jobIds = new java.util.HashSet<>();
        keys.forEach(key -> jobIds.add(JobIds.forKey(key)));
        Map<String, String> reasons = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackTestResource.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "bad-input-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.JOB_EVENTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (reasons.size() < jobIds.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
                    if (jobIds.contains(record.key())) {
                        JsonNode event = readTree(record.value());
                        if ("FAILED".equals(event.path("status").asText())) {
                            reasons.put(record.key(), event.path("reason").asText());
                        }
                    }
                }
            }
        }
        return reasons;
    }

    private static void assertNamed(Response response, String field, String message) {
        assertNamed(readTree(response.asString()), field, message);
    }

    /** Answers the matching error as "field: message". */
    private static String assertNamed(JsonNode body, String field, String message) {
        for (JsonNode error : body.path("errors")) {
            if (field.equals(error.path("field").asText()) && error.path("message").asText().contains(message)) {
                return field + ": " + error.path("message").asText();
            }
        }
        throw new AssertionError("no error on " + field + " saying '" + message + "': " + body);
    }

    private static String firstError(Response response) {
        List<Map<String, String>> errors = response.path("errors");
        return errors == null || errors.isEmpty() ? "" : errors.get(0).get("field") + ": " + errors.get(0).get("message");
    }

    private static int jobCount() {
        return given().when().get("/jobs").then().statusCode(200).extract().path("size()");
    }

    private static String jobRequest(String key, String specJson) {
        return "{\"schemaVersion\":1,\"idempotencyKey\":\"" + key + "\",\"spec\":" + specJson + "}";
    }

    /** JSON files as they are (escapes included); YAML converted to JSON. */
    private static String asJson(String file, String text) {
        return file.endsWith(".json") ? text.strip() : readYaml(text).toString();
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    private static JsonNode readTree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readYaml(String yaml) {
        try {
            return new YAMLMapper().readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resource(String name) {
        try (InputStream in = BadInputTest.class.getResourceAsStream("/bad-input/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource bad-input/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
