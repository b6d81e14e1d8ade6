package dev.seedforge.validator.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.seedforge.support.llm.AnthropicBatchClient;
import dev.seedforge.support.llm.BatchApi;
import dev.seedforge.support.llm.LlmUsage;
import dev.seedforge.support.llm.OpenAiBatchClient;
import dev.seedforge.testsupport.ProviderAnswers;
import dev.seedforge.validator.judge.JudgePrompt;
import dev.seedforge.validator.judge.JudgeTest;
import dev.seedforge.validator.testing.ValidatorWireMock;

/**
 * A judge batch line's body is the request the real-time {@link JudgeClient} sends: the body WireMock received from
 * the configured quarkus-langchain4j model is compared field by field with {@link JudgeBatchRequests}' body (and, for
 * a judge on Anthropic, the Messages request langchain4j-anthropic sent with the batch request's params); and an
 * output line's or a Message result's answer is read as a real-time one.
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

    @Test
    void anAnthropicRequestsParamsAreTheRealTimeJudgesMessagesRequestFieldForField() throws Exception {
        ValidatorWireMock.server.resetAll();
        ValidatorWireMock.server.stubFor(post(urlEqualTo("/anthropic/v1/messages")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(ProviderAnswers.anthropicMessage("claude-haiku-4-5-20251001", GOOD, 1000, 200, 300))));
        JobSpec spec = JudgeTest.spec(2);
        JudgePrompt prompt = JudgePrompt.of(spec, List.of(JudgeTest.candidate("job-wire", "a"),
                JudgeTest.candidate("job-wire", "b")));
        LlmSpec claude = new LlmSpec(LlmSpec.ANTHROPIC, "claude-haiku-4-5", ValidatorWireMock.server.baseUrl()
                + "/anthropic/v1/");
        client.judge(claude, prompt);
        ObjectNode sent = (ObjectNode) Json.MAPPER.readTree(ValidatorWireMock.server.getAllServeEvents().get(0)
                .getRequest().getBodyAsString());
        sent.remove("stream"); // a Messages field the batch API does not take: batch results never stream
        List<BatchApi.Request> requests = JudgeBatchRequests.requests(claude.providerOrDefault(), claude.model(),
                !claude.usesConfiguredEndpoint(), List.of(prompt, prompt), Map.of("top_p", 0.5));
        assertEquals(List.of("call-0", "call-1"), requests.stream().map(BatchApi.Request::customId).toList());
        assertEquals(sent, requests.get(0).body(), "the batch params are the real-time request, field for field");
        assertEquals("json_schema", requests.get(0).body().at("/output_config/format/type").asText());
        assertTrue(requests.get(0).body().at("/output_config/format/schema/properties/scores/properties/1")
                .isObject(), requests.get(0).body().toString());

        // a succeeded result's Message is read as the real-time answer is: scores, and usage with cache reads
        JsonNode message = Json.MAPPER.readTree(ProviderAnswers.anthropicMessage("claude-haiku-4-5-20251001", GOOD,
                1000, 200, 300));
        JudgeClient.JudgeAnswer answer = JudgeBatchRequests.answer(new AnthropicBatchClient(), new BatchApi.Result(
                "call-0", message, null), claude.model(), prompt);
        assertEquals(List.of(9, 4, 8), List.copyOf(answer.scores().scores().get(1).byCriterion().values()));
        assertEquals(new LlmUsage(1200, 200, 300), answer.usage(), "input_tokens plus cache reads, as real time");
        assertNull(JudgeBatchRequests.answer(new AnthropicBatchClient(), new BatchApi.Result("call-1", null,
                "expired"), claude.model(), prompt), "an expired request holds no answer");
    }
}
