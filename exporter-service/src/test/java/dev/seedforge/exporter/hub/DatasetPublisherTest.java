package dev.seedforge.exporter.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.ExportSpec;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.Json;
import dev.seedforge.exporter.config.HubConfig;
import dev.seedforge.exporter.domain.DatasetExporter;
import dev.seedforge.exporter.domain.ExportJob;
import dev.seedforge.exporter.domain.ExportResult;
import dev.seedforge.exporter.domain.Outcome;
import dev.seedforge.exporter.domain.OutcomeStatus;
import dev.seedforge.exporter.domain.QualityGate;

/**
 * A written dataset with {@code export.hub} pushed to a WireMock of the Hub: every file of the dataset in one commit,
 * the card's YAML configs naming files of that commit (what the Hub's viewer reads), and a failed push reported as a
 * note that names the repository and the step, without the token.
 */
class DatasetPublisherTest {

    private static final String TOKEN = "hf_ExporterTestToken_abcdefghijklmnop";
    private static final String COMMIT = "/api/datasets/my-org/task-api/commit/main";

    @TempDir
    Path output;

    private WireMockServer hub;

    @BeforeEach
    void start() {
        hub = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        hub.start();
        hub.stubFor(post("/api/repos/create").willReturn(okJson("{\"url\":\"" + hub.baseUrl()
                + "/datasets/my-org/task-api\",\"name\":\"my-org/task-api\"}")));
        hub.stubFor(post("/api/datasets/my-org/task-api/preupload/main").willReturn(okJson(
                "{\"files\":[]}")));
        hub.stubFor(delete("/api/repos/delete").willReturn(aResponse().withStatus(200)));
    }

    @AfterEach
    void stop() {
        hub.stop();
    }

    private DatasetPublisher publisher(String token) {
        return new DatasetPublisher(new HubConfig() {
            @Override
            public String endpoint() {
                return hub.baseUrl();
            }

            @Override
            public Optional<String> token() {
                return Optional.ofNullable(token);
            }
        });
    }

    private static ExportJob job(ExportSpec.HubSpec hubSpec) {
        JobSpec spec = JobSpec.builder().name("task-api").task("Manage tasks.").format(ExampleFormat.OPENAI)
                .target(10).validationRatio(0.2).randomSeed(3L)
                .seeds(List.of(new Conversation(List.of(ChatTurn.of(ChatTurn.USER, "hi"),
                        ChatTurn.of(ChatTurn.ASSISTANT, "hello")))))
                .export(new ExportSpec(List.of(ExampleFormat.SHAREGPT), null, null, hubSpec)).build().withDefaults();
        return ExportJob.of("job-h", spec, null, 10);
    }

    private ExportResult write(ExportJob job) {
        List<Outcome> outcomes = new ArrayList<>();
        for (int n = 1; n <= 10; n++) {
            String example = "{\"messages\":[{\"role\":\"user\",\"content\":\"Create task " + n + "\"},"
                    + "{\"role\":\"assistant\",\"content\":\"Created task: 'Task " + n + "'\"}]}";
            outcomes.add(new Outcome(String.format("job-h-%03d", n), "job-h", "all", OutcomeStatus.ACCEPTED,
                    example, List.of(), null, null, null, 0.001, 0.0));
        }
        return DatasetExporter.create(output, QualityGate.defaults()).export(job, outcomes);
    }

    @Test
    void aJobWithoutHubIsNotPushed() {
        ExportJob job = job(null);
        assertNull(publisher(TOKEN).publishIfAsked(job, write(job)));
        assertEquals(0, hub.getAllServeEvents().size());
    }

    @Test
    void everyFileOfTheDatasetGoesInOneCommitAndTheCardNamesItsSplits() throws Exception {
        hub.stubFor(post(COMMIT).willReturn(okJson("{\"success\":true,\"commitOid\":\"abc123\",\"commitUrl\":\""
                + hub.baseUrl() + "/datasets/my-org/task-api/commit/abc123\"}")));
        ExportJob job = job(new ExportSpec.HubSpec("my-org/task-api", null));
        ExportResult result = write(job);

        assertNull(publisher(TOKEN).publishIfAsked(job, result));

        hub.verify(1, postRequestedFor(urlEqualTo("/api/repos/create")).withRequestBody(equalToJson(
                "{\"type\":\"dataset\",\"name\":\"task-api\",\"organization\":\"my-org\",\"private\":true}")));
        List<String> lines = hub.findAll(postRequestedFor(urlEqualTo(COMMIT))).get(0).getBodyAsString().lines()
                .toList();
        Set<String> committed = new HashSet<>();
        String card = null;
        for (String line : lines.subList(1, lines.size())) {
            JsonNode value = Json.MAPPER.readTree(line).path("value");
            committed.add(value.path("path").asText());
            if ("README.md".equals(value.path("path").asText())) {
                card = new String(java.util.Base64.getDecoder().decode(value.path("content").asText()),
                        java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        assertEquals(new HashSet<>(result.fileNames()), committed);
        assertTrue(committed.containsAll(List.of("axolotl.yaml", "train_trl.py", "dataset_info.json")));
        String header = card.substring(4, card.indexOf("\n---\n", 4));
        JsonNode configs = new YAMLMapper().readTree(header).path("configs");
        assertEquals("default", configs.get(0).path("config_name").asText());
        Set<String> splits = new HashSet<>();
        for (JsonNode config : configs) {
            for (JsonNode file : config.path("data_files")) {
                splits.add(file.path("split").asText());
                assertTrue(committed.contains(file.path("path").asText()), "the viewer's file is in the commit: "
                        + file);
            }
        }
        assertEquals(Set.of("train", "validation"), splits);
    }

    @Test
    void aFailedPushIsANoteNamingRepoAndStepWithoutTheToken() {
        hub.stubFor(post(COMMIT).willReturn(aResponse().withStatus(500)
                .withBody("{\"error\":\"commit failed for Bearer " + TOKEN + "\"}")));
        ExportJob job = job(new ExportSpec.HubSpec("my-org/task-api", true));

        String problem = publisher(TOKEN).publishIfAsked(job, write(job));

        assertTrue(problem.startsWith("hub push to my-org/task-api failed: committing"), problem);
        assertTrue(problem.contains("deleted again"), problem);
        assertFalse(problem.contains(TOKEN), problem);
        hub.verify(1, deleteRequestedFor(urlEqualTo("/api/repos/delete")));
    }

    @Test
    void withoutHfTokenThePushIsANoteAndNothingIsSent() {
        ExportJob job = job(new ExportSpec.HubSpec("my-org/task-api", true));

        String problem = publisher(null).publishIfAsked(job, write(job));

        assertTrue(problem.contains("HF_TOKEN"), problem);
        assertEquals(0, hub.getAllServeEvents().size());
    }
}
