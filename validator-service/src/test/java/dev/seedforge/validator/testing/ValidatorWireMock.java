package dev.seedforge.validator.testing;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.seedforge.testsupport.OpenAiChat;

/** Plays the judge ({@code POST /v1/chat/completions}) for the tests, in OpenAI's wire format. */
public class ValidatorWireMock implements QuarkusTestResourceLifecycleManager {

    public static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        return Map.of("quarkus.langchain4j.openai.judge.base-url", server.baseUrl() + "/v1");
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
