package dev.seedforge.validator.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JudgeSpec;
import dev.seedforge.contracts.Verdict;
import dev.seedforge.localstack.LocalStackTestResource;
import dev.seedforge.testsupport.ProviderAnswers;
import dev.seedforge.validator.judge.JudgeTest;
import dev.seedforge.validator.service.JudgeService;
import dev.seedforge.validator.testing.ValidatorWireMock;

/**
 * The judge on Anthropic and Gemini through the validator's whole chain (JudgeService's batches, JudgeClient's
 * retries, the shared ProviderChatModels), against WireMock in each provider's wire format: the request with the
 * scores' schema, the call's cost at the model's list price, 429s waited out as each provider says, a 5xx and a
 * malformed answer retried, and a key echoed in an error kept out of the verdict.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ValidatorWireMock.class, restrictToAnnotatedClass = false)
class JudgeProvidersTest {

    private static final String CLAUDE = "claude-haiku-4-5";
    private static final String GEMINI = "gemini-2.5-flash";
    private static final String MESSAGES = "/anthropic/v1/messages";
    private static final String GENERATE = "/gemini/v1beta/models/" + GEMINI + ":generateContent";
    private static final String GOOD = """
            {"scores":{"0":[8,7,9],"1":[9,4,8],"2":[6,6,6]},
             "weaknesses":[{"example":1,"weakness":"wrong weekday"}]}""";

    @Inject
    JudgeService judge;

    @BeforeEach
    void reset() {
        ValidatorWireMock.server.resetAll();
    }

    private static JobSpec spec(String provider, String model, String path) {
        JobSpec base = JudgeTest.spec(3);
        return base.toBuilder().judgeModel(null)
                .judge(new JudgeSpec(true, null, 6, 3, provider, model, ValidatorWireMock.server.baseUrl() + path))
                .build().withDefaults();
    }

    private List<Verdict> judgeThree(JobSpec spec, String jobId) throws Exception {
        List<CompletableFuture<Verdict>> futures = List.of(judge.judge(spec, JudgeTest.candidate(jobId, "a")),
                judge.judge(spec, JudgeTest.candidate(jobId, "b")), judge.judge(spec, JudgeTest.candidate(jobId, "c")));
        return List.of(futures.get(0).get(60, TimeUnit.SECONDS), futures.get(1).get(60, TimeUnit.SECONDS),
                futures.get(2).get(60, TimeUnit.SECONDS));
    }

    private static String anthropicMessage(String text) {
        return ProviderAnswers.anthropicMessage(CLAUDE + "-20251001", text, 1000, 200, 300);
    }

    private static String geminiContent(String text) {
        return ProviderAnswers.geminiContent(GEMINI, text, 1200, 200, 300);
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** {@code first} to the first request on {@code path}, {@code then} to every later one. */
    private static void answers(String path, ResponseDefinitionBuilder first, ResponseDefinitionBuilder then) {
        ValidatorWireMock.server.stubFor(post(urlPathEqualTo(path)).inScenario(path)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("then").willReturn(first));
        ValidatorWireMock.server.stubFor(post(urlPathEqualTo(path)).inScenario(path).whenScenarioStateIs("then")
                .willReturn(then));
    }

    private static long gapBetweenCalls() {
        var events = ValidatorWireMock.server.getAllServeEvents(); // newest first
        assertEquals(2, events.size(), "one refused call, one answered");
        return events.get(0).getRequest().getLoggedDate().getTime()
                - events.get(1).getRequest().getLoggedDate().getTime();
    }

    @Test
    void anthropicScoresWithTheScoresSchemaAtItsListPrice() throws Exception {
        ValidatorWireMock.server.stubFor(post(urlEqualTo(MESSAGES)).willReturn(json(200, anthropicMessage(GOOD))));

        List<Verdict> verdicts = judgeThree(spec("anthropic", CLAUDE, "/anthropic/v1/"), "anthropic-scores");

        assertEquals(Map.of("clarity", 8, "quality", 7, "realism", 9), verdicts.get(0).judgeScores());
        assertFalse(verdicts.get(1).accepted());
        // 1,000 uncached + 200 cache reads in, 300 out, at claude-haiku-4-5's list price, shared by three
        assertEquals((1000 * 1.00 + 200 * 0.10 + 300 * 5.00) / 1e6 / 3, verdicts.get(0).judgeCostUsd(), 1e-12);
        ValidatorWireMock.server.verify(1, postRequestedFor(urlEqualTo(MESSAGES))
                .withHeader("x-api-key", equalTo(ValidatorWireMock.ANTHROPIC_KEY))
                .withRequestBody(matchingJsonPath("$.model", equalTo(CLAUDE)))
                .withRequestBody(matchingJsonPath("$.temperature", equalTo("0.0")))
                .withRequestBody(matchingJsonPath("$.system[0].text"))
                .withRequestBody(matchingJsonPath("$.output_config.format.type", equalTo("json_schema")))
                .withRequestBody(matchingJsonPath(
                        "$.output_config.format.schema.properties.scores.properties['2'].items.maximum",
                        equalTo("10"))));
    }

    @Test
    void anthropics429PausesTheJudgeForItsRetryAfter() throws Exception {
        answers(MESSAGES, json(429, """
                {"type": "error", "error": {"type": "rate_limit_error",
                 "message": "Number of request tokens has exceeded your per-minute rate limit"}}""")
                .withHeader("retry-after", "2").withHeader("anthropic-ratelimit-tokens-remaining", "0")
                .withHeader("anthropic-ratelimit-tokens-limit", "50000"), json(200, anthropicMessage(GOOD)));

        List<Verdict> verdicts = judgeThree(spec("anthropic", CLAUDE, "/anthropic/v1/"), "anthropic-429");

        assertTrue(verdicts.get(0).accepted(), verdicts.toString());
        long gap = gapBetweenCalls();
        assertTrue(gap >= 1_900, "the judge waited " + gap + " ms, not the 2 s retry-after");
    }

    @Test
    void anthropicsEchoedKeyStaysOutOfTheVerdict() throws Exception {
        ValidatorWireMock.server.stubFor(post(urlEqualTo(MESSAGES)).willReturn(json(401,
                "{\"type\": \"error\", \"error\": {\"type\": \"authentication_error\", \"message\": \"invalid x-api-key "
                        + ValidatorWireMock.ANTHROPIC_KEY + "\"}}")));

        List<Verdict> verdicts = judgeThree(spec("anthropic", CLAUDE, "/anthropic/v1/"), "anthropic-401");

        assertEquals("judge_unavailable", verdicts.get(0).reasons().get(0).code());
        String reason = verdicts.get(0).reasons().get(0).message();
        assertTrue(reason.contains("authentication_error"), reason);
        assertFalse(reason.contains(ValidatorWireMock.ANTHROPIC_KEY), reason);
    }

    @Test
    void geminiScoresAtItsListPriceAfterA503() throws Exception {
        answers(GENERATE, json(503, """
                {"error": {"code": 503, "message": "The model is overloaded. Please try again later.",
                 "status": "UNAVAILABLE"}}"""), json(200, geminiContent(GOOD)));

        List<Verdict> verdicts = judgeThree(spec("gemini", GEMINI, "/gemini/v1beta"), "gemini-503");

        assertTrue(verdicts.get(0).accepted(), verdicts.toString());
        // promptTokenCount 1,200 of which 200 cached, 300 out, at gemini-2.5-flash's list price, shared by three
        assertEquals((1000 * 0.30 + 200 * 0.03 + 300 * 2.50) / 1e6 / 3, verdicts.get(0).judgeCostUsd(), 1e-12);
        ValidatorWireMock.server.verify(2, postRequestedFor(urlPathEqualTo(GENERATE))
                .withHeader("x-goog-api-key", equalTo(ValidatorWireMock.GEMINI_KEY))
                .withRequestBody(matchingJsonPath("$.generationConfig.responseMimeType", equalTo("application/json")))
                .withRequestBody(matchingJsonPath("$.contents[0].role", equalTo("user"))));
    }

    @Test
    void geminis429PausesTheJudgeForTheRetryDelayInItsBody() throws Exception {
        answers(GENERATE, json(429, """
                {"error": {"code": 429, "message": "You exceeded your current quota.", "status": "RESOURCE_EXHAUSTED",
                 "details": [{"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "1.5s"}]}}"""),
                json(200, geminiContent(GOOD)));

        List<Verdict> verdicts = judgeThree(spec("gemini", GEMINI, "/gemini/v1beta"), "gemini-429");

        assertTrue(verdicts.get(0).accepted(), verdicts.toString());
        long gap = gapBetweenCalls();
        assertTrue(gap >= 1_450, "the judge waited " + gap + " ms, not Gemini's retryDelay of 1.5s");
    }

    @Test
    void aMalformedGeminiAnswerIsRetried() throws Exception {
        answers(GENERATE, json(200, geminiContent("{\"scores\": {\"0\": [8, ")),
                json(200, geminiContent(GOOD)));

        List<Verdict> verdicts = judgeThree(spec("gemini", GEMINI, "/gemini/v1beta"), "gemini-malformed");

        assertEquals(Map.of("clarity", 8, "quality", 7, "realism", 9), verdicts.get(0).judgeScores());
        ValidatorWireMock.server.verify(2, postRequestedFor(urlPathEqualTo(GENERATE)));
    }
}
