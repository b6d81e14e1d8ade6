package dev.seedforge.support.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import dev.seedforge.contracts.Json;

/**
 * {@link AnthropicBatchClient} against WireMock speaking Anthropic's Message Batches wire format: create with inline
 * {@code {custom_id, params}}, retrieve, list with {@code after_id}, cancel, the results JSONL of each result type;
 * 429s waited out by {@code retry-after} or the {@code anthropic-ratelimit-*} reset, 5xx and malformed bodies thrown,
 * the key sent as {@code x-api-key} and never shown in an error.
 */
class AnthropicBatchClientTest {

    static final String KEY = "sk-ant-api03-batch-test-key-0123456789";
    static WireMockServer wireMock;
    AnthropicBatchClient client = new AnthropicBatchClient(Duration.ofSeconds(5));
    BatchApi.Endpoint endpoint;

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
        endpoint = new BatchApi.Endpoint(wireMock.baseUrl() + "/v1/", KEY);
    }

    static String batch(String id, String status, int processing, int succeeded, int errored, int canceled,
            int expired, String createdAt) {
        return """
                {"id": "%s", "type": "message_batch", "processing_status": "%s",
                 "request_counts": {"processing": %d, "succeeded": %d, "errored": %d, "canceled": %d, "expired": %d},
                 "ended_at": null, "created_at": "%s", "expires_at": "2026-12-04T12:00:00Z", "archived_at": null,
                 "cancel_initiated_at": null, "results_url": %s}
                """.formatted(id, status, processing, succeeded, errored, canceled, expired, createdAt,
                "ended".equals(status) ? "\"" + wireMock.baseUrl() + "/v1/messages/batches/" + id + "/results\""
                        : "null");
    }

    static List<BatchApi.Request> requests(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> new BatchApi.Request("call-" + i,
                Json.MAPPER.createObjectNode().put("model", "claude-haiku-4-5").put("max_tokens", 1024)
                        .set("messages", Json.MAPPER.createArrayNode().add(Json.MAPPER.createObjectNode()
                                .put("role", "user").put("content", "write " + i)))))
                .toList();
    }

    @Test
    void createSendsEveryRequestInlineWithTheKeyAndVersionHeaders() {
        wireMock.stubFor(post(urlEqualTo("/v1/messages/batches")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(batch("msgbatch_01", "in_progress", 2, 0, 0, 0, 0, "2026-12-03T12:00:00.123456Z"))));

        assertNull(client.stage(endpoint, "round-1", requests(2)), "nothing to upload");
        BatchApi.Status status = client.create(endpoint, null, requests(2), "24h", Map.of("ignored", "yes"));

        assertEquals("msgbatch_01", status.id());
        assertEquals("in_progress", status.status());
        assertFalse(status.ended());
        assertEquals(2, status.total());
        assertEquals(Instant.parse("2026-12-03T12:00:00.123456Z"), status.createdAt());
        wireMock.verify(postRequestedFor(urlEqualTo("/v1/messages/batches"))
                .withHeader("x-api-key", equalTo(KEY))
                .withHeader("anthropic-version", equalTo("2023-06-01"))
                .withHeader("content-type", equalTo("application/json"))
                .withRequestBody(matchingJsonPath("$.requests[1].custom_id", equalTo("call-1")))
                .withRequestBody(matchingJsonPath("$.requests[0].params.model", equalTo("claude-haiku-4-5")))
                .withRequestBody(matchingJsonPath("$.requests[0].params.messages[0].content", equalTo("write 0")))
                .withRequestBody(matchingJsonPath("$.requests.length()", equalTo("2"))));
        assertEquals(0, wireMock.findAll(postRequestedFor(urlEqualTo("/v1/messages/batches"))
                .withRequestBody(matchingJsonPath("$.metadata"))).size(), "Anthropic batches take no metadata");
    }

    @Test
    void getCountsEveryKindOfFailureAndEndsOnlyWhenEnded() {
        wireMock.stubFor(get(urlEqualTo("/v1/messages/batches/msgbatch_02")).willReturn(aResponse().withStatus(200)
                .withBody(batch("msgbatch_02", "ended", 0, 5, 1, 2, 3, "2026-12-03T12:00:00Z"))));
        wireMock.stubFor(get(urlEqualTo("/v1/messages/batches/msgbatch_03")).willReturn(aResponse().withStatus(200)
                .withBody(batch("msgbatch_03", "canceling", 4, 1, 0, 0, 0, "2026-12-03T12:00:00Z"))));

        BatchApi.Status ended = client.get(endpoint, "msgbatch_02");
        assertTrue(ended.ended());
        assertEquals(List.of(11, 5, 6), List.of(ended.total(), ended.succeeded(), ended.failed()));
        assertEquals(wireMock.baseUrl() + "/v1/messages/batches/msgbatch_02/results", ended.results());
        BatchApi.Status canceling = client.get(endpoint, "msgbatch_03");
        assertFalse(canceling.ended());
        assertEquals(5, canceling.total());
    }

    @Test
    void resultsAreReadPerCustomIdWithEachResultType() {
        wireMock.stubFor(get(urlEqualTo("/v1/messages/batches/msgbatch_04")).willReturn(aResponse().withStatus(200)
                .withBody(batch("msgbatch_04", "ended", 0, 1, 1, 1, 1, "2026-12-03T12:00:00Z"))));
        wireMock.stubFor(get(urlEqualTo("/v1/messages/batches/msgbatch_04/results")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/binary").withBody(
                        """
                                {"custom_id":"call-7","result":{"type":"succeeded","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5-20251001","content":[{"type":"text","text":"{\\"examples\\":[]}"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":100,"cache_creation_input_tokens":20,"cache_read_input_tokens":30,"output_tokens":40}}}}
                                {"custom_id":"call-8","result":{"type":"errored","error":{"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: too large"},"request_id":"req_1"}}}

                                {"custom_id":"call-9","result":{"type":"canceled"}}
                                {"custom_id":"call-10","result":{"type":"expired"}}
                                """)));

        List<BatchApi.Result> results = client.results(endpoint, client.get(endpoint, "msgbatch_04"));

        assertEquals(4, results.size());
        assertEquals("call-7", results.get(0).customId());
        assertTrue(results.get(0).succeeded());
        assertEquals(40, results.get(0).body().at("/usage/output_tokens").asInt());
        assertEquals("errored: invalid_request_error", results.get(1).error());
        assertEquals("canceled", results.get(2).error());
        assertEquals("expired", results.get(3).error());
        wireMock.verify(getRequestedFor(urlEqualTo("/v1/messages/batches/msgbatch_04/results"))
                .withHeader("x-api-key", equalTo(KEY)).withHeader("anthropic-version", equalTo("2023-06-01")));
        BatchApi.Status elsewhere = new BatchApi.Status("msgbatch_04", "ended", true, 4, 1, 3,
                "https://elsewhere.example/v1/messages/batches/msgbatch_04/results", null, null);
        assertEquals(4, client.results(endpoint, elsewhere).size(), "read at the endpoint, the key kept at home");
        wireMock.verify(2, getRequestedFor(urlEqualTo("/v1/messages/batches/msgbatch_04/results")));
    }

    @Test
    void cancelAsksTheProviderAndAnEndedBatchIsAnsweredAsItIs() {
        wireMock.stubFor(post(urlEqualTo("/v1/messages/batches/msgbatch_05/cancel")).willReturn(aResponse()
                .withStatus(200).withBody(batch("msgbatch_05", "canceling", 3, 1, 0, 0, 0, "2026-12-03T12:00:00Z"))));
        wireMock.stubFor(post(urlEqualTo("/v1/messages/batches/msgbatch_06/cancel")).willReturn(aResponse()
                .withStatus(400).withBody("""
                        {"type":"error","error":{"type":"invalid_request_error","message":"Batch has already ended"}}""")));
        wireMock.stubFor(get(urlEqualTo("/v1/messages/batches/msgbatch_06")).willReturn(aResponse().withStatus(200)
                .withBody(batch("msgbatch_06", "ended", 0, 4, 0, 0, 0, "2026-12-03T12:00:00Z"))));

        assertEquals("canceling", client.cancel(endpoint, "msgbatch_05").status());
        BatchApi.Status ended = client.cancel(endpoint, "msgbatch_06");
        assertTrue(ended.ended());
        assertEquals(4, ended.succeeded());
    }

    @Test
    void findAdoptsTheOneBatchSinceTheRoundWithItsRequestCountAcrossPages() {
        // newest first; page 1 holds a batch of another count and one claimed by another round
        wireMock.stubFor(get(urlPathEqualTo("/v1/messages/batches")).withQueryParam("limit", equalTo("100"))
                .withQueryParam("after_id", com.github.tomakehurst.wiremock.client.WireMock.absent())
                .willReturn(aResponse().withStatus(200).withBody("""
                        {"data": [%s, %s], "has_more": true, "first_id": "msgbatch_n1", "last_id": "msgbatch_n2"}
                        """.formatted(batch("msgbatch_n1", "in_progress", 7, 0, 0, 0, 0, "2026-12-03T12:10:00Z"),
                        batch("msgbatch_n2", "in_progress", 3, 0, 0, 0, 0, "2026-12-03T12:09:00Z")))));
        wireMock.stubFor(get(urlPathEqualTo("/v1/messages/batches")).withQueryParam("after_id", equalTo("msgbatch_n2"))
                .willReturn(aResponse().withStatus(200).withBody("""
                        {"data": [%s, %s], "has_more": true, "first_id": "msgbatch_mine", "last_id": "msgbatch_old"}
                        """.formatted(batch("msgbatch_mine", "in_progress", 2, 1, 0, 0, 0, "2026-12-03T12:05:00Z"),
                        batch("msgbatch_old", "ended", 0, 3, 0, 0, 0, "2026-12-02T08:00:00Z")))));

        Instant since = Instant.parse("2026-12-03T12:04:30Z");
        Optional<BatchApi.Status> found = client.find(endpoint, null, 3, since, Set.of("msgbatch_n2"));

        assertEquals("msgbatch_mine", found.orElseThrow().id());
        assertTrue(client.find(endpoint, null, 4, since, Set.of()).isEmpty(), "no batch of 4 requests");
        assertTrue(client.find(endpoint, null, 3, Instant.parse("2026-12-03T12:30:00Z"), Set.of()).isEmpty(),
                "none created since");
        wireMock.verify(0, getRequestedFor(urlPathEqualTo("/v1/messages/batches")).withQueryParam("after_id",
                equalTo("msgbatch_old")));
    }

    @Test
    void a429IsWaitedOutAsItsRetryAfterSays() {
        wireMock.stubFor(get(urlEqualTo("/v1/messages/batches/msgbatch_07")).inScenario("429")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(429)
                        .withHeader("retry-after", "1").withHeader("anthropic-ratelimit-requests-remaining", "0")
                        .withBody(
                                """
                                        {"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}}"""))
                .willSetStateTo("open"));
        wireMock.stubFor(get(urlEqualTo("/v1/messages/batches/msgbatch_07")).inScenario("429")
                .whenScenarioStateIs("open").willReturn(aResponse().withStatus(200)
                        .withBody(batch("msgbatch_07", "in_progress", 1, 0, 0, 0, 0, "2026-12-03T12:00:00Z"))));

        long start = System.nanoTime();
        assertEquals("msgbatch_07", client.get(endpoint, "msgbatch_07").id());
        assertTrue(System.nanoTime() - start >= 900_000_000L, "waited the second retry-after asked");
        wireMock.verify(2, getRequestedFor(urlEqualTo("/v1/messages/batches/msgbatch_07")));
    }

    @Test
    void a429WithoutRetryAfterWaitsForTheExhaustedLimitsResetAndTooLongAWaitIsThrown() {
        String reset = Instant.now().plusMillis(1500).toString();
        wireMock.stubFor(get(urlEqualTo("/v1/messages/batches/msgbatch_08")).inScenario("reset")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(429)
                        .withHeader("anthropic-ratelimit-requests-limit", "50")
                        .withHeader("anthropic-ratelimit-requests-remaining", "0")
                        .withHeader("anthropic-ratelimit-requests-reset", reset)
                        .withBody("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow\"}}"))
                .willSetStateTo("open"));
        wireMock.stubFor(get(urlEqualTo("/v1/messages/batches/msgbatch_08")).inScenario("reset")
                .whenScenarioStateIs("open").willReturn(aResponse().withStatus(200)
                        .withBody(batch("msgbatch_08", "in_progress", 1, 0, 0, 0, 0, "2026-12-03T12:00:00Z"))));
        wireMock.stubFor(get(urlEqualTo("/v1/messages/batches/msgbatch_09")).willReturn(aResponse().withStatus(429)
                .withHeader("retry-after", "600").withBody("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\"}}")));

        long start = System.nanoTime();
        assertEquals("msgbatch_08", client.get(endpoint, "msgbatch_08").id());
        assertTrue(System.nanoTime() - start >= 1_000_000_000L, "waited for the requests limit's reset");
        BatchApi.BatchApiException tooLong = assertThrows(BatchApi.BatchApiException.class,
                () -> client.get(endpoint, "msgbatch_09"));
        assertEquals(429, tooLong.status());
        assertTrue(tooLong.getMessage().contains("wait 600000 ms"), tooLong.getMessage());
        wireMock.verify(1, getRequestedFor(urlEqualTo("/v1/messages/batches/msgbatch_09")));
    }

    @Test
    void a5xxAndAMalformedBodyAreThrownWithTheKeyMasked() {
        wireMock.stubFor(post(urlEqualTo("/v1/messages/batches")).willReturn(aResponse().withStatus(529).withBody(
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded " + KEY
                        + "\"}}")));
        wireMock.stubFor(get(urlEqualTo("/v1/messages/batches/msgbatch_10")).willReturn(aResponse().withStatus(200)
                .withBody("<html>gateway " + KEY + "</html>")));
        wireMock.stubFor(get(urlEqualTo("/v1/messages/batches/msgbatch_11")).willReturn(aResponse().withStatus(200)
                .withBody("{\"id\": \"msgbatch_11\"}")));

        BatchApi.BatchApiException overloaded = assertThrows(BatchApi.BatchApiException.class,
                () -> client.create(endpoint, null, requests(1), "24h", Map.of()));
        assertEquals(529, overloaded.status());
        assertTrue(overloaded.getMessage().contains("overloaded_error"), overloaded.getMessage());
        assertFalse(overloaded.getMessage().contains(KEY), overloaded.getMessage());
        wireMock.verify(1, postRequestedFor(urlEqualTo("/v1/messages/batches")));
        BatchApi.BatchApiException html = assertThrows(BatchApi.BatchApiException.class,
                () -> client.get(endpoint, "msgbatch_10"));
        assertTrue(html.getMessage().contains("not JSON"), html.getMessage());
        assertFalse(html.getMessage().contains(KEY), html.getMessage());
        BatchApi.BatchApiException noStatus = assertThrows(BatchApi.BatchApiException.class,
                () -> client.get(endpoint, "msgbatch_11"));
        assertTrue(noStatus.getMessage().contains("not a message batch"), noStatus.getMessage());
        assertFalse(endpoint.toString().contains(KEY));
    }
}
