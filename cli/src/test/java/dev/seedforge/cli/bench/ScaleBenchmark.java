package dev.seedforge.cli.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.cli.SeedforgeHome;
import dev.seedforge.cli.faults.ServiceProcess;
import dev.seedforge.contracts.Approval;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobSpecs;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.Topics;
import dev.seedforge.localstack.LocalStack;

/**
 * {@code bench/scale} (a): one job's candidates validated by one, then two, then three validator instances, the judge
 * answering each call after a fixed latency. The generator writes the job's candidates once (keyed by candidate id, as
 * it always does) with no validator running; then, for each instance count, that many packaged validators join a
 * consumer group of their own on a fresh copy of the topic (same keys, same values, {@value #PARTITIONS} partitions as
 * in {@code deploy/} and {@code docker-compose.yml}), each run with a database schema of its own so no verdict is
 * re-used, and the clock runs from the first record sent to the last verdict read. {@code --judge-threads N} sets each
 * instance's judge calls in flight ({@code validator.judge.call-threads}, 8 by default), so with the judge's batches
 * of 10 an instance judges about 10 N candidates per call latency: its throughput is bounded by the judge's latency,
 * and any speedup can only come from spreading a job over instances. {@code --workers N} sets each instance's worker
 * pool ({@code VALIDATOR_CONCURRENCY}): batches of records (one poll's) an instance works at once. Until the validator
 * took a poll's records as a batch, {@code --workers} set candidates at once and was the knob that bounded an instance
 * (see bench/README.md).
 */
public final class ScaleBenchmark {

    static final int PARTITIONS = 6;

    public static void main(String[] args) throws Exception {
        int candidates = Integer.parseInt(option(args, "--candidates", "2000"));
        long judgeLatencyMs = Long.parseLong(option(args, "--judge-latency-ms", "2000"));
        List<Integer> counts = new ArrayList<>();
        for (String n : option(args, "--instances", "1,2,3").split(",")) {
            counts.add(Integer.parseInt(n.strip()));
        }
        // each instance's worker pool (the validator's VALIDATOR_CONCURRENCY): candidates it validates at once
        String workers = option(args, "--workers", null);
        // each instance's judge calls in flight (validator.judge.call-threads)
        String judgeThreads = option(args, "--judge-threads", null);
        Path work = Files.createTempDirectory("bench-scale");
        log("work directory " + work + " (logs in " + work.resolve("logs") + ")");
        try (LocalStack stack = new LocalStack(work.resolve("stack"), 0, 0).start();
                BenchServices services = new BenchServices(stack, work.resolve("logs"))) {
            stack.createPipelineTopics();
            ServiceProcess judge = services.start("judge-simulator", "teacher-simulator", "-Xmx512m",
                    Map.of("simulator.latency-ms", Long.toString(judgeLatencyMs)));
            URI judgeUrl = judge.base().resolve("/v1");

            // --reuse FILE: the records of an earlier run (written there by this one when absent), to iterate faster
            Path reuse = Path.of(option(args, "--reuse", work.resolve("candidates.jsonl").toString()));
            List<ProducerRecord<String, String>> records;
            if (Files.exists(reuse)) {
                records = new ArrayList<>();
                List<ProducerRecord<String, String>> specs = new ArrayList<>();
                for (String line : Files.readAllLines(reuse)) {
                    JsonNode record = Json.MAPPER.readTree(line);
                    ProducerRecord<String, String> read = new ProducerRecord<>(record.get("topic").asText(),
                            record.get("key").asText(), record.get("value").asText());
                    (read.topic().equals(Topics.JOB_SPECS) ? specs : records).add(read);
                }
                records = records.subList(0, Math.min(candidates, records.size()));
                // the job's spec, which every validator reads from job-specs, goes to this run's broker first
                try (KafkaProducer<String, String> producer = producer(stack)) {
                    for (ProducerRecord<String, String> spec : specs) {
                        producer.send(spec).get();
                    }
                }
                log("re-using " + records.size() + " candidates of " + reuse);
            } else {
                Instant generating = Instant.now();
                records = generate(services, candidates);
                log("generated " + (records.size() - 1) + " candidates in "
                        + Duration.between(generating, Instant.now()).toSeconds() + " s; kept in " + reuse);
                List<String> lines = new ArrayList<>();
                for (ProducerRecord<String, String> record : records) {
                    lines.add(Json.MAPPER.createObjectNode().put("topic", record.topic()).put("key", record.key())
                            .put("value", record.value()).toString());
                }
                Files.write(reuse, lines);
                records = records.stream().filter(r -> r.topic().equals(Topics.CANDIDATES)).toList();
            }

            Map<Integer, Map<String, Object>> runs = new LinkedHashMap<>();
            for (int instances : counts) {
                runs.put(instances, validate(services, records, instances, judge, judgeUrl, workers, judgeThreads));
            }

            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("benchmark", "scale-a");
            figures.put("candidates", records.size());
            figures.put("judge_latency_ms", judgeLatencyMs);
            figures.put("partitions", PARTITIONS);
            figures.put("workers_per_instance", workers == null ? "default" : workers);
            figures.put("judge_threads_per_instance", judgeThreads == null ? "default (8)" : judgeThreads);
            double one = runs.containsKey(1) ? (double) runs.get(1).get("wall_s") : Double.NaN;
            for (var run : runs.entrySet()) {
                figures.put("wall_s_" + run.getKey(), run.getValue().get("wall_s"));
            }
            for (var run : runs.entrySet()) {
                if (run.getKey() > 1 && !Double.isNaN(one)) {
                    figures.put("speedup_" + run.getKey(), round(one / (double) run.getValue().get("wall_s"), 3));
                }
            }
            figures.put("runs", runs.values());
            System.out.println(Json.MAPPER.writeValueAsString(figures));
        }
    }

    /**
     * A job of the Task API example with {@code candidates} as its target, through the whole pipeline (the simulator
     * as teacher and judge, no latency): the generator needs outcomes before it sends a cell more than a pilot's
     * worth. Answers the job's first {@code candidates} records as the generator sent them.
     */
    private static List<ProducerRecord<String, String>> generate(BenchServices services, int candidates)
            throws Exception {
        BenchServices.Pipeline pipeline = services.startPipeline(Map.of(), services.work().resolve("out"));
        JobSpec example = JobSpecs.load(SeedforgeHome.dir().resolve("examples/task-api/job.yaml"));
        JobSpec spec = example.toBuilder().name("scale").task(example.task() + " (scale benchmark " + UUID.randomUUID()
                + ")").target(candidates).approval(Approval.AUTO).budgetUsd(null).maxCandidates(null)
                .examplesPerCall(10).build();
        String jobId = BenchServices.submit(pipeline.generator().base(), spec);
        log("job " + jobId + " submitted (target " + spec.target() + ")");
        ServiceProcess generator = pipeline.generator();

        List<ProducerRecord<String, String>> records = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        try (KafkaConsumer<String, String> consumer = consumer(services.stack)) {
            consumer.subscribe(List.of(Topics.CANDIDATES));
            Instant deadline = Instant.now().plus(Duration.ofMinutes(20));
            Instant lastNew = Instant.now();
            while (records.size() < candidates) {
                if (Instant.now().isAfter(deadline) || Duration.between(lastNew, Instant.now()).toMinutes() >= 3) {
                    throw new IllegalStateException("the generator emitted only " + records.size() + " of "
                            + candidates + " candidates; see " + generator.log());
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode value = Json.MAPPER.readTree(record.value());
                    if (jobId.equals(value.path("jobId").asText()) && seen.add(value.path("candidateId").asText())
                            && records.size() < candidates) {
                        records.add(new ProducerRecord<>(Topics.CANDIDATES, record.key(), record.value()));
                        lastNew = Instant.now();
                    }
                }
            }
        }
        pipeline.close(); // the judge simulator stays up for the validation runs
        try (KafkaConsumer<String, String> consumer = consumer(services.stack)) {
            consumer.subscribe(List.of(Topics.JOB_SPECS));
            Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
            ProducerRecord<String, String> specRecord = null;
            while (specRecord == null && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (jobId.equals(record.key())) {
                        specRecord = new ProducerRecord<>(Topics.JOB_SPECS, record.key(), record.value());
                    }
                }
            }
            if (specRecord == null) {
                throw new IllegalStateException("no job-specs record for " + jobId);
            }
            records.add(0, specRecord); // the job's spec first, kept with its candidates for --reuse
        }
        return records;
    }

    private static Map<String, Object> validate(BenchServices services, List<ProducerRecord<String, String>> records,
            int instances, ServiceProcess judge, URI judgeUrl, String workers, String judgeThreads) throws Exception {
        String candidatesTopic = "candidates-scale-" + instances;
        String validatedTopic = "validated-scale-" + instances;
        String group = "validator-scale-" + instances;
        services.stack.createTopics(List.of(candidatesTopic, validatedTopic), PARTITIONS);
        List<BenchServices.Launch> launches = new ArrayList<>();
        for (int i = 1; i <= instances; i++) {
            String name = "validator-" + instances + "-" + i;
            Map<String, String> settings = new LinkedHashMap<>(services.common());
            settings.putAll(Map.of("mp.messaging.incoming.candidates.topic", candidatesTopic,
                    "mp.messaging.incoming.candidates.group.id", group,
                    "mp.messaging.incoming.candidates.client.id", name,
                    "mp.messaging.outgoing.validated.topic", validatedTopic,
                    // a schema per run: no verdict stored by an earlier run is re-emitted instead of judged
                    "quarkus.hibernate-orm.database.default-schema", "validator_scale_" + instances,
                    "quarkus.langchain4j.openai.judge.base-url", judgeUrl.toString()));
            if (workers != null) {
                settings.put("smallrye.messaging.worker.validator-workers.max-concurrency", workers);
            }
            if (judgeThreads != null) {
                settings.put("validator.judge.call-threads", judgeThreads);
            }
            launches.add(new BenchServices.Launch(name, "validator-service", "-Xmx384m", settings));
        }
        List<ServiceProcess> validators = services.startAll(launches);
        Map<String, Set<Integer>> owners = services.awaitGroup(group, candidatesTopic, instances, PARTITIONS);
        long callsBefore = BenchServices.getJson(judge.base(), "/simulator/stats").path("completions").asLong();
        double validatorCpuBefore = cpuSeconds(validators);
        double judgeCpuBefore = cpuSeconds(List.of(judge));

        Map<String, Integer> verdicts = new HashMap<>();
        Set<Integer> verdictPartitions = new TreeSet<>();
        Map<Integer, Integer> perPartition = new HashMap<>();
        int accepted = 0;
        Instant started;
        Instant finished;
        try (KafkaConsumer<String, String> consumer = consumer(services.stack);
                KafkaProducer<String, String> producer = producer(services.stack)) {
            consumer.subscribe(List.of(validatedTopic));
            consumer.poll(Duration.ofSeconds(2)); // joins its group before the clock starts
            started = Instant.now();
            for (ProducerRecord<String, String> record : records) {
                producer.send(new ProducerRecord<>(candidatesTopic, record.key(), record.value()), (metadata, e) -> {
                    if (metadata != null) {
                        synchronized (perPartition) {
                            perPartition.merge(metadata.partition(), 1, Integer::sum);
                        }
                    }
                });
            }
            producer.flush();
            Instant deadline = started.plus(Duration.ofMinutes(20));
            while (verdicts.size() < records.size()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(instances + " validators gave " + verdicts.size() + " verdicts of "
                            + records.size() + " in 20 minutes; see " + validators.get(0).log());
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode value = Json.MAPPER.readTree(record.value());
                    String id = value.path("candidate").path("candidateId").asText();
                    if (verdicts.merge(id, 1, Integer::sum) == 1 && value.path("verdict").path("accepted").asBoolean()) {
                        accepted++;
                    }
                    verdictPartitions.add(record.partition());
                }
            }
            finished = Instant.now();
        }
        long calls = BenchServices.getJson(judge.base(), "/simulator/stats").path("completions").asLong() - callsBefore;
        double validatorCpu = round(cpuSeconds(validators) - validatorCpuBefore, 1);
        double judgeCpu = round(cpuSeconds(List.of(judge)) - judgeCpuBefore, 1);
        for (ServiceProcess validator : validators) {
            validator.close();
        }
        double wall = round(Duration.between(started, finished).toMillis() / 1000.0, 1);
        long repeated = verdicts.values().stream().filter(n -> n > 1).count();
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("instances", instances);
        run.put("wall_s", wall);
        run.put("candidates_per_s", round(records.size() / wall, 1));
        run.put("judge_calls", calls);
        run.put("validators_cpu_s", validatorCpu);
        run.put("judge_simulator_cpu_s", judgeCpu);
        run.put("load_average", round(java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage(), 1));
        run.put("accepted", accepted);
        run.put("verdicts_repeated", repeated);
        run.put("candidates_per_partition", new java.util.TreeMap<>(perPartition));
        run.put("partitions_per_instance", owners);
        run.put("validated_partitions", verdictPartitions.size());
        log(instances + " validator(s): " + records.size() + " candidates validated in " + wall + " s ("
                + run.get("candidates_per_s") + "/s), " + calls + " judge calls, " + accepted + " accepted, "
                + repeated + " verdicts repeated; CPU s: validators " + validatorCpu + ", judge simulator " + judgeCpu
                + ", load average " + run.get("load_average") + "; partitions per instance " + owners
                + "; the job's verdicts on " + verdictPartitions.size() + " partition(s) of validated");
        return run;
    }

    /** CPU seconds these processes have used so far. */
    static double cpuSeconds(List<ServiceProcess> processes) {
        double total = 0;
        for (ServiceProcess process : processes) {
            total += ProcessHandle.of(process.pid()).flatMap(p -> p.info().totalCpuDuration())
                    .map(d -> d.toMillis() / 1000.0).orElse(0.0);
        }
        return total;
    }

    private static KafkaProducer<String, String> producer(LocalStack stack) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(),
                new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(LocalStack stack) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000),
                new StringDeserializer(), new StringDeserializer());
    }

    static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    static void log(String line) {
        System.err.println("[bench] " + line);
    }

    private ScaleBenchmark() {
    }
}
