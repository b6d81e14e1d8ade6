package dev.seedforge.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.tokens.PriceTable;

/**
 * What {@link FaultsIT}'s batch-mode kill test reads besides the books: the simulator's batches and files, the
 * services' round tables and logs. Kept apart so that FaultsIT holds the scenario, not its plumbing.
 */
final class BatchChecks {

    /** gpt-4o-mini (the example's teacher and judge model) at OpenAI's batch discount. */
    static final PriceTable HALF = PriceTable.GPT_4O_MINI.times(0.5);
    /** Round numbers and ids in numeric order. */
    private static final Comparator<String> BY_NUMBER = Comparator.comparingLong(Long::parseLong);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final FaultPipeline pipeline;
    /** How long {@link #awaitRow} waits for its row. */
    private final Duration timeout;

    BatchChecks(FaultPipeline pipeline, Duration timeout) {
        this.pipeline = pipeline;
        this.timeout = timeout;
    }

    /** A row's columns as text, 1-based as in JDBC. */
    record Row(List<String> columns) {
        String text(int column) {
            return columns.get(column - 1);
        }
    }

    static boolean ended(JsonNode batch) {
        return Set.of("completed", "failed", "expired", "cancelled").contains(batch.path("status").asText());
    }

    JsonNode batch(String id) throws Exception {
        return pipeline.getJson(simulator(), "/v1/batches/" + id);
    }

    JsonNode simulatorStats() throws Exception {
        return pipeline.getJson(simulator(), "/simulator/stats");
    }

    /** Every batch the simulator holds, by id (listed newest first, a page at a time). */
    Map<String, JsonNode> simulatorBatches() throws Exception {
        Map<String, JsonNode> all = new LinkedHashMap<>();
        String after = null;
        while (true) {
            JsonNode page = pipeline.getJson(simulator(), "/v1/batches?limit=100" + (after == null ? ""
                    : "&after=" + after));
            page.path("data").forEach(batch -> all.put(batch.get("id").asText(), batch));
            if (!page.path("has_more").asBoolean()) {
                return all;
            }
            after = page.path("last_id").asText();
        }
    }

    /** The job's batches at the simulator whose metadata names a round under {@code key}: round to batch id. */
    static Map<String, String> byMetadata(Map<String, JsonNode> batches, String jobId, String key) {
        Map<String, String> rounds = new TreeMap<>(BY_NUMBER);
        for (JsonNode batch : batches.values()) {
            JsonNode metadata = batch.path("metadata");
            if (jobId.equals(metadata.path("seedforge_job").asText()) && metadata.hasNonNull(key)) {
                String previous = rounds.put(metadata.get(key).asText(), batch.get("id").asText());
                assertEquals(null, previous, "round " + metadata.get(key).asText() + " submitted twice: "
                        + previous + " and " + batch.get("id").asText());
            }
        }
        return rounds;
    }

    /** The cost of the answered lines of these batches, from the usage in their output files, at batch prices. */
    double usageUsd(Map<String, JsonNode> batches, Iterable<String> ids) throws Exception {
        double usd = 0;
        for (String id : ids) {
            JsonNode batch = batches.get(id);
            assertEquals("completed", batch.path("status").asText(), batch.toString());
            String content = text(simulator(), "/v1/files/" + batch.get("output_file_id").asText() + "/content");
            for (String line : content.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode usage = Json.MAPPER.readTree(line).at("/response/body/usage");
                usd += HALF.cost(usage.path("prompt_tokens").asLong(), usage.at("/prompt_tokens_details/cached_tokens")
                        .asLong(), usage.path("completion_tokens").asLong());
            }
        }
        return usd;
    }

    JsonNode report(String jobId) throws Exception {
        JsonNode dataset = pipeline.getJson(pipeline.exporter(), "/datasets/" + jobId);
        Path dir = Path.of(dataset.path("manifest").path("directory").asText());
        return Json.MAPPER.readTree(dir.resolve("quality_report.json").toFile());
    }

    /** Waits up to {@code timeout} until one of {@code services} has logged {@code text}; answers which. */
    Optional<String> logging(List<String> services, String text, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (String service : services) {
                Path log = pipeline.service(service).log();
                if (Files.exists(log) && Files.readString(log).contains(text)) {
                    return Optional.of(service);
                }
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }

    private static String text(URI base, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), "GET " + path + ": " + response.body());
        return response.body();
    }

    /** Polls (every 100 ms) until the query finds a row for the job. */
    Row awaitRow(String sql, String jobId) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            List<Row> rows = rows(sql, jobId);
            if (!rows.isEmpty()) {
                return rows.get(0);
            }
            var job = pipeline.job(jobId);
            assertFalse(job != null && job.status().terminal(), "the job ended " + job + " before: " + sql);
            Thread.sleep(100);
        }
        throw new AssertionError("no row within " + timeout + ": " + sql);
    }

    Row one(String sql, String jobId) throws Exception {
        List<Row> rows = rows(sql, jobId);
        assertEquals(1, rows.size(), sql);
        return rows.get(0);
    }

    Map<String, String> rounds(String sql, String jobId) throws Exception {
        Map<String, String> rounds = new TreeMap<>(BY_NUMBER);
        rows(sql, jobId).forEach(row -> rounds.put(row.text(1), row.text(2)));
        return rounds;
    }

    long number(String sql, String jobId) throws Exception {
        return Long.parseLong(one(sql, jobId).text(1));
    }

    double cost(String sql, String jobId) throws Exception {
        return Double.parseDouble(one(sql, jobId).text(1));
    }

    private List<Row> rows(String sql, String jobId) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (Connection db = pipeline.database(); PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, jobId);
            try (ResultSet result = statement.executeQuery()) {
                int width = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<String> columns = new ArrayList<>();
                    for (int c = 1; c <= width; c++) {
                        columns.add(result.getString(c));
                    }
                    rows.add(new Row(columns));
                }
            }
        }
        return rows;
    }

    private URI simulator() {
        return pipeline.service(FaultPipeline.SIMULATOR).base();
    }
}
