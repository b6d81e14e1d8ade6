package dev.seedforge.simulator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The Batch API's lifecycle, files and rates on a clock the test moves. */
class BatchQueueTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final AtomicLong now = new AtomicLong(1_800_000_000_000L);
    private final AtomicInteger answered = new AtomicInteger();
    private final FileStore files = new FileStore(42, now::get);

    private BatchQueue queue(BatchSettings settings) {
        return new BatchQueue(42, settings, files, (key, body) -> {
            answered.incrementAndGet();
            return new BatchQueue.LineAnswer(200, MAPPER.createObjectNode().put("object", "chat.completion")
                    .put("echo", body.path("n").asInt()), 10, 5);
        }, now::get);
    }

    private static String input(int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append("{\"custom_id\":\"req-").append(i).append("\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
                    + "\"body\":{\"n\":").append(i).append("}}\n");
        }
        return out.toString();
    }

    private String upload(String text) {
        return files.put("in.jsonl", FileStore.PURPOSE_BATCH, text).id();
    }

    private Map<String, Object> create(BatchQueue queue, String fileId) {
        return queue.create("sk-test", fileId, BatchQueue.ENDPOINT, BatchQueue.WINDOW, Map.of("round", "1"));
    }

    private static List<JsonNode> lines(FileStore files, Object fileId) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        if (fileId == null) {
            return out;
        }
        for (String line : files.get((String) fileId).orElseThrow().text().split("\n")) {
            out.add(MAPPER.readTree(line));
        }
        return out;
    }

    @Test
    void aBatchGoesThroughItsStatesAndItsOutputNeverChanges() throws Exception {
        BatchQueue queue = queue(new BatchSettings(10_000, 0, 0));
        Map<String, Object> batch = create(queue, upload(input(10)));
        String id = (String) batch.get("id");
        assertEquals("validating", batch.get("status"));
        assertEquals(Map.of("round", "1"), batch.get("metadata"));
        assertEquals((Long) batch.get("created_at") + 86_400, batch.get("expires_at"));

        now.addAndGet(5_000);
        assertEquals("in_progress", queue.get(id).orElseThrow().get("status"));
        assertEquals(0, answered.get(), "a poll answers nothing: it stays fast");
        queue.tick();
        Map<String, Object> half = queue.get(id).orElseThrow();
        assertEquals("in_progress", half.get("status"));
        long done = ((Number) counts(half).get("completed")).longValue();
        assertTrue(done > 0 && done < 10, "about half done at half time: " + done);
        assertEquals(done, answered.get(), "requests are answered as they are done, each once");

        now.addAndGet(2_000);
        queue.tick();
        assertTrue(answered.get() > done, "a tick answers what fell due: " + answered.get());

        now.addAndGet(2_500);
        queue.tick();
        assertEquals("finalizing", queue.get(id).orElseThrow().get("status"));
        now.addAndGet(1_000);
        queue.tick();
        Map<String, Object> completed = queue.get(id).orElseThrow();
        assertEquals("completed", completed.get("status"));
        assertNotNull(completed.get("completed_at"));
        assertNull(completed.get("error_file_id"));
        assertEquals(10L, ((Number) counts(completed).get("completed")).longValue());

        List<JsonNode> output = lines(files, completed.get("output_file_id"));
        Set<String> ids = new HashSet<>();
        for (JsonNode line : output) {
            assertTrue(ids.add(line.get("custom_id").asText()));
            assertEquals(200, line.at("/response/status_code").asInt());
            assertEquals(line.get("custom_id").asText(), "req-" + line.at("/response/body/echo").asInt());
            assertTrue(line.get("error").isNull());
            assertTrue(line.get("id").asText().startsWith("batch_req_"));
        }
        assertEquals(10, ids.size());

        now.addAndGet(60_000);
        queue.tick();
        assertEquals(completed, queue.get(id).orElseThrow(), "a finished batch reads the same twice");
        assertEquals(10, answered.get());
        assertEquals(10L, queue.stats().get("request_completions"));
        assertEquals(100L, queue.stats().get("prompt_tokens"));
    }

    @Test
    void badLinesFailTheBatchNamingLineAndField() {
        BatchQueue queue = queue(new BatchSettings(1_000, 0, 0));
        String text = input(2) + "not json\n"
                + "{\"custom_id\":\"req-0\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{}}\n"
                + "{\"custom_id\":\"x\",\"method\":\"GET\",\"url\":\"/v1/embeddings\"}\n";
        String id = (String) create(queue, upload(text)).get("id");
        now.addAndGet(200);
        Map<String, Object> failed = queue.get(id).orElseThrow();
        assertEquals("failed", failed.get("status"));
        assertNotNull(failed.get("failed_at"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) ((Map<String, Object>) failed.get("errors"))
                .get("data");
        List<String> found = errors.stream().map(e -> e.get("line") + ":" + e.get("param")).toList();
        assertEquals(List.of("3:null", "4:custom_id", "5:method", "5:url", "5:body"), found);
        assertEquals(0, answered.get());
    }

    @Test
    void createRefusesBadParametersNamingThem() {
        BatchQueue queue = queue(new BatchSettings(1_000, 0, 0));
        String file = upload(input(1));
        assertEquals("endpoint", assertThrows(BatchQueue.BatchApiException.class,
                () -> queue.create(null, file, "/v1/embeddings", "24h", null)).param());
        assertEquals("completion_window", assertThrows(BatchQueue.BatchApiException.class,
                () -> queue.create(null, file, BatchQueue.ENDPOINT, "1h", null)).param());
        BatchQueue.BatchApiException missing = assertThrows(BatchQueue.BatchApiException.class,
                () -> queue.create(null, "file-nope", BatchQueue.ENDPOINT, "24h", null));
        assertEquals(404, missing.status());
        assertEquals("input_file_id", missing.param());
    }

    @Test
    void failedRequestsGoToTheErrorFileAndExpiredBatchesEndTheirRestAsExpired() throws Exception {
        BatchQueue queue = queue(new BatchSettings(1_000, 0.2, 0.5));
        int expired = 0;
        int failedLines = 0;
        int lines = 0;
        for (int b = 0; b < 12; b++) {
            String id = (String) create(queue, upload(input(25))).get("id");
            now.addAndGet(1_000);
            queue.tick();
            Map<String, Object> batch = queue.get(id).orElseThrow();
            List<JsonNode> output = lines(files, batch.get("output_file_id"));
            List<JsonNode> errors = lines(files, batch.get("error_file_id"));
            Set<String> ids = new HashSet<>();
            output.forEach(l -> assertTrue(ids.add(l.get("custom_id").asText())));
            errors.forEach(l -> assertTrue(ids.add(l.get("custom_id").asText())));
            assertEquals(25, ids.size(), "every request once, in the output or the error file");
            assertEquals((long) output.size(), ((Number) counts(batch).get("completed")).longValue());
            assertEquals((long) errors.size(), ((Number) counts(batch).get("failed")).longValue());
            long expiredLines = errors.stream().filter(l -> l.at("/error/code").asText().equals("batch_expired"))
                    .peek(l -> assertTrue(l.get("response").isNull()))
                    .count();
            if ("expired".equals(batch.get("status"))) {
                expired++;
                assertNotNull(batch.get("expired_at"));
                assertTrue(expiredLines > 0);
            } else {
                assertEquals("completed", batch.get("status"));
                assertEquals(0, expiredLines);
            }
            for (JsonNode error : errors) {
                if (!error.get("response").isNull()) {
                    assertEquals(500, error.at("/response/status_code").asInt());
                    assertEquals("server_error", error.at("/response/body/error/type").asText());
                    assertTrue(error.get("error").isNull());
                    failedLines++;
                }
            }
            lines += 25 - (int) expiredLines;
        }
        assertTrue(expired >= 2 && expired <= 10, "about half of 12 batches expire: " + expired);
        double share = failedLines / (double) lines;
        assertTrue(share > 0.08 && share < 0.35, "about a fifth of the executed requests fail: " + share);
    }

    @Test
    void cancelKeepsWhatIsDoneAndCancelsTheRest() throws Exception {
        BatchQueue queue = queue(new BatchSettings(10_000, 0, 0));
        String id = (String) create(queue, upload(input(20))).get("id");
        now.addAndGet(5_000);
        queue.tick();
        Map<String, Object> cancelling = queue.cancel(id).orElseThrow();
        assertEquals("cancelling", cancelling.get("status"));
        assertNotNull(cancelling.get("cancelling_at"));
        now.addAndGet(1_000);
        queue.tick();
        Map<String, Object> cancelled = queue.get(id).orElseThrow();
        assertEquals("cancelled", cancelled.get("status"));
        List<JsonNode> output = lines(files, cancelled.get("output_file_id"));
        List<JsonNode> errors = lines(files, cancelled.get("error_file_id"));
        assertTrue(output.size() > 0 && output.size() < 20, "done lines kept: " + output.size());
        assertEquals(20, output.size() + errors.size());
        errors.forEach(e -> assertEquals("batch_cancelled", e.at("/error/code").asText()));
        assertEquals(output.size(), answered.get(), "nothing is answered after the cancel");
        assertEquals(409, assertThrows(BatchQueue.BatchApiException.class, () -> queue.cancel(id)).status());
    }

    @Test
    void aBatchWhoseAnswersLagStaysInProgressUntilTheyAreDone() {
        BatchQueue queue = queue(new BatchSettings(1_000, 0, 0));
        String id = (String) create(queue, upload(input(5))).get("id");
        now.addAndGet(5_000);
        assertEquals("in_progress", queue.get(id).orElseThrow().get("status"), "due, but nothing answered yet");
        queue.tick();
        assertEquals("completed", queue.get(id).orElseThrow().get("status"));
        assertEquals(5, answered.get());
    }

    @Test
    void settingsOutOfRangeAreRefusedNamingTheKey() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BatchSettings(-1, 0, 0)).getMessage()
                .contains("batch-completion-delay-ms"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BatchSettings(0, 1.5, 0)).getMessage()
                .contains("batch-failed-request-rate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BatchSettings(0, 0, -0.1)).getMessage()
                .contains("batch-expired-rate"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> counts(Map<String, Object> batch) {
        return (Map<String, Object>) batch.get("request_counts");
    }
}
