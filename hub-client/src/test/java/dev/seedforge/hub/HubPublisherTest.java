package dev.seedforge.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.seedforge.contracts.Json;

/**
 * The push against a WireMock of the Hub's HTTP API, with the requests huggingface_hub sends and the answers the Hub
 * gives ({@code /api/repos/create}, {@code /preupload/main}, {@code /commit/main} in NDJSON, {@code /api/repos/delete}),
 * including failures: nothing half-published, an error naming the step, never the token.
 */
class HubPublisherTest {

    private static final String TOKEN = "hf_TestTokenThatMustNeverAppear0123456789";
    private static final String REPO = "my-org/task-api";
    private static final String CREATE = "/api/repos/create";
    private static final String PREUPLOAD = "/api/datasets/my-org/task-api/preupload/main";
    private static final String COMMIT = "/api/datasets/my-org/task-api/commit/main";
    private static final String DELETE = "/api/repos/delete";

    @TempDir
    Path dir;

    private WireMockServer hub;
    private HubPublisher publisher;
    private final Map<String, String> files = new LinkedHashMap<>();

    @BeforeEach
    void start() throws Exception {
        hub = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        hub.start();
        publisher = HubPublisher.fromEnvironment(Map.of("HF_ENDPOINT", hub.baseUrl(), "HF_TOKEN", TOKEN));
        files.put("README.md", "---\nconfigs:\n- config_name: default\n---\n# task-api\n");
        files.put("train.jsonl", "{\"messages\":[{\"role\":\"user\",\"content\":\"héllo\"}]}\n");
        files.put("validation.jsonl", "{\"messages\":[]}\n");
        for (var file : files.entrySet()) {
            Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
    }

    @AfterEach
    void stop() {
        hub.stop();
    }

    private void repoCreated() {
        hub.stubFor(post(CREATE).willReturn(okJson("{\"url\":\"" + hub.baseUrl() + "/datasets/" + REPO
                + "\",\"name\":\"" + REPO + "\",\"id\":\"66a1b2c3d4e5f60718293a4b\"}")));
    }

    private void allRegular() {
        hub.stubFor(post(PREUPLOAD).willReturn(okJson("{\"files\":["
                + "{\"path\":\"README.md\",\"uploadMode\":\"regular\",\"shouldIgnore\":false,\"oid\":null},"
                + "{\"path\":\"train.jsonl\",\"uploadMode\":\"regular\",\"shouldIgnore\":false,\"oid\":null},"
                + "{\"path\":\"validation.jsonl\",\"uploadMode\":\"regular\",\"shouldIgnore\":false,\"oid\":null}],"
                + "\"commitOid\":\"0000000000000000000000000000000000000000\"}")));
    }

    private void commitAccepted() {
        hub.stubFor(post(COMMIT).willReturn(okJson("{\"success\":true,\"commitOid\":"
                + "\"3f2a9c0d1e2b4a5c6d7e8f9a0b1c2d3e4f5a6b7c\",\"commitUrl\":\"" + hub.baseUrl() + "/datasets/"
                + REPO + "/commit/3f2a9c0d1e2b4a5c6d7e8f9a0b1c2d3e4f5a6b7c\",\"hookOutput\":\"\"}")));
    }

    private HubPublication publish() {
        return publisher.publish(new HubTarget(REPO, true), dir, List.copyOf(files.keySet()),
                "Publish the SeedForge dataset task-api");
    }

    @Test
    void createsThePrivateRepoThenCommitsEveryFileInOneNdjsonCommit() throws Exception {
        repoCreated();
        allRegular();
        commitAccepted();

        HubPublication publication = publish();

        assertEquals("3f2a9c0d1e2b4a5c6d7e8f9a0b1c2d3e4f5a6b7c", publication.commitOid());
        assertEquals(hub.baseUrl() + "/datasets/" + REPO, publication.url());
        assertTrue(publication.createdRepo());
        hub.verify(1, postRequestedFor(urlEqualTo(CREATE))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(equalToJson("{\"type\":\"dataset\",\"name\":\"task-api\","
                        + "\"organization\":\"my-org\",\"private\":true}")));
        hub.verify(1, postRequestedFor(urlEqualTo(COMMIT)));
        LoggedRequest preupload = hub.findAll(postRequestedFor(urlEqualTo(PREUPLOAD))).get(0);
        JsonNode asked = Json.MAPPER.readTree(preupload.getBodyAsString()).path("files");
        assertEquals(3, asked.size());
        assertEquals(files.get("train.jsonl").getBytes(StandardCharsets.UTF_8).length,
                asked.get(1).path("size").asInt(), "size in bytes, not characters");

        LoggedRequest commit = hub.findAll(postRequestedFor(urlEqualTo(COMMIT))).get(0);
        assertEquals("application/x-ndjson", commit.getHeader("Content-Type"));
        assertEquals("Bearer " + TOKEN, commit.getHeader("Authorization"));
        List<String> lines = commit.getBodyAsString().lines().toList();
        assertEquals(1 + files.size(), lines.size(), "a header line and one line per file");
        JsonNode header = Json.MAPPER.readTree(lines.get(0));
        assertEquals("header", header.path("key").asText());
        assertEquals("Publish the SeedForge dataset task-api", header.path("value").path("summary").asText());
        Map<String, String> committed = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            JsonNode file = Json.MAPPER.readTree(line);
            assertEquals("file", file.path("key").asText());
            assertEquals("base64", file.path("value").path("encoding").asText());
            committed.put(file.path("value").path("path").asText(), new String(Base64.getDecoder().decode(
                    file.path("value").path("content").asText()), StandardCharsets.UTF_8));
        }
        assertEquals(files, committed, "every file, byte for byte");
        hub.verify(0, deleteRequestedFor(urlEqualTo(DELETE)));
    }

    @Test
    void anExistingRepoGetsTheCommitAndIsNotCreatedAgain() {
        hub.stubFor(post(CREATE).willReturn(aResponse().withStatus(409).withHeader("Content-Type",
                "application/json").withBody(
                        "{\"error\":\"You already created this dataset repo\",\"url\":\""
                                + hub.baseUrl() + "/datasets/" + REPO + "\"}")));
        allRegular();
        commitAccepted();

        HubPublication publication = publish();

        assertFalse(publication.createdRepo());
        hub.verify(1, postRequestedFor(urlEqualTo(COMMIT)));
    }

    @Test
    void aFailedCommitDeletesTheRepoThisPushCreatedAndNamesTheStepWithoutTheToken() {
        repoCreated();
        allRegular();
        hub.stubFor(post(COMMIT).willReturn(aResponse().withStatus(500).withHeader("Content-Type",
                "application/json").withBody(
                        "{\"error\":\"Internal Error - bad request with token " + TOKEN
                                + "\"}")));
        hub.stubFor(delete(DELETE).willReturn(aResponse().withStatus(200)));

        HubPublishException e = assertThrows(HubPublishException.class, this::publish);

        assertEquals("commit", e.step());
        assertTrue(e.getMessage().startsWith("committing 3 files to my-org/task-api failed: HTTP 500"),
                e.getMessage());
        assertTrue(e.getMessage().contains("the repository created for this push was deleted again"),
                e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN), "the token echoed by the Hub is masked: " + e.getMessage());
        assertTrue(e.getMessage().contains(HubPublisher.MASK), e.getMessage());
        hub.verify(1, deleteRequestedFor(urlEqualTo(DELETE)).withRequestBody(equalToJson(
                "{\"type\":\"dataset\",\"name\":\"task-api\",\"organization\":\"my-org\"}")));
    }

    @Test
    void aFailedCommitToAnExistingRepoLeavesItAsItWas() {
        hub.stubFor(post(CREATE).willReturn(aResponse().withStatus(409)
                .withBody("{\"error\":\"You already created this dataset repo\"}")));
        allRegular();
        hub.stubFor(post(COMMIT).willReturn(aResponse().withStatus(422).withHeader("X-Error-Message",
                "Invalid metadata in README.md.")));

        HubPublishException e = assertThrows(HubPublishException.class, this::publish);

        assertTrue(e.getMessage().contains("HTTP 422 Invalid metadata in README.md."), e.getMessage());
        assertTrue(e.getMessage().contains("existed before and keeps its earlier content"), e.getMessage());
        hub.verify(0, deleteRequestedFor(urlEqualTo(DELETE)));
    }

    @Test
    void aRefusedTokenStopsBeforeAnythingIsCreated() {
        hub.stubFor(post(CREATE).willReturn(aResponse().withStatus(401).withHeader("Content-Type",
                "application/json").withBody("{\"error\":\"Invalid credentials in Authorization header\"}")));

        HubPublishException e = assertThrows(HubPublishException.class, this::publish);

        assertEquals("create-repo", e.step());
        assertEquals("creating the dataset repository my-org/task-api failed: HTTP 401 Invalid credentials in"
                + " Authorization header (is HF_TOKEN a token with write access to this namespace?); nothing was"
                + " published", e.getMessage());
        hub.verify(0, postRequestedFor(urlEqualTo(PREUPLOAD)));
        hub.verify(0, postRequestedFor(urlEqualTo(COMMIT)));
    }

    @Test
    void aFileTheHubWantsThroughLfsIsNotCommittedAndTheNewRepoIsDeleted() {
        repoCreated();
        hub.stubFor(post(PREUPLOAD).willReturn(okJson("{\"files\":["
                + "{\"path\":\"README.md\",\"uploadMode\":\"regular\",\"shouldIgnore\":false},"
                + "{\"path\":\"train.jsonl\",\"uploadMode\":\"lfs\",\"shouldIgnore\":false},"
                + "{\"path\":\"validation.jsonl\",\"uploadMode\":\"regular\",\"shouldIgnore\":false}]}")));
        hub.stubFor(delete(DELETE).willReturn(aResponse().withStatus(200)));

        HubPublishException e = assertThrows(HubPublishException.class, this::publish);

        assertEquals("preupload", e.step());
        assertTrue(e.getMessage().contains("'train.jsonl'") && e.getMessage().contains("lfs"), e.getMessage());
        hub.verify(0, postRequestedFor(urlEqualTo(COMMIT)));
        hub.verify(1, deleteRequestedFor(urlEqualTo(DELETE)));
    }

    @Test
    void aRollbackThatFailsSaysToDeleteByHand() {
        repoCreated();
        allRegular();
        hub.stubFor(post(COMMIT).willReturn(aResponse().withStatus(503)));
        hub.stubFor(delete(DELETE).willReturn(aResponse().withStatus(403)
                .withBody("{\"error\":\"You don't have the rights to delete this repo\"}")));

        HubPublishException e = assertThrows(HubPublishException.class, this::publish);

        assertTrue(e.getMessage().contains("could not be deleted (HTTP 403 You don't have the rights"),
                e.getMessage());
        assertTrue(e.getMessage().contains("delete my-org/task-api by hand"), e.getMessage());
    }

    @Test
    void aFileAboveTheInlineLimitIsRefusedBeforeAnyRequest() throws Exception {
        Files.write(dir.resolve("train.jsonl"), new byte[(int) HubPublisher.MAX_INLINE_FILE_BYTES + 1]);

        HubPublishException e = assertThrows(HubPublishException.class, this::publish);

        assertEquals("files", e.step());
        assertTrue(e.getMessage().contains("'train.jsonl' has 10485761 bytes"), e.getMessage());
        assertEquals(0, hub.getAllServeEvents().size());
    }

    @Test
    void withoutATokenNothingIsSent() {
        HubPublisher anonymous = HubPublisher.fromEnvironment(Map.of("HF_ENDPOINT", hub.baseUrl()));

        HubPublishException e = assertThrows(HubPublishException.class, () -> anonymous.publish(
                new HubTarget(REPO, true), dir, List.copyOf(files.keySet()), "x"));

        assertEquals("token", e.step());
        assertTrue(e.getMessage().contains("HF_TOKEN"), e.getMessage());
        assertEquals(0, hub.getAllServeEvents().size());
        assertFalse(publisher.toString().contains(TOKEN));
    }

    @Test
    void aHubThatDoesNotAnswerIsNamed() {
        HubPublisher down = new HubPublisher("http://127.0.0.1:1", TOKEN, Duration.ofSeconds(5));

        HubPublishException e = assertThrows(HubPublishException.class, () -> down.publish(
                new HubTarget(REPO, true), dir, List.copyOf(files.keySet()), "x"));

        assertEquals("create-repo", e.step());
        assertTrue(e.getMessage().contains("http://127.0.0.1:1 did not answer"), e.getMessage());
    }

    @Test
    void filesOfADirectoryAreItsPlainVisibleFiles() throws Exception {
        Files.writeString(dir.resolve(".hidden"), "x");
        Files.createDirectory(dir.resolve("sub"));
        assertEquals(List.of("README.md", "train.jsonl", "validation.jsonl"), HubPublisher.filesOf(dir));
        assertThrows(IllegalArgumentException.class, () -> new HubTarget("not-a-repo", true));
    }
}
