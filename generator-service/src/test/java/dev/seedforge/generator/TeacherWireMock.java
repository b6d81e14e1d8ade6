package dev.seedforge.generator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.seedforge.testsupport.OpenAiChat;

/**
 * An OpenAI endpoint that answers every chat completion with the same five Task API examples, so a test knows
 * exactly what the generator received and what it should emit.
 */
public class TeacherWireMock implements QuarkusTestResourceLifecycleManager {

    public static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(5).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(completion(FIVE_EXAMPLES))));
        // a job whose task names RATE-LIMITED is answered 429 once, as a provider over its limit does
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(1)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(RATE_LIMITED))
                .inScenario("rate limit").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withHeader("retry-after", "1").withHeader("x-ratelimit-remaining-requests", "0")
                        .withBody("{\"error\":{\"message\":\"Rate limit reached for gpt-4o-mini on requests per min"
                                + " (RPM)\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}"))
                .willSetStateTo("answered"));
        // a job whose task names UNUSABLE gets answers with no example in them, call after call
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(1)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(UNUSABLE))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(completion("Sorry, I cannot write these examples."))));
        // a job whose task names SLOW-TEACHER is answered after 4 s, longer than the tests' pilot timeout of 2 s
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(1)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(SLOW))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withFixedDelay(4000).withBody(completion(FIVE_EXAMPLES))));
        return Map.of("quarkus.langchain4j.openai.teacher.base-url", server.baseUrl() + "/v1",
                "generator.estimate.pilot-timeout", "2s");
    }

    public static final String RATE_LIMITED = "RATE-LIMITED";
    public static final String UNUSABLE = "UNUSABLE";
    public static final String SLOW = "SLOW-TEACHER";

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    public static final String FIVE_EXAMPLES = """
            {"examples":[
             {"messages":[{"role":"user","content":"Delete task #41."},{"role":"assistant","content":"Deleted task #41: 'Renew parking permit'"}]},
             {"messages":[{"role":"user","content":"Mark task #7 as done."},{"role":"assistant","content":"Completed task #7: 'Email the auditors'"}]},
             {"messages":[{"role":"user","content":"Add a task 'Order toner' due 2025-02-03, low priority."},{"role":"assistant","content":"Created task: 'Order toner' | Priority: low | Due: 2025-02-03 (Monday)"}]},
             {"messages":[{"role":"user","content":"Change the priority of task #2 to medium."},{"role":"assistant","content":"Updated task #2: priority -> medium"}]},
             {"messages":[{"role":"user","content":"Mark task #555 as done."},{"role":"assistant","content":"Error: Task #555 not found"}]}
            ]}""";

    /** An OpenAI chat completion whose message is {@code content}, with fixed usage (1000 in, 250 out). */
    public static String completion(String content) {
        return OpenAiChat.completion(content, 1000, 0, 250);
    }
}
