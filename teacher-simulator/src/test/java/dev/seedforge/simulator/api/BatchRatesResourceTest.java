package dev.seedforge.simulator.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Failed requests and expired batches at configured rates, over HTTP. */
@QuarkusTest
@TestProfile(BatchRatesResourceTest.Rates.class)
class BatchRatesResourceTest {

    /** A fifth of the requests fail, half of the batches expire, a batch takes half a second. */
    public static class Rates implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("simulator.batch-completion-delay-ms", "500", "simulator.batch-failed-request-rate", "0.2",
                    "simulator.batch-expired-rate", "0.5");
        }
    }

    @Test
    void failedLinesAndExpiredBatchesEndInTheErrorFileAsOpenAiWritesThem() throws Exception {
        given().post("/simulator/reset").then().statusCode(200);
        int expired = 0;
        int executed = 0;
        int failed = 0;
        for (int b = 0; b < 8; b++) {
            StringBuilder jsonl = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                jsonl.append(BatchApiResourceTest.line("b" + b + "-" + i, BatchApiResourceTest.plain(b * 100 + i)))
                        .append('\n');
            }
            String id = BatchApiResourceTest.createBatch(BatchApiResourceTest.upload(jsonl.toString()));
            Map<String, Object> batch = new HashMap<>();
            BatchApiResourceTest.pollUntilEnded(id, batch);
            List<JsonNode> output = BatchApiResourceTest.content(batch.get("output_file_id"));
            List<JsonNode> errors = BatchApiResourceTest.content(batch.get("error_file_id"));
            Set<String> ids = new HashSet<>();
            output.forEach(l -> assertTrue(ids.add(l.get("custom_id").asText())));
            errors.forEach(l -> assertTrue(ids.add(l.get("custom_id").asText())));
            assertEquals(20, ids.size(), "each request once, in the output or the error file");
            Map<?, ?> counts = (Map<?, ?>) batch.get("request_counts");
            assertEquals(output.size(), counts.get("completed"));
            assertEquals(errors.size(), counts.get("failed"));
            int expiredLines = 0;
            for (JsonNode error : errors) {
                if (error.get("response").isNull()) {
                    assertEquals("batch_expired", error.at("/error/code").asText());
                    assertTrue(error.at("/error/message").asText().contains("completion window"));
                    expiredLines++;
                } else {
                    assertTrue(error.get("error").isNull());
                    assertEquals(500, error.at("/response/status_code").asInt());
                    assertEquals("server_error", error.at("/response/body/error/type").asText());
                    failed++;
                }
            }
            if ("expired".equals(batch.get("status"))) {
                expired++;
                assertTrue(expiredLines > 0, "an expired batch leaves requests unexecuted");
            } else {
                assertEquals("completed", batch.get("status"));
                assertEquals(0, expiredLines);
            }
            executed += 20 - expiredLines;
        }
        assertTrue(expired >= 1 && expired <= 7, "about half of 8 batches expire: " + expired);
        double share = failed / (double) executed;
        assertTrue(share > 0.05 && share < 0.4, "about a fifth of the executed requests fail: " + share);
        Map<?, ?> stats = given().get("/simulator/stats").then().statusCode(200).extract().path("batch");
        assertEquals(expired, stats.get("expired"));
        assertEquals(failed, stats.get("request_errors"));
    }
}
