package dev.seedforge.simulator.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import dev.seedforge.simulator.domain.SchemaAssertions;
import dev.seedforge.simulator.domain.TaskApiSeeds;

@QuarkusTest
class ChatCompletionsResourceTest {

    private static final JsonNode EXAMPLES_SCHEMA = TaskApiSeeds.json("generated-examples-schema.json");
    private static final JsonNode JUDGE_SCHEMA = TaskApiSeeds.json("judge-schema.json");

    /** A request shaped like the one the SeedForge generator sends through LangChain4j's OpenAI client. */
    private static ObjectNode generationRequest() {
        ArrayNode seeds = TaskApiSeeds.MAPPER.createArrayNode();
        for (String line : TaskApiSeeds.resource("task-api-seeds.jsonl").strip().split("\n")) {
            seeds.add(read(line));
        }
        String user = "<task>\nTrain an assistant for a task-management API.\n</task>\n\n<seed_examples>\n"
                + seeds.toPrettyString() + "\n</seed_examples>\n\n<directives>\nVary the wording.\n</directives>\n\n"
                + "<count>5</count>\nWrite 5 new examples.";
        ObjectNode body = TaskApiSeeds.MAPPER.createObjectNode()
                .put("model", "gpt-4o-mini")
                .put("temperature", 0.9)
                .put("stream", false)
                .put("max_completion_tokens", 4096)
                .put("seed", 7)
                .put("n", 1)
                .put("user", "seedforge-test")
                .put("some_future_field", "ignored");
        body.putArray("messages").add(message("system", "You write training examples for fine-tuning."))
                .add(message("user", user));
        ObjectNode format = body.putObject("response_format").put("type", "json_schema");
        format.putObject("json_schema").put("name", "generated_examples").put("strict", true)
                .set("schema", EXAMPLES_SCHEMA);
        return body;
    }

    @Test
    void generationRequestGetsAChatCompletionWithExamplesThatFitTheSchema() throws Exception {
        ObjectNode request = generationRequest();
        ValidatableResponse response = post(request)
                .statusCode(200)
                .body("id", startsWith("chatcmpl-"))
                .body("object", equalTo("chat.completion"))
                .body("model", equalTo("gpt-4o-mini"))
                .body("created", greaterThan(1_700_000_000))
                .body("choices[0].index", equalTo(0))
                .body("choices[0].message.role", equalTo("assistant"))
                .body("choices[0].finish_reason", equalTo("stop"))
                .body("usage.prompt_tokens", greaterThan(500))
                .body("usage.completion_tokens", greaterThan(50))
                .body("usage.prompt_tokens_details.cached_tokens", equalTo(0))
                .body("usage.completion_tokens_details.reasoning_tokens", equalTo(0));
        JsonNode completion = TaskApiSeeds.MAPPER.readTree(response.extract().asString());
        JsonNode usage = completion.get("usage");
        assertEquals(usage.get("prompt_tokens").asInt() + usage.get("completion_tokens").asInt(),
                usage.get("total_tokens").asInt());

        String content = completion.at("/choices/0/message/content").asText();
        JsonNode examples = TaskApiSeeds.MAPPER.readTree(content);
        SchemaAssertions.assertFits(EXAMPLES_SCHEMA, examples);
        assertEquals(5, examples.get("examples").size());

        String again = post(request).statusCode(200).extract().path("choices[0].message.content");
        assertEquals(content, again, "the same request gets the same answer");
    }

    @Test
    void judgeRequestGetsJsonThatFitsItsSchema() throws Exception {
        ObjectNode body = TaskApiSeeds.MAPPER.createObjectNode().put("model", "gpt-4o-mini").put("temperature", 0.0);
        body.putArray("messages").add(message("system", "You grade training examples."))
                .add(message("user", "Grade: user 'Mark task #4 as done' -> assistant 'Completed task #4: 'Pay rent''"));
        ObjectNode format = body.putObject("response_format").put("type", "json_schema");
        format.putObject("json_schema").put("name", "judge_scores").put("strict", true).set("schema", JUDGE_SCHEMA);

        String content = post(body)
                .statusCode(200)
                .body("choices[0].finish_reason", equalTo("stop"))
                .body("usage.completion_tokens", greaterThan(0))
                .extract().path("choices[0].message.content");
        SchemaAssertions.assertFits(JUDGE_SCHEMA, TaskApiSeeds.MAPPER.readTree(content));
    }

    @Test
    void modelsAreListedAndStreamingIsRefused() {
        given().when().get("/v1/models")
                .then().statusCode(200)
                .body("object", equalTo("list"))
                .body("data.id", hasItem("gpt-4o-mini"));
        ObjectNode streaming = generationRequest().put("stream", true);
        post(streaming).statusCode(400).body("error.type", equalTo("invalid_request_error"));
    }

    private static ValidatableResponse post(JsonNode body) {
        return given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer sk-test-not-a-secret")
                .body(body.toString())
                .when().post("/v1/chat/completions")
                .then();
    }

    private static ObjectNode message(String role, String content) {
        return TaskApiSeeds.MAPPER.createObjectNode().put("role", role).put("content", content);
    }

    private static JsonNode read(String json) {
        try {
            return TaskApiSeeds.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
