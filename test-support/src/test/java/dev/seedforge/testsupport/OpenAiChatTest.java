package dev.seedforge.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.Json;

class OpenAiChatTest {

    @Test
    void aCompletionCarriesItsMessageAndUsageAsOpenAiWritesThem() throws Exception {
        JsonNode body = Json.MAPPER.readTree(OpenAiChat.completion("{\"examples\":[]}", 1000, 200, 300));
        assertEquals("chat.completion", body.path("object").asText());
        assertEquals("assistant", body.at("/choices/0/message/role").asText());
        assertEquals("{\"examples\":[]}", body.at("/choices/0/message/content").asText());
        assertEquals("stop", body.at("/choices/0/finish_reason").asText());
        assertEquals(1000, body.at("/usage/prompt_tokens").asInt());
        assertEquals(300, body.at("/usage/completion_tokens").asInt());
        assertEquals(1300, body.at("/usage/total_tokens").asInt());
        assertEquals(200, body.at("/usage/prompt_tokens_details/cached_tokens").asInt());
    }

    @Test
    void noCachedTokensNoDetails() throws Exception {
        JsonNode body = Json.MAPPER.readTree(OpenAiChat.completion("hi", 1000, 0, 250));
        assertTrue(body.at("/usage/prompt_tokens_details").isMissingNode(), body.toString());
        assertEquals(1250, body.at("/usage/total_tokens").asInt());
    }
}
