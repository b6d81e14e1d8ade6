package dev.seedforge.testsupport;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.contracts.Json;

/**
 * Anthropic's and Gemini's answer bodies for the tests' stubs of teacher and judge, as their API references give them,
 * beside {@link OpenAiChat}'s.
 */
public final class ProviderAnswers {

    private ProviderAnswers() {
    }

    /** A Messages API answer whose one text block is {@code text}, with this usage. */
    public static String anthropicMessage(String model, String text, int input, int cacheRead, int output) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("id", "msg_01XFDUDYJgAACzvnptvVoYEL").put("type", "message").put("role", "assistant").put("model", model);
        body.putArray("content").addObject().put("type", "text").put("text", text);
        body.put("stop_reason", "end_turn").putNull("stop_sequence");
        body.putObject("usage").put("input_tokens", input).put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", cacheRead).put("output_tokens", output);
        return body.toString();
    }

    /** A generateContent answer whose one candidate's text is {@code text}, with this usage. */
    public static String geminiContent(String model, String text, int prompt, int cached, int candidates) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode candidate = body.putArray("candidates").addObject();
        candidate.putObject("content").put("role", "model").putArray("parts").addObject().put("text", text);
        candidate.put("finishReason", "STOP").put("index", 0);
        body.putObject("usageMetadata").put("promptTokenCount", prompt).put("candidatesTokenCount", candidates)
                .put("totalTokenCount", prompt + candidates).put("cachedContentTokenCount", cached);
        body.put("modelVersion", model).put("responseId", "mAitaJ_ZGOmPqtsPtPWb0Ak");
        return body.toString();
    }
}
