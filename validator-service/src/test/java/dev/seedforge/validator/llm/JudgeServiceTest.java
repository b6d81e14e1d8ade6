package dev.seedforge.validator.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.Verdict;
import dev.seedforge.localstack.LocalStackTestResource;
import dev.seedforge.validator.judge.JudgeTest;
import dev.seedforge.validator.service.JudgeService;
import dev.seedforge.validator.testing.ValidatorWireMock;

/**
 * The judge through quarkus-langchain4j against WireMock: scores, a malformed score, a 429, a 429 whose
 * {@code retry-after} or {@code x-ratelimit-reset-requests} pauses the judge, a judge that stays down.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ValidatorWireMock.class, restrictToAnnotatedClass = false)
class JudgeServiceTest {

    private static final String CHAT = "/v1/chat/completions";
    private static final String GOOD = """
            {"scores":{"0":[8,7,9],"1":[9,4,8],"2":[6,6,6]},
             "weaknesses":[{"example":1,"weakness":"wrong weekday"}]}""";
    /** (1000 - 200) x 0.15 + 200 x 0.075 + 300 x 0.60, per million tokens. */
    private static final double CALL_COST = (800 * 0.15 + 200 * 0.075 + 300 * 0.60) / 1e6;

    @Inject
    JudgeService judge;

    @BeforeEach
    void reset() {
        ValidatorWireMock.server.resetAll();
    }

    private List<Verdict> judgeThree(String jobId) throws Exception {
        JobSpec spec = JudgeTest.spec(3);
        List<CompletableFuture<Verdict>> futures = List.of(judge.judge(spec, JudgeTest.candidate(jobId, "a")),
                judge.judge(spec, JudgeTest.candidate(jobId, "b")), judge.judge(spec, JudgeTest.candidate(jobId, "c")));
        return List.of(futures.get(0).get(30, TimeUnit.SECONDS), futures.get(1).get(30, TimeUnit.SECONDS),
                futures.get(2).get(30, TimeUnit.SECONDS));
    }

    private static void answer(String scenarioState, String nextState, int status, String content) {
        ValidatorWireMock.server.stubFor(post(urlEqualTo(CHAT)).inScenario("judge").whenScenarioStateIs(scenarioState)
                .willSetStateTo(nextState).willReturn(status == 200
                        ? aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                                .withBody(ValidatorWireMock.completion(content))
                        : aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                                .withHeader("Retry-After", "0")
                                .withBody("{\"error\":{\"message\":\"" + content + "\",\"type\":\"requests\"}}")));
    }

    @Test
    void threeCandidatesOneCallScoresAndSharedCost() throws Exception {
        answer(Scenario.STARTED, Scenario.STARTED, 200, GOOD);
        List<Verdict> verdicts = judgeThree("judge-scores");

        assertEquals(new Verdict(true, List.of(), Map.of("clarity", 8, "quality", 7, "realism", 9), CALL_COST / 3),
                verdicts.get(0));
        assertFalse(verdicts.get(1).accepted());
        assertEquals(List.of(new Reason("judge_low_score",
                "judge: quality scored 4, below the minimum 6 (wrong weekday)")), verdicts.get(1).reasons());
        assertTrue(verdicts.get(2).accepted(), "6 is enough");
        ValidatorWireMock.server.verify(1, postRequestedFor(urlEqualTo(CHAT)));

        JsonNode request = Json.MAPPER.readTree(ValidatorWireMock.server.getAllServeEvents().get(0).getRequest()
                .getBodyAsString());
        JsonNode schema = request.path("response_format").path("json_schema");
        assertEquals("judge_scores", schema.path("name").asText(), request.toString());
        JsonNode examples = schema.path("schema").path("properties").path("scores");
        assertEquals(List.of("0", "1", "2"), Json.MAPPER.convertValue(examples.path("required"), List.class),
                schema.toString());
        JsonNode row = examples.path("properties").path("2");
        assertEquals(3, row.path("minItems").asInt(), schema.toString());
        assertEquals(3, row.path("maxItems").asInt(), schema.toString());
        assertEquals(1, row.path("items").path("minimum").asInt(), schema.toString());
        assertEquals(10, row.path("items").path("maximum").asInt(), schema.toString());
        assertTrue(row.path("description").asText().contains("clarity, quality, realism, in that order"),
                schema.toString());
        assertEquals(List.of("scores", "weaknesses"), Json.MAPPER.convertValue(schema.path("schema").path(
                "required"), List.class), schema.toString());
        assertEquals("gpt-4o-mini", request.path("model").asText());
    }

    @Test
    void malformedScoreIsRetried() throws Exception {
        answer(Scenario.STARTED, "fixed", 200, GOOD.replace("[8,7,9]", "[15,7,9]"));
        answer("fixed", "fixed", 200, GOOD);
        List<Verdict> verdicts = judgeThree("judge-malformed");
        assertEquals(Map.of("clarity", 8, "quality", 7, "realism", 9), verdicts.get(0).judgeScores());
        ValidatorWireMock.server.verify(2, postRequestedFor(urlEqualTo(CHAT)));
    }

    @Test
    void rateLimitedThenAnswered() throws Exception {
        answer(Scenario.STARTED, "allowed", 429, "Rate limit reached");
        answer("allowed", "allowed", 200, GOOD);
        List<Verdict> verdicts = judgeThree("judge-429");
        assertTrue(verdicts.get(0).accepted(), verdicts.toString());
        assertEquals("judge_low_score", verdicts.get(1).reasons().get(0).code());
        ValidatorWireMock.server.verify(2, postRequestedFor(urlEqualTo(CHAT)));
    }

    /** A 429 as OpenAI sends it: the rate-limit headers by their real names, then {@code extra} ones. */
    private static void refuseWithHeaders(String... extra) {
        var refusal = aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withHeader("x-ratelimit-limit-requests", "500").withHeader("x-ratelimit-limit-tokens", "200000")
                .withHeader("x-ratelimit-remaining-tokens", "199000").withHeader("x-ratelimit-reset-tokens", "300ms")
                .withBody("{\"error\":{\"message\":\"Rate limit reached for gpt-4o-mini on requests per min (RPM)\","
                        + "\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}");
        for (int i = 0; i < extra.length; i += 2) {
            refusal = refusal.withHeader(extra[i], extra[i + 1]);
        }
        ValidatorWireMock.server.stubFor(post(urlEqualTo(CHAT)).inScenario("judge")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("allowed").willReturn(refusal));
        answer("allowed", "allowed", 200, GOOD);
    }

    /** Milliseconds between the first and the second request the judge's provider received. */
    private static long gapBetweenCalls() {
        var events = ValidatorWireMock.server.getAllServeEvents(); // newest first
        assertEquals(2, events.size(), "one refused call, one answered");
        return events.get(0).getRequest().getLoggedDate().getTime()
                - events.get(1).getRequest().getLoggedDate().getTime();
    }

    @Test
    void aRefusalsRetryAfterPausesTheJudge() throws Exception {
        refuseWithHeaders("retry-after", "2", "x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests",
                "2s");
        List<Verdict> verdicts = judgeThree("judge-retry-after");
        assertTrue(verdicts.get(0).accepted(), verdicts.toString());
        long gap = gapBetweenCalls();
        assertTrue(gap >= 1_900, "the judge waited " + gap + " ms, not the 2 s retry-after");
    }

    @Test
    void withoutRetryAfterTheExhaustedLimitsResetPausesTheJudge() throws Exception {
        refuseWithHeaders("x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "1.5s");
        List<Verdict> verdicts = judgeThree("judge-reset");
        assertTrue(verdicts.get(0).accepted(), verdicts.toString());
        long gap = gapBetweenCalls();
        assertTrue(gap >= 1_400, "the judge waited " + gap + " ms, not the 1.5s reset of its request limit");
    }

    @Test
    void judgeThatStaysDownRejectsWithJudgeUnavailable() throws Exception {
        answer(Scenario.STARTED, Scenario.STARTED, 200, "{\"scores\": {\"0\": [8, ");
        List<Verdict> verdicts = judgeThree("judge-down");
        for (Verdict verdict : verdicts) {
            assertFalse(verdict.accepted());
            assertEquals("judge_unavailable", verdict.reasons().get(0).code());
            assertTrue(verdict.reasons().get(0).message().startsWith(
                    "the judge gave no usable answer after retries: the judge's answer is not JSON"),
                    verdict.reasons().toString());
        }
        ValidatorWireMock.server.verify(4, postRequestedFor(urlEqualTo(CHAT)));
    }
}
