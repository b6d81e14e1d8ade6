package dev.seedforge.generator.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.LlmSpec;
import dev.seedforge.generator.ProviderWireMock;
import dev.seedforge.generator.TeacherWireMock;
import dev.seedforge.generator.domain.GeneratedExamples;
import dev.seedforge.generator.domain.GenerationPrompt;
import dev.seedforge.localstack.LocalStackTestResource;

/**
 * The teacher on Anthropic and Gemini through the service's whole client chain (TeacherClient's rate limiter, Fault
 * Tolerance retries, the shared ProviderChatModels), against WireMock in each provider's wire format: the request,
 * usage, a 429 waited out as the provider said, a 5xx retried, and a malformed answer handed over for salvage.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = TeacherWireMock.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = ProviderWireMock.class, restrictToAnnotatedClass = true)
class TeacherProvidersTest {

    private static final String CLAUDE = "claude-haiku-4-5";
    private static final String GEMINI = "gemini-2.5-flash";
    private static final String MESSAGES = "/anthropic/v1/messages";
    private static final String GENERATE = "/gemini/v1beta/models/" + GEMINI + ":generateContent";

    @Inject
    TeacherClient teacher;

    private static GenerationPrompt prompt(String marker) {
        String id = UUID.randomUUID().toString();
        return new GenerationPrompt("complexity=simple", 1, "You write training examples.",
                marker + " " + id + ": write five Task API examples.", List.of(0, 1), 5, 0.7, false, id);
    }

    private static LlmSpec anthropic() {
        return new LlmSpec("anthropic", CLAUDE, ProviderWireMock.anthropicBaseUrl());
    }

    private static LlmSpec gemini() {
        return new LlmSpec("gemini", GEMINI, ProviderWireMock.geminiBaseUrl());
    }

    private static List<ServeEvent> requestsWith(String marker) {
        return ProviderWireMock.server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getBodyAsString().contains(marker))
                .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate())).toList();
    }

    private static long gapMillis(List<ServeEvent> requests) {
        return requests.get(1).getRequest().getLoggedDate().getTime()
                - requests.get(0).getRequest().getLoggedDate().getTime();
    }

    /** The first request with {@code marker} gets {@code refusal}, the next {@code answer}. */
    private static void refuseOnce(String path, String marker,
            com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder refusal,
            String answer) {
        ProviderWireMock.server.stubFor(post(urlPathEqualTo(path)).withRequestBody(containing(marker))
                .inScenario(marker).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(refusal.withHeader("Content-Type", "application/json")).willSetStateTo("answered"));
        ProviderWireMock.server.stubFor(post(urlPathEqualTo(path)).withRequestBody(containing(marker))
                .inScenario(marker).whenScenarioStateIs("answered")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(answer)));
    }

    @Test
    void anthropicWritesExamplesWithTheJobsSchemaAndItsUsageIsRead() throws Exception {
        String marker = "ANTHROPIC-OK";
        ProviderWireMock.server.stubFor(post(urlEqualTo(MESSAGES)).withRequestBody(containing(marker))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withHeader("anthropic-ratelimit-requests-remaining", "49").withBody(ProviderWireMock
                                .anthropicMessage(CLAUDE + "-20251001", TeacherWireMock.FIVE_EXAMPLES, 1200, 800, 300))));

        TeacherAnswer answer = teacher.generate(anthropic(), prompt(marker), 500);

        assertEquals(5, GeneratedExamples.parse(answer.text(), ExampleFormat.OPENAI).examples().size());
        assertEquals(CLAUDE + "-20251001", answer.model());
        assertEquals(List.of(2000L, 800L, 300L), List.of(answer.inputTokens(), answer.cachedInputTokens(),
                answer.outputTokens()));
        ProviderWireMock.server.verify(postRequestedFor(urlEqualTo(MESSAGES))
                .withRequestBody(containing(marker))
                .withHeader("x-api-key", equalTo(ProviderWireMock.ANTHROPIC_KEY))
                .withRequestBody(matchingJsonPath("$.model", equalTo(CLAUDE)))
                .withRequestBody(matchingJsonPath("$.system[0].text", equalTo("You write training examples.")))
                .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("user")))
                .withRequestBody(matchingJsonPath("$.temperature", equalTo("0.7")))
                .withRequestBody(matchingJsonPath("$.output_config.format.type", equalTo("json_schema")))
                .withRequestBody(matchingJsonPath("$.output_config.format.schema.properties.examples")));
    }

    @Test
    void anthropics429IsWaitedOutAsItsRetryAfterSays() throws Exception {
        String marker = "ANTHROPIC-429";
        refuseOnce(MESSAGES, marker, aResponse().withStatus(429).withHeader("retry-after", "2")
                .withHeader("anthropic-ratelimit-requests-limit", "50")
                .withHeader("anthropic-ratelimit-requests-remaining", "0")
                .withBody(ProviderWireMock.ANTHROPIC_RATE_LIMITED),
                ProviderWireMock.anthropicMessage(CLAUDE, TeacherWireMock.FIVE_EXAMPLES, 1000, 0, 250));

        TeacherAnswer answer = teacher.generate(anthropic(), prompt(marker), 500);

        assertTrue(answer.text().contains("examples"));
        List<ServeEvent> requests = requestsWith(marker);
        assertEquals(List.of(429, 200), requests.stream().map(e -> e.getResponse().getStatus()).toList());
        assertTrue(gapMillis(requests) >= 2000, "retried " + gapMillis(requests) + " ms after retry-after: 2");
    }

    @Test
    void anthropicOverloadedIsRetried() throws Exception {
        String marker = "ANTHROPIC-529";
        refuseOnce(MESSAGES, marker, aResponse().withStatus(529).withBody(ProviderWireMock.ANTHROPIC_OVERLOADED),
                ProviderWireMock.anthropicMessage(CLAUDE, TeacherWireMock.FIVE_EXAMPLES, 1000, 0, 250));

        teacher.generate(anthropic(), prompt(marker), 500);

        assertEquals(List.of(529, 200), requestsWith(marker).stream().map(e -> e.getResponse().getStatus()).toList());
    }

    @Test
    void aMalformedAnswerIsHandedOverForSalvage() throws Exception {
        String marker = "ANTHROPIC-MALFORMED";
        String cutOff = TeacherWireMock.FIVE_EXAMPLES.substring(0, TeacherWireMock.FIVE_EXAMPLES.indexOf("Mark task #7"));
        ProviderWireMock.server.stubFor(post(urlEqualTo(MESSAGES)).withRequestBody(containing(marker))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(ProviderWireMock.anthropicMessage(CLAUDE, cutOff, 1000, 0, 40))));

        TeacherAnswer answer = teacher.generate(anthropic(), prompt(marker), 500);

        assertEquals(cutOff, answer.text());
        GeneratedExamples salvaged = GeneratedExamples.parse(answer.text(), ExampleFormat.OPENAI);
        assertEquals(1, salvaged.examples().size(), "the one whole record is kept");
        assertFalse(salvaged.clean());
    }

    @Test
    void geminiWritesExamplesWithAResponseSchemaAndItsUsageIsRead() throws Exception {
        String marker = "GEMINI-OK";
        ProviderWireMock.server.stubFor(post(urlPathEqualTo(GENERATE)).withRequestBody(containing(marker))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(ProviderWireMock.geminiContent(GEMINI, TeacherWireMock.FIVE_EXAMPLES, 1500, 1000, 400))));

        TeacherAnswer answer = teacher.generate(gemini(), prompt(marker), 500);

        assertEquals(5, GeneratedExamples.parse(answer.text(), ExampleFormat.OPENAI).examples().size());
        assertEquals(List.of(1500L, 1000L, 400L), List.of(answer.inputTokens(), answer.cachedInputTokens(),
                answer.outputTokens()));
        ProviderWireMock.server.verify(postRequestedFor(urlPathEqualTo(GENERATE))
                .withRequestBody(containing(marker))
                .withHeader("x-goog-api-key", equalTo(ProviderWireMock.GEMINI_KEY))
                .withRequestBody(matchingJsonPath("$.systemInstruction.parts[0].text",
                        equalTo("You write training examples.")))
                .withRequestBody(matchingJsonPath("$.contents[0].role", equalTo("user")))
                .withRequestBody(matchingJsonPath("$.generationConfig.responseMimeType", equalTo("application/json"))));
        String body = requestsWith(marker).get(0).getRequest().getBodyAsString();
        assertTrue(body.contains("\"examples\""), "the job's schema goes along: " + body);
    }

    @Test
    void geminis429IsWaitedOutAsItsRetryDelaySays() throws Exception {
        String marker = "GEMINI-429";
        refuseOnce(GENERATE, marker, aResponse().withStatus(429).withBody(ProviderWireMock.geminiExhausted("1.5s")),
                ProviderWireMock.geminiContent(GEMINI, TeacherWireMock.FIVE_EXAMPLES, 1000, 0, 250));

        teacher.generate(gemini(), prompt(marker), 500);

        List<ServeEvent> requests = requestsWith(marker);
        assertEquals(List.of(429, 200), requests.stream().map(e -> e.getResponse().getStatus()).toList());
        assertTrue(gapMillis(requests) >= 1500, "retried " + gapMillis(requests) + " ms after retryDelay 1.5s");
    }

    @Test
    void geminiUnavailableIsRetried() throws Exception {
        String marker = "GEMINI-503";
        refuseOnce(GENERATE, marker, aResponse().withStatus(503).withBody(ProviderWireMock.GEMINI_UNAVAILABLE),
                ProviderWireMock.geminiContent(GEMINI, TeacherWireMock.FIVE_EXAMPLES, 1000, 0, 250));

        teacher.generate(gemini(), prompt(marker), 500);

        assertEquals(List.of(503, 200), requestsWith(marker).stream().map(e -> e.getResponse().getStatus()).toList());
    }

    @Test
    void anOpenAiCompatibleServerAtTheSpecsBaseUrlAnswersWithTheSchemaAsked() throws Exception {
        String marker = "COMPATIBLE-OK";
        ProviderWireMock.server.stubFor(post(urlEqualTo("/compatible/v1/chat/completions"))
                .withRequestBody(containing(marker)).willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(TeacherWireMock.completion(TeacherWireMock.FIVE_EXAMPLES))));

        TeacherAnswer answer = teacher.generate(new LlmSpec("openai-compatible", "qwen2.5-7b-instruct",
                ProviderWireMock.server.baseUrl() + "/compatible/v1"), prompt(marker), 500);

        assertEquals(5, GeneratedExamples.parse(answer.text(), ExampleFormat.OPENAI).examples().size());
        assertEquals(List.of(1000L, 250L), List.of(answer.inputTokens(), answer.outputTokens()));
        ProviderWireMock.server.verify(postRequestedFor(urlEqualTo("/compatible/v1/chat/completions"))
                .withRequestBody(containing(marker))
                .withRequestBody(matchingJsonPath("$.model", equalTo("qwen2.5-7b-instruct")))
                .withRequestBody(matchingJsonPath("$.response_format.type", equalTo("json_schema"))));
    }
}
