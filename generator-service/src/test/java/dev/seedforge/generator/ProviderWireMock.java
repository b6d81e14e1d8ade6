package dev.seedforge.generator;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.seedforge.testsupport.ProviderAnswers;

/**
 * One WireMock that tests stub as Anthropic's Messages API (under {@code /anthropic/v1/}) and Gemini's generateContent
 * (under {@code /gemini/v1beta}), in each provider's wire format, with the providers' API keys configured as the
 * environment variables a service reads them from.
 */
public class ProviderWireMock implements QuarkusTestResourceLifecycleManager {

    public static final String ANTHROPIC_KEY = "sk-ant-api03-stage-test-0123456789";
    public static final String GEMINI_KEY = "AIzaSy-stage-test-0123456789abcdef";

    public static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        return Map.of("ANTHROPIC_API_KEY", ANTHROPIC_KEY, "GEMINI_API_KEY", GEMINI_KEY);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    public static String anthropicBaseUrl() {
        return server.baseUrl() + "/anthropic/v1/";
    }

    public static String geminiBaseUrl() {
        return server.baseUrl() + "/gemini/v1beta";
    }

    /** An Anthropic Messages API answer whose one text block is {@code text}. */
    public static String anthropicMessage(String model, String text, int input, int cacheRead, int output) {
        return ProviderAnswers.anthropicMessage(model, text, input, cacheRead, output);
    }

    /** A Gemini generateContent answer whose one candidate's text is {@code text}. */
    public static String geminiContent(String model, String text, int prompt, int cached, int candidates) {
        return ProviderAnswers.geminiContent(model, text, prompt, cached, candidates);
    }

    public static final String ANTHROPIC_RATE_LIMITED = """
            {"type": "error", "error": {"type": "rate_limit_error",
             "message": "Number of requests has exceeded your per-minute rate limit"},
             "request_id": "req_011CSHoEeqs5C35K2UUqR7Fy"}""";

    public static final String ANTHROPIC_OVERLOADED = """
            {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}""";

    public static String geminiExhausted(String retryDelay) {
        return """
                {"error": {"code": 429,
                  "message": "You exceeded your current quota, please check your plan and billing details.",
                  "status": "RESOURCE_EXHAUSTED",
                  "details": [
                    {"@type": "type.googleapis.com/google.rpc.QuotaFailure",
                     "violations": [{"quotaMetric": "generativelanguage.googleapis.com/generate_content_paid_tier_input_token_count",
                                     "quotaId": "GenerateContentPaidTierInputTokensPerModelPerMinute"}]},
                    {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "%s"}]}}"""
                .formatted(retryDelay);
    }

    public static final String GEMINI_UNAVAILABLE = """
            {"error": {"code": 503, "message": "The model is overloaded. Please try again later.", "status": "UNAVAILABLE"}}""";
}
