package dev.seedforge.validator.testing;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.seedforge.contracts.Json;

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
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("id", "chatcmpl-judge").put("object", "chat.completion").put("created", 1_700_000_000)
                .put("model", "gpt-4o-mini");
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        ObjectNode usage = body.putObject("usage").put("prompt_tokens", 1000).put("completion_tokens", 300)
                .put("total_tokens", 1300);
        usage.putObject("prompt_tokens_details").put("cached_tokens", 200);
        return body.toString();
    }
}
