package dev.seedforge.simulator.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import dev.seedforge.simulator.domain.TaskApiSeeds;

/**
 * Anthropic's Message Batches over HTTP as an Anthropic client uses them: create with inline params, poll until
 * ended, read the results JSONL (each answer the real-time endpoint's answer to the same request, as a Message with
 * Anthropic's usage), list, cancel; requests refused as Anthropic refuses them.
 */
@QuarkusTest
class MessageBatchesResourceTest {

    private static final JsonNode EXAMPLES_SCHEMA = TaskApiSeeds.json("generated-examples-schema.json");

    static RequestSpecification anthropic() {
        return given().header("x-api-key", "sk-ant-test-not-a-secret").header("anthropic-version", "2023-06-01");
    }

    /** Messages params of a generation request, as the generator's Anthropic teacher sends them. */
    static ObjectNode params(ObjectNode openAi) {
        ObjectNode params = TaskApiSeeds.MAPPER.createObjectNode().put("model", "claude-haiku-4-5")
                .put("max_tokens", 8192).put("temperature", openAi.get("temperature").asDouble());
        params.putArray("system").addObject().put("type", "text").put("text",
                openAi.at("/messages/0/content").asText());
        params.putArray("messages").addObject().put("role", "user").putArray("content").addObject()
                .put("type", "text").put("text", openAi.at("/messages/1/content").asText());
        params.putObject("output_config").putObject("format").put("type", "json_schema").set("schema",
                EXAMPLES_SCHEMA);
        return params;
    }

    static String create(ArrayNode requests) {
        ObjectNode body = TaskApiSeeds.MAPPER.createObjectNode();
        body.set("requests", requests);
        return anthropic().contentType(ContentType.JSON).body(body.toString()).post("/v1/messages/batches").then()
                .statusCode(200).body("type", equalTo("message_batch"))
                .body("processing_status", equalTo("in_progress")).body("results_url", nullValue())
                .extract().path("id");
    }

    static Map<String, Object> waitEnded(String id) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Map<String, Object> batch = anthropic().get("/v1/messages/batches/" + id).then().statusCode(200)
                    .extract().path("");
            if ("ended".equals(batch.get("processing_status"))) {
                return batch;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("batch " + id + " did not end");
    }

    @Test
    void aBatchIsAnsweredAsTheRealTimeEndpointAnswersTheSameRequest() throws Exception {
        Map<String, ObjectNode> openAi = Map.of("gen-1", BatchApiResourceTest.generation(3, 0.7), "gen-2",
                BatchApiResourceTest.generation(5, 0.9));
        ArrayNode requests = TaskApiSeeds.MAPPER.createArrayNode();
        openAi.forEach((id, body) -> requests.addObject().put("custom_id", id).set("params", params(body)));
        String id = create(requests);
        assertTrue(id.startsWith("msgbatch_"), id);
        anthropic().get("/v1/messages/batches/" + id + "/results").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"));

        Map<String, Object> ended = waitEnded(id);
        assertEquals(Map.of("processing", 0, "succeeded", 2, "errored", 0, "canceled", 0, "expired", 0),
                ended.get("request_counts"));
        String resultsUrl = (String) ended.get("results_url");
        assertTrue(resultsUrl.endsWith("/v1/messages/batches/" + id + "/results"), resultsUrl);
        String jsonl = anthropic().get("/v1/messages/batches/" + id + "/results").then().statusCode(200).extract()
                .asString();
        Map<String, JsonNode> byId = new HashMap<>();
        for (String line : jsonl.strip().split("\n")) {
            JsonNode node = TaskApiSeeds.MAPPER.readTree(line);
            byId.put(node.get("custom_id").asText(), node.get("result"));
        }
        assertEquals(openAi.keySet(), byId.keySet());
        for (String customId : openAi.keySet()) {
            JsonNode result = byId.get(customId);
            assertEquals("succeeded", result.get("type").asText());
            JsonNode message = result.get("message");
            assertEquals("message", message.get("type").asText());
            assertEquals("end_turn", message.get("stop_reason").asText());
            JsonNode realTime = TaskApiSeeds.MAPPER.readTree(given().contentType(ContentType.JSON)
                    .body(openAi.get(customId).toString()).post("/v1/chat/completions").then().statusCode(200)
                    .extract().asString());
            assertEquals(realTime.at("/choices/0/message/content").asText(), message.at("/content/0/text").asText(),
                    "the real-time answer of the same request");
            JsonNode usage = message.get("usage");
            assertEquals(realTime.at("/usage/prompt_tokens").asLong(), usage.get("input_tokens").asLong()
                    + usage.get("cache_read_input_tokens").asLong() + usage.get("cache_creation_input_tokens")
                            .asLong());
            assertEquals(realTime.at("/usage/completion_tokens").asLong(), usage.get("output_tokens").asLong());
            assertTrue(TaskApiSeeds.MAPPER.readTree(message.at("/content/0/text").asText()).get("examples")
                    .isArray());
        }

        anthropic().get("/v1/messages/batches?limit=1").then().statusCode(200).body("data[0].id", equalTo(id))
                .body("first_id", equalTo(id)).body("last_id", equalTo(id));
    }

    @Test
    void aCancelledBatchEndsWithItsUnansweredRequestsCanceled() throws Exception {
        ArrayNode requests = TaskApiSeeds.MAPPER.createArrayNode();
        for (int i = 0; i < 3; i++) {
            requests.addObject().put("custom_id", "call-" + i).set("params",
                    params(BatchApiResourceTest.generation(2, 0.5 + i / 10.0)));
        }
        String id = create(requests);
        anthropic().post("/v1/messages/batches/" + id + "/cancel").then().statusCode(200)
                .body("processing_status", equalTo("canceling"));
        Map<String, Object> ended = waitEnded(id);
        @SuppressWarnings("unchecked")
        Map<String, Integer> counts = (Map<String, Integer>) ended.get("request_counts");
        assertEquals(3, counts.get("succeeded") + counts.get("canceled"));
        assertTrue(counts.get("canceled") > 0, counts.toString());
        assertTrue(ended.get("cancel_initiated_at") != null);
        String jsonl = anthropic().get("/v1/messages/batches/" + id + "/results").then().statusCode(200).extract()
                .asString();
        assertEquals(counts.get("canceled").longValue(), jsonl.lines().filter(l -> l.contains("\"canceled\""))
                .count());
        anthropic().post("/v1/messages/batches/" + id + "/cancel").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"));
    }

    @Test
    void requestsAreRefusedAsAnthropicRefusesThem() {
        ObjectNode ok = params(BatchApiResourceTest.generation(1, 0.5));
        for (List<Object> bad : List.<List<Object>> of(
                List.of("bad id!", ok, "custom_id"),
                List.of("a", ok.deepCopy().without("max_tokens"), "max_tokens"),
                List.of("a", ok.deepCopy().without("messages"), "messages"),
                List.of("a", ok.deepCopy().put("stream", true), "stream"))) {
            ArrayNode requests = TaskApiSeeds.MAPPER.createArrayNode();
            requests.addObject().put("custom_id", (String) bad.get(0)).set("params", (JsonNode) bad.get(1));
            String message = anthropic().contentType(ContentType.JSON).body("{\"requests\":" + requests + "}")
                    .post("/v1/messages/batches").then().statusCode(400).body("type", equalTo("error"))
                    .body("error.type", equalTo("invalid_request_error")).extract().path("error.message");
            assertTrue(message.contains((String) bad.get(2)), message);
        }
        ArrayNode twice = TaskApiSeeds.MAPPER.createArrayNode();
        twice.addObject().put("custom_id", "same").set("params", ok);
        twice.addObject().put("custom_id", "same").set("params", ok);
        anthropic().contentType(ContentType.JSON).body("{\"requests\":" + twice + "}").post("/v1/messages/batches")
                .then().statusCode(400);
        given().header("x-api-key", "k").contentType(ContentType.JSON).body("{\"requests\":[]}")
                .post("/v1/messages/batches").then().statusCode(400)
                .body("error.message", equalTo("anthropic-version: header is required"));
        anthropic().get("/v1/messages/batches/msgbatch_nope").then().statusCode(404)
                .body("error.type", equalTo("not_found_error"));
    }
}
