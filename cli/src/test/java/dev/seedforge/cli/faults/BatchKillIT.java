package dev.seedforge.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.cli.SeedforgeHome;
import dev.seedforge.contracts.Approval;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobSpecs;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.tokens.PriceTable;

/**
 * Batch mode ({@code mode: batch}, teacher and judge) under real kills: the packaged generator is killed -9 while its
 * teacher round's batch is running at the provider (the simulator, its batches taking {@link #BATCH_DELAY}), then the
 * validator holding a judge round's lease likewise (the other one stays up); each is started again at once. The job must
 * complete with exact
 * books ({@link Books}), the simulator must hold exactly one batch per stored round (no round submitted twice), no
 * real-time call, and the job's teacher and judge costs must be the batches' usage at batch prices, once.
 */
class BatchKillIT {

    /** Long enough for a kill to land while the batch runs, short enough for a quick suite. */
    private static final Duration BATCH_DELAY = Duration.ofSeconds(6);
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    /** gpt-4o-mini (the example's teacher and judge model) at OpenAI's batch discount. */
    private static final PriceTable HALF = PriceTable.GPT_4O_MINI.times(0.5);
    /** Round numbers and ids in numeric order. */
    private static final Comparator<String> BY_NUMBER = Comparator.comparingLong(Long::parseLong);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    static Path work;

    private static FaultPipeline pipeline;

    @AfterAll
    static void stopPipeline() {
        if (pipeline != null) {
            Instant stopping = Instant.now();
            pipeline.close();
            System.out.printf("[batch-kill] pipeline stopped in %d s%n", Duration.between(stopping, Instant.now())
                    .toSeconds());
        }
    }

    @Test
    void generatorAndValidatorKilledMidBatchResumeWithNoSecondSubmitAndNoDoubleCost() throws Exception {
        Instant started = Instant.now();
        pipeline = FaultPipeline.start(work,
                Map.of("simulator.batch-completion-delay-ms", String.valueOf(BATCH_DELAY.toMillis())),
                Map.of(FaultPipeline.GENERATOR, Map.of("generator.batch.poll-every", "500ms"),
                        // a killed validator's round is taken over once its lease (10 s here, 5 min by default) ran out
                        FaultPipeline.VALIDATOR, Map.of("validator.judge.batch.linger", "1s",
                                "validator.judge.batch.tick-every", "1s", "validator.judge.batch.poll-every", "500ms",
                                "validator.judge.batch.lease", "10s")));
        Instant up = Instant.now();
        System.out.printf("[batch-kill] pipeline up in %d s (simulator batches take %d s)%n",
                Duration.between(started, up).toSeconds(), BATCH_DELAY.toSeconds());

        JobSpec example = JobSpecs.load(SeedforgeHome.dir().resolve("examples/task-api/job.yaml"));
        String jobId = pipeline.submit(example.toBuilder().name("batch-kill").target(20).examplesPerCall(2)
                .approval(Approval.AUTO).budgetUsd(null).mode("batch")
                .task(example.task() + " (batch kill test " + System.nanoTime() + ")").build());

        // 1. the generator, killed while its teacher round's batch runs at the provider
        Row teacher = awaitRow("select round, batch_id from generator.batch_round where job_id = ?"
                + " and state = 'SUBMITTED' and batch_id is not null", jobId);
        String teacherBatch = teacher.text(2);
        JsonNode atKill = batch(teacherBatch);
        assertFalse(ended(atKill), "the kill must come while the batch runs: " + atKill);
        long generatorPid = pipeline.service(FaultPipeline.GENERATOR).pid();
        Duration generatorGone = pipeline.killAndRestart(FaultPipeline.GENERATOR);
        System.out.printf("[batch-kill] kill -9 of %s (pid %d) with teacher round %s SUBMITTED as %s (%s, %d of %d"
                + " requests done); restarted and ready after %d s%n", FaultPipeline.GENERATOR, generatorPid,
                teacher.text(1), teacherBatch, atKill.path("status").asText(),
                atKill.at("/request_counts/completed").asInt(), atKill.at("/request_counts/total").asInt(),
                generatorGone.toSeconds());

        // 2. the validator holding a judge round's lease, killed while its batch runs
        Row judge = awaitRow("select id, batch_id from validator.judge_round where job_id = ?"
                + " and state = 'SUBMITTED' and batch_id is not null", jobId);
        String judgeRound = judge.text(1);
        String judgeBatch = judge.text(2);
        // the holder is the instance that logged the submit (the owner column holds a random id per process); should
        // no log say so (its wording changed), both validators are killed
        List<String> validators = List.of(FaultPipeline.VALIDATOR, FaultPipeline.VALIDATOR_B);
        List<String> holders = logging(validators, "judge batch round " + judgeRound + " submitted as " + judgeBatch,
                Duration.ofSeconds(5)).map(List::of).orElse(validators);
        JsonNode judgeAtKill = batch(judgeBatch);
        assertFalse(ended(judgeAtKill), "the kill must come while the judge's batch runs: " + judgeAtKill);
        List<Long> validatorPids = new ArrayList<>();
        Instant validatorKilled = Instant.now();
        for (String holder : holders) {
            validatorPids.add(pipeline.service(holder).pid());
            pipeline.service(holder).kill();
        }
        pipeline.startAll(holders);
        System.out.printf("[batch-kill] kill -9 of %s (pids %s), holding judge round %s SUBMITTED as %s (%s);"
                + " restarted and ready after %d s%n", holders, validatorPids, judgeRound, judgeBatch,
                judgeAtKill.path("status").asText(), Duration.between(validatorKilled, Instant.now()).toSeconds());

        Instant killsDone = Instant.now();
        pipeline.awaitJob(jobId, "COMPLETED", TIMEOUT, job -> job.status() == JobStatus.COMPLETED);
        Books.Figures figures = Books.check(pipeline, jobId);
        System.out.println("[batch-kill] job " + jobId + " COMPLETED " + Duration.between(killsDone, Instant.now())
                .toSeconds() + " s after the second restart; " + figures.line());

        // the killed rounds were taken up, not made again
        Row teacherEnded = one("select state, batch_id, requests, booked from generator.batch_round where job_id = ?"
                + " and round = " + teacher.text(1), jobId);
        assertEquals(List.of("ENDED", teacherBatch), List.of(teacherEnded.text(1), teacherEnded.text(2)),
                "the killed generator's round ended on its own batch");
        assertEquals(teacherEnded.text(3), teacherEnded.text(4), "every request of the killed round booked");
        Row judgeEnded = one("select state, batch_id, candidates, judged, left_over from validator.judge_round"
                + " where job_id = ? and id = " + judgeRound, jobId);
        assertEquals(List.of("ENDED", judgeBatch), List.of(judgeEnded.text(1), judgeEnded.text(2)),
                "the killed validator's round ended on its own batch");
        assertEquals(judgeEnded.text(3), judgeEnded.text(4), "every candidate of the killed round judged");
        String booker = logging(validators, "judge batch round " + judgeRound + " completed:", Duration.ofSeconds(5))
                .orElse("(no log says)");

        // one batch per stored round at the provider, and nothing else
        Map<String, JsonNode> batches = simulatorBatches();
        Map<String, String> teacherRounds = rounds("select round, batch_id from generator.batch_round"
                + " where job_id = ? and batch_id is not null", jobId);
        Map<String, String> judgeRounds = rounds("select id, batch_id from validator.judge_round"
                + " where job_id = ? and batch_id is not null", jobId);
        assertEquals(teacherRounds, byMetadata(batches, jobId, "seedforge_round"),
                "exactly one teacher batch per stored round, the stored one");
        assertEquals(judgeRounds, byMetadata(batches, jobId, "seedforge_judge_round"),
                "exactly one judge batch per stored round, the stored one");
        assertEquals(teacherRounds.size() + judgeRounds.size(), batches.size(), "no other batch: " + batches.keySet());
        JsonNode stats = pipeline.getJson(pipeline.service(FaultPipeline.SIMULATOR).base(), "/simulator/stats");
        assertEquals(batches.size(), stats.at("/batch/batches").asInt(), "the simulator's count: " + stats);
        assertEquals(0, stats.path("requests").asLong(), "no real-time call: " + stats);
        long storedRequests = number("select coalesce(sum(requests), 0) from generator.batch_round where job_id = ?",
                jobId) + number("select coalesce(sum(requests), 0) from validator.judge_round where job_id = ?", jobId);
        assertEquals(storedRequests, stats.at("/batch/requests").asLong(), "each request sent in one batch once");

        // the job's costs are its batches' usage at batch prices, once
        double teacherUsd = usageUsd(batches, teacherRounds.values());
        double judgeUsd = usageUsd(batches, judgeRounds.values());
        JsonNode usage = pipeline.getJson(pipeline.generator(), "/jobs/" + jobId + "/usage");
        assertEquals(teacherUsd, usage.get("costUsd").asDouble(), 1e-9, "the teacher paid once: " + usage);
        assertEquals(teacherUsd, figures.generationUsd(), 1e-9, "the report's generation cost");
        assertEquals(teacherUsd, cost("select coalesce(sum(cost_usd), 0) from generator.batch_round"
                + " where job_id = ?", jobId), 1e-9, "the generator's rounds' costs");
        JsonNode report = report(jobId);
        assertEquals(judgeUsd, report.at("/cost/judgeUsd").asDouble(), 1e-9, "the report's judge cost");
        assertEquals(judgeUsd, cost("select coalesce(sum(cost_usd), 0) from validator.judge_round where job_id = ?",
                jobId), 1e-9, "the validators' rounds' costs");
        assertTrue(teacherUsd > 0 && judgeUsd > 0);

        System.out.printf(Locale.ROOT, "[batch-kill] checked: %d teacher rounds %s and %d judge rounds %s, one batch"
                + " each at the simulator (%d batches, %d requests, 0 real-time); judge round %s booked by %s;"
                + " teacher $%.6f and judge $%.6f, each the batches' usage at half price; %d s in all%n",
                teacherRounds.size(), teacherRounds, judgeRounds.size(), judgeRounds, batches.size(),
                stats.at("/batch/requests").asLong(), judgeRound, booker, teacherUsd, judgeUsd,
                Duration.between(started, Instant.now()).toSeconds());
    }

    private static boolean ended(JsonNode batch) {
        return Set.of("completed", "failed", "expired", "cancelled").contains(batch.path("status").asText());
    }

    private static JsonNode batch(String id) throws Exception {
        return pipeline.getJson(pipeline.service(FaultPipeline.SIMULATOR).base(), "/v1/batches/" + id);
    }

    /** Every batch the simulator holds, by id (listed newest first, a page at a time). */
    private static Map<String, JsonNode> simulatorBatches() throws Exception {
        Map<String, JsonNode> all = new LinkedHashMap<>();
        String after = null;
        while (true) {
            JsonNode page = pipeline.getJson(pipeline.service(FaultPipeline.SIMULATOR).base(),
                    "/v1/batches?limit=100" + (after == null ? "" : "&after=" + after));
            page.path("data").forEach(batch -> all.put(batch.get("id").asText(), batch));
            if (!page.path("has_more").asBoolean()) {
                return all;
            }
            after = page.path("last_id").asText();
        }
    }

    /** The job's batches at the simulator whose metadata names a round under {@code key}: round to batch id. */
    private static Map<String, String> byMetadata(Map<String, JsonNode> batches, String jobId, String key) {
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
    private static double usageUsd(Map<String, JsonNode> batches, Iterable<String> ids) throws Exception {
        double usd = 0;
        for (String id : ids) {
            JsonNode batch = batches.get(id);
            assertEquals("completed", batch.path("status").asText(), batch.toString());
            String content = text(pipeline.service(FaultPipeline.SIMULATOR).base(), "/v1/files/"
                    + batch.get("output_file_id").asText() + "/content");
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

    private static JsonNode report(String jobId) throws Exception {
        JsonNode dataset = pipeline.getJson(pipeline.exporter(), "/datasets/" + jobId);
        Path dir = Path.of(dataset.path("manifest").path("directory").asText());
        return Json.MAPPER.readTree(dir.resolve("quality_report.json").toFile());
    }

    /** Waits up to {@code timeout} until one of {@code services} has logged {@code text}; answers which. */
    private static Optional<String> logging(List<String> services, String text, Duration timeout) throws Exception {
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

    /** A row's columns as text, 1-based as in JDBC. */
    private record Row(List<String> columns) {
        String text(int column) {
            return columns.get(column - 1);
        }
    }

    /** Polls (every 100 ms) until the query finds a row for the job. */
    private static Row awaitRow(String sql, String jobId) throws Exception {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            List<Row> rows = rows(sql, jobId);
            if (!rows.isEmpty()) {
                return rows.get(0);
            }
            var job = pipeline.job(jobId);
            assertFalse(job != null && job.status().terminal(), "the job ended " + job + " before: " + sql);
            Thread.sleep(100);
        }
        throw new AssertionError("no row within " + TIMEOUT + ": " + sql);
    }

    private static Row one(String sql, String jobId) throws Exception {
        List<Row> rows = rows(sql, jobId);
        assertEquals(1, rows.size(), sql);
        return rows.get(0);
    }

    private static Map<String, String> rounds(String sql, String jobId) throws Exception {
        Map<String, String> rounds = new TreeMap<>(BY_NUMBER);
        rows(sql, jobId).forEach(row -> rounds.put(row.text(1), row.text(2)));
        return rounds;
    }

    private static long number(String sql, String jobId) throws Exception {
        return Long.parseLong(one(sql, jobId).text(1));
    }

    private static double cost(String sql, String jobId) throws Exception {
        return Double.parseDouble(one(sql, jobId).text(1));
    }

    private static List<Row> rows(String sql, String jobId) throws Exception {
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
}
