package dev.seedforge.simulator.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.seedforge.simulator.domain.SchemaAssertions;
import dev.seedforge.simulator.domain.TaskApiSeeds;

/**
 * The Files and Batch APIs over HTTP as an OpenAI client uses them: upload, create, poll, read the output; cancel;
 * the default configuration (3 s per batch, no failed or expired requests).
 */
@QuarkusTest
class BatchApiResourceTest {

    private static final JsonNode EXAMPLES_SCHEMA = TaskApiSeeds.json("generated-examples-schema.json");
    private static final JsonNode JUDGE_SCHEMA = TaskApiSeeds.json("judge-schema.json");
    private static final String KEY = "Bearer sk-test-batch-not-a-secret";

    static ObjectNode message(String role, String content) {
        return TaskApiSeeds.MAPPER.createObjectNode().put("role", role).put("content", content);
    }

    /** A generation body as the generator sends it, asking {@code count} examples. */
    static ObjectNode generation(int count, double temperature) {
        ArrayNode seeds = TaskApiSeeds.MAPPER.createArrayNode();
        for (String line : TaskApiSeeds.resource("task-api-seeds.jsonl").strip().split("\n")) {
            seeds.add(read(line));
        }
        String user = "<task>\nTrain an assistant for a task-management API.\n</task>\n\n<seed_examples>\n"
                + seeds.toPrettyString() + "\n</seed_examples>\n\n<count>" + count + "</count>";
        ObjectNode body = TaskApiSeeds.MAPPER.createObjectNode().put("model", "gpt-4o-mini")
                .put("temperature", temperature);
        body.putArray("messages").add(message("system", "You write training examples for fine-tuning."))
                .add(message("user", user));
        ObjectNode format = body.putObject("response_format").put("type", "json_schema");
        format.putObject("json_schema").put("name", "generated_examples").put("strict", true)
                .set("schema", EXAMPLES_SCHEMA);
        return body;
    }

    static ObjectNode judge(int n) {
        ObjectNode body = TaskApiSeeds.MAPPER.createObjectNode().put("model", "gpt-4o-mini").put("temperature", 0.0);
        body.putArray("messages").add(message("system", "You grade training examples."))
                .add(message("user", "Grade: user 'Mark task #" + n + " as done' -> assistant 'Completed task #"
                        + n + ": 'Pay rent''"));
        ObjectNode format = body.putObject("response_format").put("type", "json_schema");
        format.putObject("json_schema").put("name", "judge_scores").put("strict", true).set("schema", JUDGE_SCHEMA);
        return body;
    }

    static ObjectNode plain(int n) {
        ObjectNode body = TaskApiSeeds.MAPPER.createObjectNode().put("model", "gpt-4o-mini");
        body.putArray("messages").add(message("user", "Say hello number " + n));
        return body;
    }

    static String line(String customId, JsonNode body) {
        ObjectNode line = TaskApiSeeds.MAPPER.createObjectNode().put("custom_id", customId).put("method", "POST")
                .put("url", "/v1/chat/completions");
        line.set("body", body);
        return line.toString();
    }

    static String upload(String jsonl) {
        return given().header("Authorization", KEY)
                .multiPart("file", "requests.jsonl", jsonl.getBytes(StandardCharsets.UTF_8), "application/jsonl")
                .multiPart("purpose", "batch")
                .when().post("/v1/files")
                .then().statusCode(200)
                .body("object", equalTo("file"))
                .body("purpose", equalTo("batch"))
                .body("filename", equalTo("requests.jsonl"))
                .body("bytes", equalTo(jsonl.getBytes(StandardCharsets.UTF_8).length))
                .body("id", startsWith("file-"))
                .extract().path("id");
    }

    static String createBatch(String fileId) {
        return given().contentType(ContentType.JSON).header("Authorization", KEY)
                .body("{\"input_file_id\":\"" + fileId + "\",\"endpoint\":\"/v1/chat/completions\","
                        + "\"completion_window\":\"24h\",\"metadata\":{\"job\":\"test\"}}")
                .when().post("/v1/batches")
                .then().statusCode(200)
                .body("object", equalTo("batch"))
                .body("status", equalTo("validating"))
                .body("input_file_id", equalTo(fileId))
                .body("metadata.job", equalTo("test"))
                .body("request_counts.completed", equalTo(0))
                .extract().path("id");
    }

    /** Polls as a client does until the batch ends; the statuses seen, in order, without repeats. */
    static List<String> pollUntilEnded(String id, Map<String, Object> last) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Map<String, Object> batch = given().get("/v1/batches/" + id).then().statusCode(200).extract().path("");
            String status = (String) batch.get("status");
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(status)) {
                seen.add(status);
            }
            if (Set.of("completed", "failed", "expired", "cancelled").contains(status)) {
                last.putAll(batch);
                return seen;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("batch " + id + " did not end in 30 s: " + seen);
    }

    static List<JsonNode> content(Object fileId) {
        List<JsonNode> out = new ArrayList<>();
        if (fileId == null) {
            return out;
        }
        String text = given().get("/v1/files/" + fileId + "/content").then().statusCode(200).extract().asString();
        for (String line : text.strip().split("\n")) {
            out.add(read(line));
        }
        return out;
    }

    @Test
    void aBatchIsAnsweredLikeRealTimeCallsAndReadsTheSameTwice() throws Exception {
        given().post("/simulator/reset").then().statusCode(200);
        Map<String, JsonNode> bodies = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            bodies.put("gen-" + i, generation(2 + i, 0.7 + i * 0.05));
            bodies.put("judge-" + i, judge(i));
            bodies.put("plain-" + i, plain(i));
        }
        StringBuilder jsonl = new StringBuilder();
        bodies.forEach((id, body) -> jsonl.append(line(id, body)).append('\n'));
        String batchId = createBatch(upload(jsonl.toString()));

        Map<String, Object> batch = new HashMap<>();
        List<String> statuses = pollUntilEnded(batchId, batch);
        List<String> lifecycle = List.of("validating", "in_progress", "finalizing", "completed");
        assertEquals(statuses.stream().sorted((a, b) -> lifecycle.indexOf(a) - lifecycle.indexOf(b)).toList(),
                statuses, "states in OpenAI's order (the first poll may come after validating on a busy machine)");
        assertEquals("completed", statuses.get(statuses.size() - 1));
        assertTrue(statuses.contains("in_progress"), "seen: " + statuses);
        assertEquals(12, ((Map<?, ?>) batch.get("request_counts")).get("completed"));
        assertEquals(12, ((Map<?, ?>) batch.get("request_counts")).get("total"));
        assertEquals(null, batch.get("error_file_id"));
        assertNotNull(batch.get("completed_at"));
        assertNotNull(batch.get("in_progress_at"));

        List<JsonNode> output = content(batch.get("output_file_id"));
        assertEquals(12, output.size());
        Map<String, JsonNode> byId = new HashMap<>();
        long promptTokens = 0;
        for (JsonNode line : output) {
            String customId = line.get("custom_id").asText();
            assertEquals(null, byId.put(customId, line), "answered once: " + customId);
            assertTrue(line.get("id").asText().startsWith("batch_req_"));
            assertTrue(line.get("error").isNull());
            assertEquals(200, line.at("/response/status_code").asInt());
            assertTrue(line.at("/response/request_id").asText().length() > 4);
            JsonNode completion = line.at("/response/body");
            assertEquals("chat.completion", completion.get("object").asText());
            JsonNode usage = completion.get("usage");
            assertEquals(usage.get("prompt_tokens").asInt() + usage.get("completion_tokens").asInt(),
                    usage.get("total_tokens").asInt());
            assertTrue(usage.get("completion_tokens").asInt() > 0);
            promptTokens += usage.get("prompt_tokens").asInt();
            String text = completion.at("/choices/0/message/content").asText();
            if (customId.startsWith("gen-")) {
                JsonNode examples = read(text);
                SchemaAssertions.assertFits(EXAMPLES_SCHEMA, examples);
                assertEquals(2 + Integer.parseInt(customId.substring(4)), examples.get("examples").size());
            } else if (customId.startsWith("judge-")) {
                SchemaAssertions.assertFits(JUDGE_SCHEMA, read(text));
            } else {
                assertTrue(!text.isBlank());
            }
        }
        assertEquals(bodies.keySet(), byId.keySet());

        String realTime = given().contentType(ContentType.JSON).body(bodies.get("gen-1").toString())
                .post("/v1/chat/completions").then().statusCode(200).extract().path("choices[0].message.content");
        assertEquals(realTime, byId.get("gen-1").at("/response/body/choices/0/message/content").asText(),
                "a batch line gets the real-time answer of its body");

        Map<String, Object> again = given().get("/v1/batches/" + batchId).then().statusCode(200).extract().path("");
        assertEquals(batch, again);
        assertEquals(output, content(again.get("output_file_id")), "the output reads the same twice");
        given().get("/v1/files/" + batch.get("output_file_id")).then().statusCode(200)
                .body("purpose", equalTo("batch_output"));

        given().get("/v1/batches?limit=1").then().statusCode(200).body("object", equalTo("list"))
                .body("data[0].id", equalTo(batchId)).body("first_id", equalTo(batchId));
        Map<String, Object> stats = given().get("/simulator/stats").then().statusCode(200).extract().path("");
        Map<?, ?> batchStats = (Map<?, ?>) stats.get("batch");
        assertEquals(12, batchStats.get("request_completions"));
        assertEquals(1, batchStats.get("completed"));
        assertEquals(promptTokens, ((Number) batchStats.get("prompt_tokens")).longValue());
        assertEquals(1, stats.get("requests"), "batch requests are counted apart from real-time ones");
    }

    @Test
    void cancelKeepsTheLinesDoneAndCancelsTheOthers() throws Exception {
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            jsonl.append(line("c-" + i, plain(100 + i))).append('\n');
        }
        String batchId = createBatch(upload(jsonl.toString()));
        Thread.sleep(1_300);
        given().post("/v1/batches/" + batchId + "/cancel").then().statusCode(200)
                .body("status", equalTo("cancelling"));
        Map<String, Object> batch = new HashMap<>();
        List<String> statuses = pollUntilEnded(batchId, batch);
        assertEquals("cancelled", statuses.get(statuses.size() - 1));
        List<JsonNode> output = content(batch.get("output_file_id"));
        List<JsonNode> errors = content(batch.get("error_file_id"));
        assertTrue(!output.isEmpty() && output.size() < 30, "lines done before the cancel: " + output.size());
        assertEquals(30, output.size() + errors.size());
        for (JsonNode error : errors) {
            assertEquals("batch_cancelled", error.at("/error/code").asText());
            assertTrue(error.get("response").isNull());
        }
        given().post("/v1/batches/" + batchId + "/cancel").then().statusCode(409)
                .body("error.type", equalTo("invalid_request_error"));
    }

    @Test
    void badCallsGetOpenAiErrorsNamingTheField() {
        given().multiPart("file", "x.jsonl", "{}".getBytes(StandardCharsets.UTF_8)).multiPart("purpose", "fine-tune")
                .post("/v1/files").then().statusCode(400).body("error.param", equalTo("purpose"));
        String fileId = upload(line("a", plain(1)) + "\n");
        given().contentType(ContentType.JSON)
                .body("{\"input_file_id\":\"" + fileId + "\",\"endpoint\":\"/v1/chat/completions\","
                        + "\"completion_window\":\"1h\"}")
                .post("/v1/batches").then().statusCode(400).body("error.param", equalTo("completion_window"));
        given().contentType(ContentType.JSON)
                .body("{\"endpoint\":\"/v1/chat/completions\",\"completion_window\":\"24h\"}")
                .post("/v1/batches").then().statusCode(400).body("error.param", equalTo("input_file_id"));
        given().get("/v1/batches/batch_nope").then().statusCode(404);
        given().delete("/v1/files/" + fileId).then().statusCode(200).body("deleted", equalTo(true));
        given().get("/v1/files/" + fileId).then().statusCode(404).body("error.type", equalTo("invalid_request_error"));
    }

    static JsonNode read(String json) {
        try {
            return TaskApiSeeds.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
