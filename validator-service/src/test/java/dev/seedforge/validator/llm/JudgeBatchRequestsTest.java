package dev.seedforge.validator.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.LlmSpec;
import dev.seedforge.localstack.LocalStackTestResource;
import dev.seedforge.support.llm.OpenAiBatchClient;
import dev.seedforge.validator.judge.JudgePrompt;
import dev.seedforge.validator.judge.JudgeTest;
import dev.seedforge.validator.testing.ValidatorWireMock;

/**
 * A judge batch line's body is the request the real-time {@link JudgeClient} sends: the body WireMock received from
 * the configured quarkus-langchain4j model is compared field by field with {@link JudgeBatchRequests}' body; and an
 * output line's answer is read as a real-time one.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ValidatorWireMock.class, restrictToAnnotatedClass = false)
class JudgeBatchRequestsTest {

    private static final String GOOD = "{\"scores\":{\"0\":[8,7,9],\"1\":[9,4,8]},\"weaknesses\":[]}";

    @Inject
    JudgeClient client;

    @Test
    void aBatchLinesBodyIsTheRealTimeRequest() throws Exception {
        ValidatorWireMock.server.resetAll();
        ValidatorWireMock.server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(ValidatorWireMock.completion(GOOD))));
        JobSpec spec = JudgeTest.spec(2);
        JudgePrompt prompt = JudgePrompt.of(spec, List.of(JudgeTest.candidate("job-wire", "a"),
                JudgeTest.candidate("job-wire", "b")));
        client.judge(spec.judgeLlm(), prompt);
        JsonNode sent = Json.MAPPER.readTree(ValidatorWireMock.server.getAllServeEvents().get(0).getRequest()
                .getBodyAsString());
        ObjectNode line = (ObjectNode) Json.MAPPER.readTree(JudgeBatchRequests.line(0, spec.judgeLlm().model(),
                !spec.judgeLlm().usesConfiguredEndpoint(), prompt, JudgeBatchRequests.configuredSampling(1.0, 0, 0)));
        assertEquals("call-0", line.path("custom_id").asText());
        assertEquals("/v1/chat/completions", line.path("url").asText());
        assertEquals(sent, line.path("body"), "the batch body is the real-time request, field for field");

        // a spec's own endpoint (provider openai-compatible, base_url): the model ProviderChatModels builds
        ValidatorWireMock.server.resetRequests();
        LlmSpec own = new LlmSpec(LlmSpec.OPENAI_COMPATIBLE, "gpt-4o-mini", ValidatorWireMock.server.baseUrl() + "/v1");
        client.judge(own, prompt);
        JsonNode sentOwn = Json.MAPPER.readTree(ValidatorWireMock.server.getAllServeEvents().get(0).getRequest()
                .getBodyAsString());
        JsonNode lineOwn = Json.MAPPER.readTree(JudgeBatchRequests.line(0, own.model(), !own.usesConfiguredEndpoint(),
                prompt, Map.of()));
        assertEquals(sentOwn, lineOwn.path("body"), "a spec endpoint's batch body is its real-time request too");

        ObjectNode output = Json.MAPPER.createObjectNode();
        output.put("custom_id", "call-0");
        output.putObject("response").put("status_code", 200).set("body",
                Json.MAPPER.readTree(ValidatorWireMock.completion(GOOD)));
        OpenAiBatchClient openAi = new OpenAiBatchClient();
        JudgeClient.JudgeAnswer answer = JudgeBatchRequests.answer(openAi, OpenAiBatchClient.result(output),
                "gpt-4o-mini", prompt);
        assertEquals(List.of(8, 7, 9), List.copyOf(answer.scores().scores().get(0).byCriterion().values()));
        assertEquals(1000, answer.usage().inputTokens());
        assertEquals(200, answer.usage().cachedInputTokens());
        assertEquals(300, answer.usage().outputTokens());
        ((ObjectNode) output.path("response")).put("status_code", 500);
        assertNull(JudgeBatchRequests.answer(openAi, OpenAiBatchClient.result(output), "gpt-4o-mini", prompt),
                "an error line holds no answer");
    }
}
