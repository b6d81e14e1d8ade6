package dev.seedforge.generator.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.LlmSpec;
import dev.seedforge.generator.domain.GenerationPrompt;
import dev.seedforge.support.llm.BatchApi;
import dev.seedforge.support.llm.OpenAiBatchClient;
import dev.seedforge.support.llm.ProviderChatModels;
import dev.seedforge.support.llm.ProviderKeys;
import dev.seedforge.testsupport.ProviderAnswers;

class BatchRequestsTest {

    private static final GenerationPrompt PROMPT = new GenerationPrompt("op=create", 12, "You write examples.",
            "Write 5 examples.", List.of(0, 3), 5, 0.8, false, "hash", ExampleFormat.OPENAI);

    @Test
    void eachLineIsTheRealTimeChatRequestUnderItsCallsCustomId() throws Exception {
        List<JsonNode> lines = OpenAiBatchClient.lines(BatchRequests.jsonl("gpt-4o-mini", true, List.of(PROMPT,
                new GenerationPrompt("op=delete", 13, "s", "u", List.of(), 2, 0.9, false, "h2"))));
        assertEquals(2, lines.size());
        JsonNode line = lines.get(0);
        assertEquals("call-12", line.get("custom_id").asText());
        assertEquals("POST", line.get("method").asText());
        assertEquals("/v1/chat/completions", line.get("url").asText());
        JsonNode body = line.get("body");
        assertEquals("gpt-4o-mini", body.get("model").asText());
        assertEquals("system", body.at("/messages/0/role").asText());
        assertEquals("You write examples.", body.at("/messages/0/content").asText());
        assertEquals("Write 5 examples.", body.at("/messages/1/content").asText());
        assertEquals(0.8, body.get("temperature").asDouble());
        assertEquals("json_schema", body.at("/response_format/type").asText());
        assertEquals(TeacherClient.SCHEMA_NAME, body.at("/response_format/json_schema/name").asText());
        assertTrue(body.at("/response_format/json_schema/strict").asBoolean());
        assertTrue(body.at("/response_format/json_schema/schema/properties/examples").isObject(), body.toString());
        assertEquals("call-13", lines.get(1).get("custom_id").asText());
        assertEquals(13, BatchRequests.callSequence("call-13"));
        assertEquals(-1, BatchRequests.callSequence("other-13"));
        assertTrue(!BatchRequests.jsonl("m", false, List.of(PROMPT)).contains("\"strict\":true"));
    }

    @Test
    void anOutputLineBecomesTheAnswerARealTimeCallReturns() throws Exception {
        JsonNode line = Json.MAPPER.readTree("""
                {"id":"batch_req_1","custom_id":"call-12","response":{"status_code":200,"request_id":"r","body":{
                "id":"chatcmpl-1","object":"chat.completion","model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,
                "message":{"role":"assistant","content":"{\\"examples\\":[]}"},"finish_reason":"length"}],
                "usage":{"prompt_tokens":900,"completion_tokens":300,"prompt_tokens_details":{"cached_tokens":256}}}},
                "error":null}""");
        TeacherAnswer answer = BatchRequests.answer(line, "gpt-4o-mini");
        assertEquals(new TeacherAnswer("{\"examples\":[]}", "gpt-4o-mini-2024-07-18", 900, 256, 300, "LENGTH"),
                answer);
        JsonNode expired = Json.MAPPER.readTree("""
                {"id":"batch_req_2","custom_id":"call-13","response":null,"error":{"code":"batch_expired",
                "message":"This request could not be executed before the completion window expired."}}""");
        assertNull(BatchRequests.answer(expired, "gpt-4o-mini"));
        assertTrue(BatchRequests.problem(expired).startsWith("batch_expired"));
        JsonNode failed = Json.MAPPER.readTree("""
                {"id":"batch_req_3","custom_id":"call-14","response":{"status_code":500,"request_id":"r","body":
                {"error":{"message":"The server had an error","type":"server_error"}}},"error":null}""");
        assertNull(BatchRequests.answer(failed, "gpt-4o-mini"));
        assertEquals("status 500: The server had an error", BatchRequests.problem(failed));
    }

    @Test
    void anAnthropicRequestsParamsAreExactlyTheMessagesRequestTheRealTimeTeacherSends() throws Exception {
        WireMockServer wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        wireMock.start();
        try {
            wireMock.stubFor(WireMock.post(WireMock.urlEqualTo("/v1/messages")).willReturn(WireMock.aResponse()
                    .withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody(ProviderAnswers.anthropicMessage("claude-haiku-4-5", "{\"examples\":[]}", 10, 0, 5))));
            ProviderChatModels models = new ProviderChatModels("teacher", new ProviderKeys(name -> Optional.of(
                    "sk-ant-api03-params-test-0123456789")), Duration.ofSeconds(10), Duration.ofSeconds(10));
            for (GenerationPrompt prompt : List.of(PROMPT, new GenerationPrompt("op=delete", 13, "s", "u", List.of(),
                    2, 0.9, true, "h2", ExampleFormat.SHAREGPT, 300))) {
                wireMock.resetRequests();
                models.modelFor(new LlmSpec(LlmSpec.ANTHROPIC, "claude-haiku-4-5", wireMock.baseUrl() + "/v1/"))
                        .model().chat(TeacherClient.chatRequest("claude-haiku-4-5", prompt));
                ObjectNode sent = (ObjectNode) Json.MAPPER.readTree(wireMock.getAllServeEvents().get(0).getRequest()
                        .getBodyAsString());
                sent.remove("stream"); // a Messages field the batch API does not take: batch results never stream
                List<BatchApi.Request> requests = BatchRequests.requests(LlmSpec.ANTHROPIC, "claude-haiku-4-5", true,
                        List.of(prompt));
                assertEquals("call-" + prompt.callSequence(), requests.get(0).customId());
                assertEquals(sent, requests.get(0).body());
                assertEquals("json_schema", requests.get(0).body().at("/output_config/format/type").asText());
            }
        } finally {
            wireMock.stop();
        }
    }

    @Test
    void anAnthropicMessageIsReadAsTheRealTimeAnswerIsRead() throws Exception {
        JsonNode message = Json.MAPPER.readTree("""
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5-20251001",
                 "content":[{"type":"text","text":"{\\"examples\\":"},{"type":"text","text":"[]}"}],
                 "stop_reason":"max_tokens","stop_sequence":null,
                 "usage":{"input_tokens":100,"cache_creation_input_tokens":20,"cache_read_input_tokens":30,
                          "output_tokens":40}}""");
        assertEquals(new TeacherAnswer("{\"examples\":\n[]}", "claude-haiku-4-5-20251001", 150, 30, 40, "LENGTH"),
                BatchRequests.answer(LlmSpec.ANTHROPIC, message, "claude-haiku-4-5"));
        JsonNode completion = Json.MAPPER.readTree("""
                {"model":"gpt-4o-mini","choices":[{"message":{"content":"x"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":9,"completion_tokens":3}}""");
        assertEquals(new TeacherAnswer("x", "gpt-4o-mini", 9, 0, 3, "STOP"),
                BatchRequests.answer(LlmSpec.OPENAI, completion, "gpt-4o-mini"));
    }
}
