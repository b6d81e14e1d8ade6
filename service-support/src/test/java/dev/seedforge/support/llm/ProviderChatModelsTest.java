package dev.seedforge.support.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.seedforge.contracts.LlmSpec;
import dev.seedforge.contracts.tokens.PriceTable;

/**
 * The Anthropic, Gemini and OpenAI-compatible models of {@link ProviderChatModels} against WireMock speaking each
 * provider's wire format (Anthropic Messages API, Gemini generateContent, OpenAI chat completions): the request body,
 * usage and cost, 429s with each provider's way of saying how long to wait, 5xx, malformed bodies, and keys kept out
 * of errors.
 */
class ProviderChatModelsTest {

    static final String ANTHROPIC_KEY = "sk-ant-api03-test-key-0123456789";
    static final String GEMINI_KEY = "AIzaSy-test-key-0123456789abcdef";
    static final String COMPATIBLE_KEY = "vllm-test-key-0123456789";

    static WireMockServer wireMock;
    ProviderChatModels models;

    @BeforeAll
    static void start() {
        wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        wireMock.start();
    }

    @AfterAll
    static void stop() {
        wireMock.stop();
    }

    @BeforeEach
    void reset() {
        wireMock.resetAll();
        Map<String, String> env = Map.of("ANTHROPIC_API_KEY", ANTHROPIC_KEY, "GEMINI_API_KEY", GEMINI_KEY,
                "OPENAI_COMPATIBLE_API_KEY", COMPATIBLE_KEY);
        models = new ProviderChatModels("teacher", new ProviderKeys(name -> Optional.ofNullable(env.get(name))),
                Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    String base() {
        return wireMock.baseUrl();
    }

    static ChatRequest request(String model) {
        JsonObjectSchema root = JsonObjectSchema.builder().addStringProperty("answer").required("answer")
                .additionalProperties(false).build();
        return ChatRequest.builder()
                .messages(List.of(SystemMessage.from("You write examples."), UserMessage.from("Write one example.")))
                .modelName(model).temperature(0.7)
                .responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON)
                        .jsonSchema(JsonSchema.builder().name("examples").rootElement(root).build()).build())
                .build();
    }

    // ---- Anthropic: POST {base}/messages, x-api-key, anthropic-version ----

    static final String ANTHROPIC_OK = """
            {"id": "msg_01XFDUDYJgAACzvnptvVoYEL", "type": "message", "role": "assistant",
             "model": "claude-haiku-4-5-20251001",
             "content": [{"type": "text", "text": "{\\"answer\\": \\"hello\\"}"}],
             "stop_reason": "end_turn", "stop_sequence": null,
             "usage": {"input_tokens": 1200, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 800,
                       "output_tokens": 300}}
            """;

    LlmSpec anthropic() {
        return new LlmSpec("anthropic", "claude-haiku-4-5", base() + "/v1/");
    }

    @Test
    void anthropicGetsItsMessagesRequestAndItsUsageIsPriced() {
        wireMock.stubFor(post(urlEqualTo("/v1/messages")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("anthropic-ratelimit-requests-limit", "50")
                .withHeader("anthropic-ratelimit-requests-remaining", "49")
                .withHeader("anthropic-ratelimit-requests-reset", "2030-01-01T00:00:00Z")
                .withBody(ANTHROPIC_OK)));

        ChatResponse response = models.modelFor(anthropic()).model().chat(request("claude-haiku-4-5"));

        assertEquals("{\"answer\": \"hello\"}", response.aiMessage().text());
        wireMock.verify(postRequestedFor(urlEqualTo("/v1/messages"))
                .withHeader("x-api-key", equalTo(ANTHROPIC_KEY))
                .withHeader("anthropic-version", equalTo("2023-06-01"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("claude-haiku-4-5")))
                .withRequestBody(matchingJsonPath("$.system[0].text", equalTo("You write examples.")))
                .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("user")))
                .withRequestBody(matchingJsonPath("$.messages[0].content[0].text", equalTo("Write one example.")))
                .withRequestBody(matchingJsonPath("$.max_tokens"))
                .withRequestBody(matchingJsonPath("$.output_config.format.type", equalTo("json_schema")))
                .withRequestBody(matchingJsonPath("$.output_config.format.schema.required[0]", equalTo("answer"))));
        LlmUsage usage = LlmUsage.of(response);
        // Anthropic's input_tokens leaves out the tokens read from its cache: they are input too, at the cached price
        assertEquals(new LlmUsage(2000, 800, 300), usage);
        PriceTable haiku = PriceTable.lookup(PriceTable.LIST_PRICES, "claude-haiku-4-5").orElseThrow();
        assertEquals((1200 * 1.00 + 800 * 0.10 + 300 * 5.00) / 1e6, usage.cost(haiku), 1e-12);
    }

    @Test
    void anthropic429WaitsForItsRetryAfterThenSucceeds() throws Exception {
        wireMock.stubFor(post(urlEqualTo("/v1/messages")).inScenario("anthropic-429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withHeader("retry-after", "1")
                        .withHeader("anthropic-ratelimit-requests-remaining", "0")
                        .withBody("""
                                {"type": "error", "error": {"type": "rate_limit_error",
                                 "message": "Number of requests has exceeded your per-minute rate limit"},
                                 "request_id": "req_011CSHoEeqs5C35K2UUqR7Fy"}
                                """))
                .willSetStateTo("open"));
        wireMock.stubFor(post(urlEqualTo("/v1/messages")).inScenario("anthropic-429").whenScenarioStateIs("open")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(ANTHROPIC_OK)));

        assertWaitsThenSucceeds(models.modelFor(anthropic()), Duration.ofSeconds(1), "claude-haiku-4-5");
    }

    @Test
    void anthropic429WithoutRetryAfterWaitsForTheExhaustedLimitsReset() {
        Instant reset = Instant.now().plusSeconds(5);
        ProviderRateLimits limits = ProviderRateLimits.from(Map.of("anthropic-ratelimit-tokens-remaining", "0",
                "anthropic-ratelimit-tokens-reset", reset.toString(), "anthropic-ratelimit-tokens-limit", "80000")::get,
                reset.minusSeconds(5));
        assertEquals(Duration.ofSeconds(5), limits.waitAfterRefusal());
        assertEquals(80_000L, limits.limitTokens());
    }

    @Test
    void anthropicOverloadedIsRetriableAndAMalformedBodyFailsClearly() {
        wireMock.stubFor(post(urlEqualTo("/v1/messages")).willReturn(aResponse().withStatus(529)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\", \"message\": \"Overloaded\"}}")));
        var model = models.modelFor(anthropic()).model();
        RuntimeException overloaded = assertThrows(RuntimeException.class, () -> model.chat(request("claude-haiku-4-5")));
        assertTrue(overloaded.getMessage().contains("overloaded_error"), overloaded.getMessage());
        assertFalse(overloaded instanceof dev.langchain4j.exception.NonRetriableException, overloaded.toString());

        wireMock.stubFor(post(urlEqualTo("/v1/messages")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\": \"msg_1\", \"content\": [")));
        RuntimeException malformed = assertThrows(RuntimeException.class, () -> model.chat(request("claude-haiku-4-5")));
        assertFalse(malformed.getMessage() == null || malformed.getMessage().isBlank(), malformed.toString());
    }

    // ---- Gemini: POST {base}/models/{model}:generateContent, x-goog-api-key ----

    static final String GEMINI_OK = """
            {"candidates": [{"content": {"parts": [{"text": "{\\"answer\\": \\"hola\\"}"}], "role": "model"},
                             "finishReason": "STOP", "index": 0}],
             "usageMetadata": {"promptTokenCount": 1500, "candidatesTokenCount": 400, "totalTokenCount": 1900,
                               "cachedContentTokenCount": 1000, "thoughtsTokenCount": 100},
             "modelVersion": "gemini-2.5-flash", "responseId": "mAitaJ_ZGOmPqtsPtPWb0Ak"}
            """;

    LlmSpec gemini() {
        return new LlmSpec("gemini", "gemini-2.5-flash", base() + "/v1beta");
    }

    @Test
    void geminiGetsItsGenerateContentRequestAndItsUsageIsPriced() {
        wireMock.stubFor(post(urlPathEqualTo("/v1beta/models/gemini-2.5-flash:generateContent"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(GEMINI_OK)));

        ChatResponse response = models.modelFor(gemini()).model().chat(request("gemini-2.5-flash"));

        assertEquals("{\"answer\": \"hola\"}", response.aiMessage().text());
        wireMock.verify(postRequestedFor(urlPathEqualTo("/v1beta/models/gemini-2.5-flash:generateContent"))
                .withHeader("x-goog-api-key", equalTo(GEMINI_KEY))
                .withRequestBody(matchingJsonPath("$.systemInstruction.parts[0].text", equalTo("You write examples.")))
                .withRequestBody(matchingJsonPath("$.contents[0].role", equalTo("user")))
                .withRequestBody(matchingJsonPath("$.contents[0].parts[0].text", equalTo("Write one example.")))
                .withRequestBody(matchingJsonPath("$.generationConfig.responseMimeType", equalTo("application/json")))
                .withRequestBody(matchingJsonPath("$.generationConfig.temperature", equalTo("0.7"))));
        String body = wireMock.getAllServeEvents().get(0).getRequest().getBodyAsString();
        assertTrue(body.contains("\"answer\"") && body.contains("responseSchema") || body.contains("responseJsonSchema"),
                "the schema goes along: " + body);
        assertFalse(wireMock.getAllServeEvents().get(0).getRequest().getUrl().contains(GEMINI_KEY),
                "the key travels in a header, not the URL");
        LlmUsage usage = LlmUsage.of(response);
        // thinking tokens are billed as output
        assertEquals(new LlmUsage(1500, 1000, 500), usage);
        PriceTable flash = PriceTable.lookup(PriceTable.LIST_PRICES, "gemini-2.5-flash").orElseThrow();
        assertEquals((500 * 0.30 + 1000 * 0.03 + 500 * 2.50) / 1e6, usage.cost(flash), 1e-12);
    }

    @Test
    void gemini429WaitsForTheRetryDelayInItsBodyThenSucceeds() throws Exception {
        wireMock.stubFor(post(urlPathEqualTo("/v1beta/models/gemini-2.5-flash:generateContent")).inScenario("gemini-429")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json").withBody(
                        """
                                {"error": {"code": 429,
                                  "message": "You exceeded your current quota, please check your plan and billing details.",
                                  "status": "RESOURCE_EXHAUSTED",
                                  "details": [
                                    {"@type": "type.googleapis.com/google.rpc.QuotaFailure",
                                     "violations": [{"quotaMetric": "generativelanguage.googleapis.com/generate_content_free_tier_requests",
                                                     "quotaId": "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
                                                     "quotaValue": "10"}]},
                                    {"@type": "type.googleapis.com/google.rpc.Help",
                                     "links": [{"description": "Learn more about Gemini API quotas",
                                                "url": "https://ai.google.dev/gemini-api/docs/rate-limits"}]},
                                    {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "1.2s"}]}}
                                """))
                .willSetStateTo("open"));
        wireMock.stubFor(post(urlPathEqualTo("/v1beta/models/gemini-2.5-flash:generateContent")).inScenario("gemini-429")
                .whenScenarioStateIs("open").willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json").withBody(GEMINI_OK)));

        assertWaitsThenSucceeds(models.modelFor(gemini()), Duration.ofMillis(1200), "gemini-2.5-flash");
    }

    @Test
    void geminiUnavailableIsRetriableAndAnEchoedKeyIsMasked() {
        wireMock.stubFor(post(urlPathEqualTo("/v1beta/models/gemini-2.5-flash:generateContent"))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json").withBody("""
                        {"error": {"code": 503, "message": "The model is overloaded. Please try again later.",
                                   "status": "UNAVAILABLE"}}
                        """)));
        var model = models.modelFor(gemini()).model();
        RuntimeException unavailable = assertThrows(RuntimeException.class, () -> model.chat(request("gemini-2.5-flash")));
        assertInstanceOf(InternalServerException.class, unavailable);

        wireMock.stubFor(post(urlPathEqualTo("/v1beta/models/gemini-2.5-flash:generateContent"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody(
                        "{\"error\": {\"code\": 400, \"message\": \"API key not valid: " + GEMINI_KEY
                                + "\", \"status\": \"INVALID_ARGUMENT\"}}")));
        RuntimeException invalid = assertThrows(RuntimeException.class, () -> model.chat(request("gemini-2.5-flash")));
        assertFalse(invalid.getMessage().contains(GEMINI_KEY), invalid.getMessage());
        assertTrue(invalid.getMessage().contains("INVALID_ARGUMENT"), invalid.getMessage());

        wireMock.stubFor(post(urlPathEqualTo("/v1beta/models/gemini-2.5-flash:generateContent"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"candidates\": [{\"content\": ")));
        assertThrows(RuntimeException.class, () -> model.chat(request("gemini-2.5-flash")));
    }

    @Test
    void geminiGetsRawSchemaPartsAsTypedOnesWithTheirBoundsDescribed() {
        wireMock.stubFor(post(urlPathEqualTo("/v1beta/models/gemini-2.5-flash:generateContent"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(GEMINI_OK)));
        JsonObjectSchema score = JsonObjectSchema.builder()
                .addProperty("clarity", JsonRawSchema.from(
                        "{\"type\":\"integer\",\"minimum\":1,\"maximum\":10,\"description\":\"clarity score\"}"))
                .required("clarity").build();
        ChatRequest request = ChatRequest.builder().messages(List.of(UserMessage.from("Score it.")))
                .modelName("gemini-2.5-flash").responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON)
                        .jsonSchema(JsonSchema.builder().name("judge_scores").rootElement(score).build()).build())
                .build();

        models.modelFor(gemini()).model().chat(request);

        wireMock.verify(postRequestedFor(urlPathEqualTo("/v1beta/models/gemini-2.5-flash:generateContent"))
                .withRequestBody(matchingJsonPath("$.generationConfig.responseSchema.properties.clarity.type",
                        equalTo("INTEGER")))
                .withRequestBody(matchingJsonPath("$.generationConfig.responseSchema.properties.clarity.description",
                        equalTo("clarity score (minimum 1, maximum 10)"))));
    }

    // ---- an OpenAI-compatible server at a spec's base_url ----

    @Test
    void anOpenAiCompatibleEndpointGetsTheSchemaAndItsHeadersAreRead() throws Exception {
        String ok = """
                {"id": "chatcmpl-1", "object": "chat.completion", "created": 1730000000, "model": "qwen2.5-7b",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": "{\\"answer\\": \\"hi\\"}"},
                              "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 90, "completion_tokens": 10, "total_tokens": 100,
                           "prompt_tokens_details": {"cached_tokens": 64}}}
                """;
        wireMock.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario("compatible-429")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withHeader("retry-after-ms", "700").withHeader("x-ratelimit-remaining-requests", "0")
                        .withBody("{\"error\": {\"message\": \"Rate limit reached\", \"type\": \"requests\","
                                + " \"code\": \"rate_limit_exceeded\"}}"))
                .willSetStateTo("open"));
        wireMock.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario("compatible-429").whenScenarioStateIs("open")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(ok)));
        var compatible = models.modelFor(new LlmSpec("openai-compatible", "qwen2.5-7b", base() + "/v1"));

        ChatResponse response = assertWaitsThenSucceeds(compatible, Duration.ofMillis(700), "qwen2.5-7b");

        assertEquals(new LlmUsage(90, 64, 10), LlmUsage.of(response));
        wireMock.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer " + COMPATIBLE_KEY))
                .withRequestBody(matchingJsonPath("$.model", equalTo("qwen2.5-7b")))
                .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("system")))
                .withRequestBody(matchingJsonPath("$.response_format.type", equalTo("json_schema")))
                .withRequestBody(matchingJsonPath("$.response_format.json_schema.name", equalTo("examples"))));
    }

    // ---- one model per provider endpoint; keys ----

    @Test
    void aModelIsBuiltOncePerProviderAndEndpointWithItsOwnWindow() {
        var first = models.modelFor(anthropic());
        assertSame(first, models.modelFor(new LlmSpec("ANTHROPIC", "claude-sonnet-4-5", base() + "/v1/")),
                "the model name travels with each request");
        var other = models.modelFor(gemini());
        first.window().onProviderAnswer(429, ProviderRateLimits.NONE.withRetryAfter(Duration.ofSeconds(30)),
                Instant.now());
        assertTrue(first.window().closedUntil().isAfter(Instant.now()));
        assertFalse(other.window().closedUntil().isAfter(Instant.now()), "a 429 from Anthropic leaves Gemini alone");
        assertEquals(List.of(first, other), List.of(models.modelFor(anthropic()), models.modelFor(gemini())));
    }

    @Test
    void aMissingKeyNamesItsVariableAndNoValue() {
        ProviderChatModels none = new ProviderChatModels("judge", new ProviderKeys(name -> Optional.empty()),
                Duration.ofSeconds(1), Duration.ofSeconds(1));
        RuntimeException missing = assertThrows(ProviderKeys.MissingProviderKeyException.class,
                () -> none.modelFor(new LlmSpec("anthropic", "claude-haiku-4-5", null)));
        assertEquals("no API key for provider anthropic: set ANTHROPIC_API_KEY", missing.getMessage());
        assertEquals("no API key for provider gemini: set GEMINI_API_KEY or GOOGLE_API_KEY",
                assertThrows(RuntimeException.class, () -> none.modelFor(new LlmSpec("gemini", "g", null)))
                        .getMessage());
    }

    /**
     * The first call is refused with a 429 that says to wait {@code told}; the window closes that long, a second call
     * right away is refused locally (not sent), and a call after waiting for the window succeeds.
     */
    private ChatResponse assertWaitsThenSucceeds(ProviderChatModels.ProviderModel provider, Duration told, String model)
            throws InterruptedException {
        Instant start = Instant.now();
        RateLimitException refused = assertThrows(RateLimitException.class, () -> provider.model().chat(request(model)));
        assertFalse(refused.getMessage().contains(ANTHROPIC_KEY) || refused.getMessage().contains(GEMINI_KEY)
                || refused.getMessage().contains(COMPATIBLE_KEY), refused.getMessage());
        Duration closed = Duration.between(start, provider.window().closedUntil());
        assertTrue(closed.compareTo(told.minusMillis(100)) >= 0 && closed.compareTo(told.plusSeconds(2)) <= 0,
                "closed for " + closed + ", told " + told);
        assertThrows(RateLimitException.class, () -> provider.model().chat(request(model)));
        assertEquals(1, wireMock.getAllServeEvents().size(), "the second call was refused locally, not sent");

        provider.window().awaitOpen();
        ChatResponse response = provider.model().chat(request(model));
        Duration waited = Duration.between(start, Instant.now());
        assertTrue(waited.compareTo(told) >= 0, "waited " + waited + ", told " + told);
        assertEquals(2, wireMock.getAllServeEvents().size());
        return response;
    }
}
