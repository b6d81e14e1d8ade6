package dev.seedforge.testsupport;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.contracts.Json;

/** The provider's wire format for the tests' stubs (teacher and judge), so every stub answers as OpenAI does. */
public final class OpenAiChat {

    private OpenAiChat() {
    }

    /**
     * A {@code chat.completion} body whose one message is {@code content}, with this usage; cached tokens, when any,
     * are reported in {@code prompt_tokens_details} as OpenAI does.
     */
    public static String completion(String content, int promptTokens, int cachedTokens, int completionTokens) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("id", "chatcmpl-test").put("object", "chat.completion").put("created", 1_700_000_000)
                .put("model", "gpt-4o-mini");
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        ObjectNode usage = body.putObject("usage").put("prompt_tokens", promptTokens)
                .put("completion_tokens", completionTokens).put("total_tokens", promptTokens + completionTokens);
        if (cachedTokens > 0) {
            usage.putObject("prompt_tokens_details").put("cached_tokens", cachedTokens);
        }
        return body.toString();
    }
}
