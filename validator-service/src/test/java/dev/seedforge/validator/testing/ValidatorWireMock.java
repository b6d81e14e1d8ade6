package dev.seedforge.validator.testing;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.seedforge.testsupport.OpenAiChat;

/** Plays the judge ({@code POST /v1/chat/completions}) for the tests, in OpenAI's wire format. */
public class ValidatorWireMock implements QuarkusTestResourceLifecycleManager {

    public static final String ANTHROPIC_KEY = "sk-ant-api03-judge-test-0123456789";
    public static final String GEMINI_KEY = "AIzaSy-judge-test-0123456789abcdef";

    public static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        // the keys of the providers a spec's judge may name, as the environment variables a service reads
        return Map.of("quarkus.langchain4j.openai.judge.base-url", server.baseUrl() + "/v1", "ANTHROPIC_API_KEY",
                ANTHROPIC_KEY, "GEMINI_API_KEY", GEMINI_KEY);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** An OpenAI chat completion whose message is {@code content}, with fixed usage (1000 in, 200 cached, 300 out). */
    public static String completion(String content) {
        return OpenAiChat.completion(content, 1000, 200, 300);
    }
}
