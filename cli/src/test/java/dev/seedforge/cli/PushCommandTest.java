package dev.seedforge.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import dev.seedforge.contracts.Json;

import picocli.CommandLine;

/** {@code seedforge push} against a WireMock of the Hub: what it sends, its exit codes and what it prints. */
class PushCommandTest {

    private static final String TOKEN = "hf_CliPushTestToken_0123456789abcdef";
    private static final String COMMIT = "/api/datasets/my-org/task-api/commit/main";

    @TempDir
    Path out;

    private WireMockServer hub;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        hub = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        hub.start();
        hub.stubFor(post("/api/repos/create").willReturn(okJson("{\"url\":\"x\"}")));
        hub.stubFor(post("/api/datasets/my-org/task-api/preupload/main").willReturn(okJson("{\"files\":[]}")));
        hub.stubFor(delete("/api/repos/delete").willReturn(aResponse().withStatus(200)));
        Path dataset = Files.createDirectories(out.resolve("job-42"));
        Files.writeString(dataset.resolve("README.md"), "---\npretty_name: task-api\n---\n# task-api\n");
        Files.writeString(dataset.resolve("train.jsonl"), "{\"messages\":[]}\n");
        Files.writeString(dataset.resolve("validation.jsonl"), "{\"messages\":[]}\n");
        Files.writeString(dataset.resolve("axolotl.yaml"), "base_model: x\n");
    }

    @AfterEach
    void stop() {
        hub.stop();
    }

    private int push(String... args) {
        PushCommand command = new PushCommand(Map.of("HF_TOKEN", TOKEN, "HF_ENDPOINT", hub.baseUrl()),
                new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true,
                        StandardCharsets.UTF_8));
        return new CommandLine(command).execute(args);
    }

    private String printed() {
        return stdout.toString(StandardCharsets.UTF_8) + stderr.toString(StandardCharsets.UTF_8);
    }

    @Test
    void pushesEveryFileOfTheJobsDirectoryInOneCommit() throws Exception {
        hub.stubFor(post(COMMIT).willReturn(okJson("{\"success\":true,\"commitOid\":\"c0ffee\",\"commitUrl\":\"u\"}")));

        int exit = push("job-42", "my-org/task-api", "--out", out.toString());

        assertEquals(0, exit, printed());
        assertTrue(printed().contains("Published: " + hub.baseUrl() + "/datasets/my-org/task-api"), printed());
        hub.verify(postRequestedFor(urlEqualTo("/api/repos/create")).withRequestBody(equalToJson(
                "{\"type\":\"dataset\",\"name\":\"task-api\",\"organization\":\"my-org\",\"private\":true}")));
        var lines = hub.findAll(postRequestedFor(urlEqualTo(COMMIT))).get(0).getBodyAsString().lines().toList();
        Set<String> paths = new HashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            paths.add(Json.MAPPER.readTree(line).path("value").path("path").asText());
        }
        assertEquals(Set.of("README.md", "train.jsonl", "validation.jsonl", "axolotl.yaml"), paths);
    }

    @Test
    void publicOnRequest() {
        hub.stubFor(post(COMMIT).willReturn(okJson("{\"success\":true,\"commitOid\":\"c0ffee\",\"commitUrl\":\"u\"}")));

        assertEquals(0, push(out.resolve("job-42").toString(), "my-org/task-api", "--public"), printed());
        hub.verify(postRequestedFor(urlEqualTo("/api/repos/create")).withRequestBody(equalToJson(
                "{\"type\":\"dataset\",\"name\":\"task-api\",\"organization\":\"my-org\",\"private\":false}")));
    }

    @Test
    void aFailedCommitExitsOneWithTheReasonAndNoToken() {
        hub.stubFor(post(COMMIT).willReturn(aResponse().withStatus(500).withBody("{\"error\":\"token " + TOKEN
                + " rejected\"}")));

        int exit = push("job-42", "my-org/task-api", "--out", out.toString());

        assertEquals(PushCommand.EXIT_PUSH_FAILED, exit);
        assertTrue(printed().contains("committing 4 files to my-org/task-api failed: HTTP 500"), printed());
        assertTrue(printed().contains("deleted again"), printed());
        assertFalse(printed().contains(TOKEN), printed());
    }

    @Test
    void badArgumentsExitTwoBeforeAnyRequest() {
        assertEquals(PushCommand.EXIT_BAD_ARGUMENTS, push("job-41", "my-org/task-api", "--out", out.toString()));
        assertTrue(printed().contains("is not a finished dataset"), printed());
        assertEquals(PushCommand.EXIT_BAD_ARGUMENTS, push("job-42", "task-api", "--out", out.toString()));
        assertTrue(printed().contains("REPO repository must be namespace/name"), printed());
        assertEquals(0, hub.getAllServeEvents().size());
    }
}
