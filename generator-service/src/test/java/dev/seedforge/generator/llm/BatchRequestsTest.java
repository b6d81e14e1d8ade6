package dev.seedforge.generator.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.Json;
import dev.seedforge.generator.domain.GenerationPrompt;
import dev.seedforge.support.llm.OpenAiBatchClient;

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
}
