package dev.seedforge.simulator.api;

/** OpenAI's error body: {@code {"error": {"message", "type", "param", "code"}}}. */
public record OpenAiError(Detail error) {

    public record Detail(String message, String type, String param, String code) {
    }

    public static OpenAiError invalidRequest(String message, String param) {
        return new OpenAiError(new Detail(message, "invalid_request_error", param, null));
    }
}
