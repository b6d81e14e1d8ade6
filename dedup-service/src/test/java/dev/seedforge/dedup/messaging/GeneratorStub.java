package dev.seedforge.dedup.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.JobView;
import dev.seedforge.contracts.Json;

/**
 * Stands in for the generator's {@code GET /jobs/{id}}: the first call fails with 503 (the client must retry), later
 * ones serve a job with {@link #SEEDS}.
 */
public class GeneratorStub implements QuarkusTestResourceLifecycleManager {

    static final List<Conversation> SEEDS = List.of(
            new Conversation(List.of(ChatTurn.of(ChatTurn.USER, "What is the capital of France?"),
                    ChatTurn.of(ChatTurn.ASSISTANT, "Paris."))),
            new Conversation(List.of(ChatTurn.of(ChatTurn.USER, "Name the largest ocean."),
                    ChatTurn.of(ChatTurn.ASSISTANT, "The Pacific."))));

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        server.stubFor(get(urlPathMatching("/jobs/.+")).inScenario("generator").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        server.stubFor(get(urlPathMatching("/jobs/.+")).inScenario("generator").whenScenarioStateIs("up")
                .willReturn(okJson(jobView())));
        return Map.of("quarkus.rest-client.generator.url", server.baseUrl());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectGeneratorStub.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static String jobView() {
        JobSpec spec = JobSpec.builder().name("geography").task("Answer geography questions in one sentence")
                .format(ExampleFormat.OPENAI).seeds(SEEDS).target(10).build().withDefaults();
        Instant now = Instant.now();
        try {
            return Json.MAPPER.writeValueAsString(
                    new JobView("served-for-any-id", JobStatus.GENERATING, null, spec, null, 0, null, now, now));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
