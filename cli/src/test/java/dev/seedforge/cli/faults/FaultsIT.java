package dev.seedforge.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.cli.SeedforgeHome;
import dev.seedforge.cli.faults.BatchChecks.Row;
import dev.seedforge.contracts.Approval;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobSpecs;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.JobView;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.Topics;
import dev.seedforge.localstack.LocalStack;
import dev.seedforge.testsupport.KafkaTopics;

/**
 * Faults in the middle of real jobs, on the packaged services running as separate processes over a real broker and
 * database: each job must still end COMPLETED with exact books ({@link Books}). Each test prints one line per fault it
 * injected and what it checked; the suite's summary is printed last. One pipeline serves every test, batch mode's
 * kills included: a second pipeline of their own cost the suite a start and a stop (50 s to over 3 minutes here, by the
 * machine's load).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {

    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(6);
    /** Small jobs the teacher-fault test may run until every fault it injects has struck at least once. */
    private static final int MAX_FAULT_JOBS = 3;
    private static final Path HOME = SeedforgeHome.dir();
    /** Long enough for a kill to land while a batch runs at the simulator, short enough for a quick suite. */
    private static final Duration BATCH_DELAY = Duration.ofSeconds(6);
    /** The batch-mode test's wait for a round and for its job. */
    private static final Duration BATCH_TIMEOUT = Duration.ofMinutes(5);
    /**
     * Batch mode's settings for the batch-mode test: each acts only on batch-mode work (the simulator's batches, the
     * generator's teacher rounds, the validators' judge rounds; their round timer ticks every second instead of two,
     * finding nothing to do without a batch-mode job), so the real-time tests run as without them.
     */
    private static final Map<String, String> BATCH_SIMULATOR = Map.of("simulator.batch-completion-delay-ms",
            String.valueOf(BATCH_DELAY.toMillis()));
    private static final Map<String, Map<String, String>> BATCH_SERVICES = Map.of(
            FaultPipeline.GENERATOR, Map.of("generator.batch.poll-every", "500ms"),
            // a killed validator's round is taken over once its lease (10 s here, 5 min by default) ran out
            FaultPipeline.VALIDATOR, Map.of("validator.judge.batch.linger", "1s", "validator.judge.batch.tick-every",
                    "1s", "validator.judge.batch.poll-every", "500ms", "validator.judge.batch.lease", "10s"));

    @TempDir
    static Path work;

    private static FaultPipeline pipeline;
    private static JobSpec small;
    private static final List<String> injected = new ArrayList<>();
    private static final List<String> survived = new ArrayList<>();
    private static long recordsLost;
    private static long jobsChecked;
    private static int jobsSubmitted;
    private static Instant suiteStarted;
    private static Duration pipelineUp;

    @BeforeAll
    static void startPipeline() throws Exception {
        JobSpec example = JobSpecs.load(HOME.resolve("examples/task-api/job.yaml"));
        small = example.toBuilder().name("faults").target(30).examplesPerCall(2).approval(Approval.AUTO)
                .budgetUsd(null).build();
        Instant started = Instant.now();
        suiteStarted = started;
        pipeline = FaultPipeline.start(work, BATCH_SIMULATOR, BATCH_SERVICES);
        pipelineUp = Duration.between(started, Instant.now());
        System.out.printf("[faults] pipeline up in %d s: local stack in this JVM (Kafka %s, PostgreSQL %s),"
                + " simulator and five service processes (two validators)%n", pipelineUp.toSeconds(),
                pipeline.stack.kafkaBootstrapServers(), pipeline.stack.postgresJdbcUrl());
    }

    @AfterAll
    static void stopPipeline() {
        if (pipeline != null) {
            Instant stopping = Instant.now();
            pipeline.close();
            System.out.printf("[faults] pipeline stopped in %d s%n", Duration.between(stopping, Instant.now())
                    .toSeconds());
        }
        System.out.printf("[faults] SUMMARY: faults injected %d, survived %d, jobs checked %d, records lost %d, in %d s%n",
                injected.size() + survived.size(), survived.size(), jobsChecked, recordsLost,
                suiteStarted == null ? 0 : Duration.between(suiteStarted, Instant.now()).toSeconds());
    }

    /**
     * Batch mode ({@code mode: batch}, teacher and judge) under real kills: the generator is killed -9 while its teacher
     * round's batch is running at the provider (the simulator, its batches taking {@link #BATCH_DELAY}), then the
     * validator holding a judge round's lease likewise (the other one stays up); each is started again at once. The job
     * must complete with exact books ({@link Books}), the simulator must hold exactly one batch per stored round (no
     * round submitted twice), no real-time call, and the job's teacher and judge costs must be the batches' usage at
     * batch prices, once. First, while the simulator has served no other test: its counts are this job's alone.
     */
    @Test
    @Order(0)
    void batchModeGeneratorAndValidatorKilledMidBatchResumeWithNoSecondSubmitAndNoDoubleCost() throws Exception {
        Instant started = Instant.now();
        BatchChecks checks = new BatchChecks(pipeline, BATCH_TIMEOUT);
        System.out.printf("[batch-kill] pipeline up in %d s (simulator batches take %d s)%n", pipelineUp.toSeconds(),
                BATCH_DELAY.toSeconds());

        JobSpec example = JobSpecs.load(HOME.resolve("examples/task-api/job.yaml"));
        String jobId = pipeline.submit(example.toBuilder().name("batch-kill").target(20).examplesPerCall(2)
                .approval(Approval.AUTO).budgetUsd(null).mode("batch")
                .task(example.task() + " (batch kill test " + System.nanoTime() + ")").build());

        // 1. the generator, killed while its teacher round's batch runs at the provider
        Row teacher = checks.awaitRow("select round, batch_id from generator.batch_round where job_id = ?"
                + " and state = 'SUBMITTED' and batch_id is not null", jobId);
        String teacherBatch = teacher.text(2);
        JsonNode atKill = checks.batch(teacherBatch);
        assertFalse(BatchChecks.ended(atKill), "the kill must come while the batch runs: " + atKill);
        long generatorPid = pipeline.service(FaultPipeline.GENERATOR).pid();
        Duration generatorGone = pipeline.killAndRestart(FaultPipeline.GENERATOR);
        batchFault(String.format("kill -9 of %s (pid %d) with teacher round %s SUBMITTED as %s (%s, %d of %d"
                + " requests done); restarted and ready after %d s", FaultPipeline.GENERATOR, generatorPid,
                teacher.text(1), teacherBatch, atKill.path("status").asText(),
                atKill.at("/request_counts/completed").asInt(), atKill.at("/request_counts/total").asInt(),
                generatorGone.toSeconds()));

        // 2. the validator holding a judge round's lease, killed while its batch runs
        Row judge = checks.awaitRow("select id, batch_id from validator.judge_round where job_id = ?"
                + " and state = 'SUBMITTED' and batch_id is not null", jobId);
        String judgeRound = judge.text(1);
        String judgeBatch = judge.text(2);
        // the holder is the instance that logged the submit (the owner column holds a random id per process); should
        // no log say so (its wording changed), both validators are killed
        List<String> validators = List.of(FaultPipeline.VALIDATOR, FaultPipeline.VALIDATOR_B);
        List<String> holders = checks.logging(validators, "judge batch round " + judgeRound + " submitted as "
                + judgeBatch, Duration.ofSeconds(5)).map(List::of).orElse(validators);
        JsonNode judgeAtKill = checks.batch(judgeBatch);
        assertFalse(BatchChecks.ended(judgeAtKill), "the kill must come while the judge's batch runs: " + judgeAtKill);
        List<Long> validatorPids = new ArrayList<>();
        Instant validatorKilled = Instant.now();
        for (String holder : holders) {
            validatorPids.add(pipeline.service(holder).pid());
            pipeline.service(holder).kill();
        }
        pipeline.startAll(holders);
        batchFault(String.format("kill -9 of %s (pids %s), holding judge round %s SUBMITTED as %s (%s);"
                + " restarted and ready after %d s", holders, validatorPids, judgeRound, judgeBatch,
                judgeAtKill.path("status").asText(), Duration.between(validatorKilled, Instant.now()).toSeconds()));

        Instant killsDone = Instant.now();
        pipeline.awaitJob(jobId, "COMPLETED", BATCH_TIMEOUT, job -> job.status() == JobStatus.COMPLETED);
        Books.Figures figures = checkBooks(jobId);
        System.out.println("[batch-kill] job " + jobId + " COMPLETED " + Duration.between(killsDone, Instant.now())
                .toSeconds() + " s after the second restart; " + figures.line());

        // the killed rounds were taken up, not made again
        Row teacherEnded = checks.one("select state, batch_id, requests, booked from generator.batch_round"
                + " where job_id = ? and round = " + teacher.text(1), jobId);
        assertEquals(List.of("ENDED", teacherBatch), List.of(teacherEnded.text(1), teacherEnded.text(2)),
                "the killed generator's round ended on its own batch");
        assertEquals(teacherEnded.text(3), teacherEnded.text(4), "every request of the killed round booked");
        Row judgeEnded = checks.one("select state, batch_id, candidates, judged, left_over from validator.judge_round"
                + " where job_id = ? and id = " + judgeRound, jobId);
        assertEquals(List.of("ENDED", judgeBatch), List.of(judgeEnded.text(1), judgeEnded.text(2)),
                "the killed validator's round ended on its own batch");
        assertEquals(judgeEnded.text(3), judgeEnded.text(4), "every candidate of the killed round judged");
        String booker = checks.logging(validators, "judge batch round " + judgeRound + " completed:",
                Duration.ofSeconds(5)).orElse("(no log says)");

        // one batch per stored round at the provider, and nothing else
        Map<String, JsonNode> batches = checks.simulatorBatches();
        Map<String, String> teacherRounds = checks.rounds("select round, batch_id from generator.batch_round"
                + " where job_id = ? and batch_id is not null", jobId);
        Map<String, String> judgeRounds = checks.rounds("select id, batch_id from validator.judge_round"
                + " where job_id = ? and batch_id is not null", jobId);
        assertEquals(teacherRounds, BatchChecks.byMetadata(batches, jobId, "seedforge_round"),
                "exactly one teacher batch per stored round, the stored one");
        assertEquals(judgeRounds, BatchChecks.byMetadata(batches, jobId, "seedforge_judge_round"),
                "exactly one judge batch per stored round, the stored one");
        assertEquals(teacherRounds.size() + judgeRounds.size(), batches.size(), "no other batch: " + batches.keySet());
        JsonNode stats = checks.simulatorStats();
        assertEquals(batches.size(), stats.at("/batch/batches").asInt(), "the simulator's count: " + stats);
        assertEquals(0, stats.path("requests").asLong(), "no real-time call: " + stats);
        long storedRequests = checks.number("select coalesce(sum(requests), 0) from generator.batch_round"
                + " where job_id = ?", jobId) + checks.number(
                        "select coalesce(sum(requests), 0)"
                                + " from validator.judge_round where job_id = ?",
                        jobId);
        assertEquals(storedRequests, stats.at("/batch/requests").asLong(), "each request sent in one batch once");

        // the job's costs are its batches' usage at batch prices, once
        double teacherUsd = checks.usageUsd(batches, teacherRounds.values());
        double judgeUsd = checks.usageUsd(batches, judgeRounds.values());
        JsonNode usage = pipeline.getJson(pipeline.generator(), "/jobs/" + jobId + "/usage");
        assertEquals(teacherUsd, usage.get("costUsd").asDouble(), 1e-9, "the teacher paid once: " + usage);
        assertEquals(teacherUsd, figures.generationUsd(), 1e-9, "the report's generation cost");
        assertEquals(teacherUsd, checks.cost("select coalesce(sum(cost_usd), 0) from generator.batch_round"
                + " where job_id = ?", jobId), 1e-9, "the generator's rounds' costs");
        JsonNode report = checks.report(jobId);
        assertEquals(judgeUsd, report.at("/cost/judgeUsd").asDouble(), 1e-9, "the report's judge cost");
        assertEquals(judgeUsd, checks.cost("select coalesce(sum(cost_usd), 0) from validator.judge_round"
                + " where job_id = ?", jobId), 1e-9, "the validators' rounds' costs");
        assertTrue(teacherUsd > 0 && judgeUsd > 0);

        System.out.printf(Locale.ROOT, "[batch-kill] checked: %d teacher rounds %s and %d judge rounds %s, one batch"
                + " each at the simulator (%d batches, %d requests, 0 real-time); judge round %s booked by %s;"
                + " teacher $%.6f and judge $%.6f, each the batches' usage at half price; %d s in all%n",
                teacherRounds.size(), teacherRounds, judgeRounds.size(), judgeRounds, batches.size(),
                stats.at("/batch/requests").asLong(), judgeRound, booker, teacherUsd, judgeUsd,
                Duration.between(started, Instant.now()).toSeconds());
    }

    @Test
    @Order(1)
    void killMinus9OfEachServiceInTurn() throws Exception {
        // four restarts in turn, each waiting for its service to be ready: a job of 30 could finish before the last,
        // and one of 90 did once the services spent less CPU per candidate (progress throttled, issue 14); one of
        // 150 did once dedup and the exporter took a poll's records at once (the backlog the generator had emitted
        // while the validator was down went through in a batch or two); one of 300 did on a loaded machine once a
        // job alone was no longer capped in flight (it completed while dedup restarted, before the exporter's kill).
        String jobId = submit(20 * small.target());
        long outcomes = 0;
        for (String service : List.of(FaultPipeline.GENERATOR, FaultPipeline.VALIDATOR, FaultPipeline.DEDUP,
                FaultPipeline.EXPORTER)) {
            long after = outcomes;
            JobView before = pipeline.awaitJob(jobId, "more outcomes before killing " + service, JOB_TIMEOUT,
                    job -> outcomesOf(job) > after || job.status() == JobStatus.FINALIZING);
            assertFalse(before.status().terminal(), "the fault must come mid-job");
            outcomes = outcomesOf(before);
            long pid = pipeline.service(service).pid();
            Duration gone = pipeline.killAndRestart(service);
            fault("kill -9 of " + service + " (pid " + pid + ") at " + before.candidatesEmitted() + " emitted, "
                    + outcomes + " outcomes, " + before.status() + "; restarted and ready after " + gone.toSeconds()
                    + " s");
        }
        finishAndCheck(jobId, "kill -9 of each service");
    }

    @Test
    @Order(2)
    void aJobSpreadOverThreeValidatorsOneKilledMidJob() throws Exception {
        pipeline.startAll(List.of(FaultPipeline.VALIDATOR_C));
        List<String> three = List.of(FaultPipeline.VALIDATOR, FaultPipeline.VALIDATOR_B, FaultPipeline.VALIDATOR_C);
        Map<String, Set<Integer>> owners = awaitValidatorsOwning(three);
        String jobId = submitSmall();
        JobView before = pipeline.awaitJob(jobId, "its first outcomes", JOB_TIMEOUT, job -> outcomesOf(job) >= 4);
        assertFalse(before.status().terminal());
        String victim = FaultPipeline.VALIDATOR_B;
        pipeline.service(victim).kill();
        fault("kill -9 of " + victim + " (partitions " + owners.get(victim) + " of " + Topics.CANDIDATES
                + ") while the job's candidates are spread over three validators " + owners + ", at "
                + outcomesOf(before) + " outcomes; not restarted until the job completed");
        Instant killed = Instant.now();
        List<String> survivors = three.stream().filter(name -> !name.equals(victim)).toList();
        Map<String, Set<Integer>> after = awaitValidatorsOwning(survivors);
        Duration moved = Duration.between(killed, Instant.now());
        finishAndCheck(jobId, "three validators sharing a job, one killed (its partitions moved to " + after
                + " after " + moved.toSeconds() + " s)");

        JobView done = pipeline.job(jobId);
        int emitted = Math.toIntExact(done.candidatesEmitted());
        try (KafkaTopics topics = new KafkaTopics(pipeline.stack.kafkaBootstrapServers())) {
            List<ConsumerRecord<String, String>> candidates = topics.readJob(Topics.CANDIDATES, jobId, emitted,
                    Duration.ofMinutes(1));
            for (ConsumerRecord<String, String> candidate : candidates) {
                assertEquals(Json.MAPPER.readTree(candidate.value()).get("candidateId").asText(), candidate.key(),
                        "candidates are keyed by candidate id");
            }
            Set<Integer> spread = partitionsOf(candidates);
            // 30 or more candidates over 3 partitions: all of them missing one has a chance of about 3 * (2/3)^30
            assertEquals(LocalStack.PIPELINE_PARTITIONS, spread.size(), "the job's candidates spread: " + spread);
            Set<Integer> validated = partitionsOf(topics.read(Topics.VALIDATED, jobId, emitted, Duration.ofMinutes(1)));
            Set<Integer> deduplicated = partitionsOf(
                    topics.read(Topics.DEDUPLICATED, jobId, emitted, Duration.ofMinutes(1)));
            assertEquals(1, validated.size(), "the job's verdicts, keyed by job id, share a partition: " + validated);
            assertEquals(1, deduplicated.size(), "the job's dedup decisions share a partition: " + deduplicated);
            System.out.printf("[faults]   checked keying: %d candidates on partitions %s, validated on %s,"
                    + " deduplicated on %s%n", candidates.size(), spread, validated, deduplicated);
        }
        // back to two validators for the tests after this one
        pipeline.startAll(List.of(victim));
        pipeline.stop(FaultPipeline.VALIDATOR_C);
    }

    @Test
    @Order(3)
    void brokerRestartedMidJob() throws Exception {
        String jobId = submitSmall();
        JobView before = pipeline.awaitJob(jobId, "its first outcomes", JOB_TIMEOUT, job -> outcomesOf(job) >= 4);
        assertFalse(before.status().terminal());
        Instant stopped = Instant.now();
        pipeline.stack.stopKafka();
        Thread.sleep(3_000);
        pipeline.stack.startKafka();
        fault("Kafka broker stopped and started on the same port and data at " + outcomesOf(before)
                + " outcomes; down " + Duration.between(stopped, Instant.now()).toMillis() + " ms");
        finishAndCheck(jobId, "broker restart");
    }

    @Test
    @Order(4)
    void databaseRestartedMidJob() throws Exception {
        String jobId = submitSmall();
        JobView before = pipeline.awaitJob(jobId, "its first outcomes", JOB_TIMEOUT, job -> outcomesOf(job) >= 4);
        assertFalse(before.status().terminal());
        Instant stopped = Instant.now();
        pipeline.stack.stopPostgres();
        Thread.sleep(3_000);
        pipeline.stack.startPostgres();
        fault("PostgreSQL stopped and started on the same port and data at " + outcomesOf(before)
                + " outcomes; down " + Duration.between(stopped, Instant.now()).toMillis() + " ms");
        finishAndCheck(jobId, "database restart");
    }

    @Test
    @Order(6)
    void teacherStormsErrorsTimeoutsAndBrokenAnswers() throws Exception {
        ServiceProcess simulator = pipeline.service(FaultPipeline.SIMULATOR);
        Map<String, String> faults = Map.of("simulator.rate-limit-storm-rate", "0.15",
                "simulator.error-5xx-rate", "0.15", "simulator.timeout-rate", "0.08", "simulator.timeout-ms", "4000",
                "simulator.malformed-rate", "0.15", "simulator.broken-json-rate", "0.10");
        faults.forEach(simulator::set);
        pipeline.killAndRestart(FaultPipeline.SIMULATOR);
        try {
            // Each fault is drawn per request, so a small job can miss one (no timeout in 50 requests at 0.08 is
            // about 1.5%): another job runs until every fault has struck, each job's books checked.
            long storms = 0, errors = 0, timeouts = 0, truncated = 0, unparsable = 0, requests = 0;
            JsonNode stats = null;
            for (int job = 1; job <= MAX_FAULT_JOBS
                    && (storms == 0 || errors == 0 || timeouts == 0 || truncated == 0); job++) {
                String jobId = submitSmall();
                pipeline.awaitJob(jobId, "COMPLETED", JOB_TIMEOUT, view -> view.status() == JobStatus.COMPLETED);
                stats = pipeline.getJson(simulator.base(), "/simulator/stats");
                storms = stats.get("storm_rate_limited").asLong();
                errors = stats.get("server_errors").asLong();
                timeouts = stats.get("timeouts").asLong();
                requests = stats.get("requests").asLong();
                long truncatedNow = problems(jobId, "%cut off at the token limit%");
                truncated += truncatedNow;
                unparsable += problems(jobId, "%") - truncatedNow;
                fault("teacher simulator at " + faults + ", job " + job + ": " + requests + " requests so far, "
                        + storms + " 429 storms, " + errors + " 5xx, " + timeouts + " timeouts; the generator logged "
                        + truncated + " truncated answers and " + unparsable + " other unusable answers");
                finishAndCheck(jobId, "teacher faults (job " + job + ")");
            }
            assertTrue(storms > 0 && errors > 0 && timeouts > 0,
                    "the simulator injected each fault within " + MAX_FAULT_JOBS + " jobs: " + stats);
            assertTrue(truncated > 0, "some teacher answers were truncated (finish_reason length)");
        } finally {
            faults.keySet().forEach(key -> simulator.set(key, "0"));
            simulator.set("simulator.timeout-ms", "15000");
            pipeline.killAndRestart(FaultPipeline.SIMULATOR);
        }
    }

    @Test
    @Order(5)
    void poisonRecordsOnEveryTopicGoToTheirDeadLetterTopics() throws Exception {
        String jobId = submitSmall();
        pipeline.awaitJob(jobId, "its first outcomes", JOB_TIMEOUT, job -> outcomesOf(job) >= 2);
        String kafka = pipeline.stack.kafkaBootstrapServers();
        // topic -> consumer groups that read it, each of which dead-letters a poison record once
        Map<String, Integer> readers = Map.of(Topics.GENERATION_REQUESTS, 1, Topics.CANDIDATES, 1, Topics.VALIDATED,
                1, Topics.DEDUPLICATED, 1, Topics.JOB_PROGRESS, 1, Topics.JOB_EVENTS, 2);
        try (KafkaTopics topics = new KafkaTopics(kafka)) {
            for (String topic : readers.keySet()) {
                topics.send(topic, jobId, "{\"schemaVersion\": 1, \"jobId\": \"" + jobId + "\", not json");
                topics.send(topic, jobId, unknownVersionOf(topics, topic, jobId));
            }
            fault("12 poison records (bad JSON and schemaVersion 99 on each of " + readers.keySet()
                    + ") keyed by the running job " + jobId);
            finishAndCheck(jobId, "poison records alongside");
            for (var entry : readers.entrySet()) {
                String dlq = Topics.deadLetter(entry.getKey());
                int expected = 2 * entry.getValue();
                List<ConsumerRecord<String, String>> dead = topics.read(dlq, jobId, expected, Duration.ofMinutes(1));
                assertEquals(expected, dead.size(), dlq + " holds each poison record once per reading service");
                List<String> reasons = dead.stream().map(r -> header(r, "dead-letter-reason")).toList();
                assertTrue(reasons.stream().anyMatch(r -> r.contains("unsupported schemaVersion 99")),
                        dlq + " names the unknown version: " + reasons);
                assertTrue(reasons.stream().allMatch(r -> !r.isBlank()), dlq + ": " + reasons);
                System.out.printf("[faults]   checked %s: %d dead letters, reasons %s%n", dlq, dead.size(), reasons);
            }
        }
    }

    /** A real record of the topic for this job, with schemaVersion 99 and an id of its own. */
    private static String unknownVersionOf(KafkaTopics topics, String topic, String jobId) throws Exception {
        ObjectNode record;
        if (topic.equals(Topics.GENERATION_REQUESTS)) {
            record = Json.MAPPER.createObjectNode().put("idempotencyKey", "poison-" + jobId);
            record.set("spec", Json.MAPPER.valueToTree(small));
        } else {
            // candidates are keyed by candidate id: a job's are found by their content
            Duration wait = Duration.ofSeconds(30);
            ConsumerRecord<String, String> real = (topic.equals(Topics.CANDIDATES) ? topics.readJob(topic, jobId, 1, wait)
                    : topics.read(topic, jobId, 1, wait)).get(0);
            record = (ObjectNode) Json.MAPPER.readTree(real.value());
        }
        record.put("schemaVersion", 99);
        JsonNode candidate = record.has("candidate") ? record.get("candidate") : record;
        if (candidate.has("candidateId")) {
            ((ObjectNode) candidate).put("candidateId", "poison-" + topic + "-" + jobId);
            if (candidate != record) {
                ((ObjectNode) candidate).put("schemaVersion", 99);
            }
        }
        return record.toString();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static long outcomesOf(JobView job) {
        return job.progress() == null ? 0 : job.progress().outcomes();
    }

    private static long problems(String jobId, String like) throws Exception {
        try (Connection db = pipeline.database();
                PreparedStatement statement = db.prepareStatement(
                        "select count(*) from generator.teacher_call where job_id = ? and problem like ?")) {
            statement.setString(1, jobId);
            statement.setString(2, like);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /**
     * Waits until exactly these validators are the members of the group, each holding partitions of {@code
     * candidates} and all of them held (a killed member stays listed until its session expires); answers who holds
     * which.
     */
    private static Map<String, Set<Integer>> awaitValidatorsOwning(List<String> validators) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                pipeline.stack.kafkaBootstrapServers()))) {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            Map<String, Set<Integer>> owners = Map.of();
            while (Instant.now().isBefore(deadline)) {
                var group = admin.describeConsumerGroups(List.of("validator-service")).all().get()
                        .get("validator-service");
                owners = new TreeMap<>();
                for (MemberDescription member : group.members()) {
                    Set<Integer> partitions = new TreeSet<>();
                    member.assignment().topicPartitions().stream().filter(tp -> tp.topic().equals(Topics.CANDIDATES))
                            .forEach(tp -> partitions.add(tp.partition()));
                    owners.merge(validatorNamed(member.clientId()), partitions, (x, y) -> {
                        x.addAll(y);
                        return x;
                    });
                }
                long held = owners.values().stream().mapToLong(Set::size).sum();
                if (owners.keySet().equals(Set.copyOf(validators))
                        && owners.values().stream().noneMatch(Set::isEmpty)
                        && held == LocalStack.PIPELINE_PARTITIONS) {
                    return owners;
                }
                Thread.sleep(500);
            }
            throw new AssertionError("the validators " + validators + " never shared the partitions of "
                    + Topics.CANDIDATES + "; last seen " + owners);
        }
    }

    /** The instance a group member is: its consumer's client id starts with the instance's name. */
    private static String validatorNamed(String clientId) {
        for (String name : List.of(FaultPipeline.VALIDATOR_B, FaultPipeline.VALIDATOR_C)) {
            if (clientId.startsWith(name)) {
                return name;
            }
        }
        return FaultPipeline.VALIDATOR;
    }

    private static Set<Integer> partitionsOf(List<ConsumerRecord<String, String>> records) {
        Set<Integer> partitions = new TreeSet<>();
        records.forEach(record -> partitions.add(record.partition()));
        return partitions;
    }

    private static void fault(String line) {
        injected.add(line);
        System.out.println("[faults] injected: " + line);
    }

    /** A fault of the batch-mode test: counted in the summary like the others, printed under its own tag. */
    private static void batchFault(String line) {
        injected.add(line);
        System.out.println("[batch-kill] " + line);
    }

    /** The small job, its task made unique so that no test is answered from another's teacher cache. */
    private static String submitSmall() throws Exception {
        return submit(small.target());
    }

    private static String submit(int target) throws Exception {
        // a larger job than the example's is not held to the example's max_candidates (240)
        return pipeline.submit(small.toBuilder().task(small.task() + " (fault test job " + (++jobsSubmitted) + ")")
                .target(target).maxCandidates(target > small.target() ? null : small.maxCandidates()).build());
    }

    private static void finishAndCheck(String jobId, String what) throws Exception {
        pipeline.awaitJob(jobId, "COMPLETED", JOB_TIMEOUT, job -> job.status() == JobStatus.COMPLETED);
        Books.Figures figures = checkBooks(jobId);
        System.out.println("[faults] checked " + what + ": job " + jobId + " COMPLETED; " + figures.line());
    }

    /** Checks a completed job's books and counts them in the summary, the faults injected so far as survived. */
    private static Books.Figures checkBooks(String jobId) throws Exception {
        Books.Figures figures = Books.check(pipeline, jobId);
        recordsLost += figures.lost();
        jobsChecked++;
        survived.addAll(injected);
        injected.clear();
        return figures;
    }
}
