package dev.seedforge.cli.bench;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.cli.SeedforgeHome;
import dev.seedforge.cli.faults.ServiceProcess;
import dev.seedforge.contracts.Approval;
import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.ComparedText;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobSpecs;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.JobView;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.Topics;
import dev.seedforge.localstack.LocalStack;

/**
 * {@code bench/pipeline}: one job through the packaged services on a real broker and database, the simulator as
 * teacher and judge with no latency and no rate limits. Prints candidates per second end to end and per stage (from
 * the records' timestamps on each topic), each service's CPU seconds and peak heap (its performance counters, read
 * every second), and writes the texts dedup compared (each candidate's user turns, the job's {@code dedup.compare})
 * to a gzipped JSONL for the embedding-alone bound, which {@code bench/pipeline} measures next with dedup's own
 * benchmark. Last line: one JSON object.
 */
public final class PipelineBenchmark {

    /** How long a job's outcomes may stand still before the benchmark gives up on it (a hang, not a slow run). */
    private static final Duration STALL = Duration.ofMinutes(5);

    public static void main(String[] args) throws Exception {
        int target = Integer.parseInt(ScaleBenchmark.option(args, "--target", "5000"));
        int warmupTarget = Integer.parseInt(ScaleBenchmark.option(args, "--warmup", "2000"));
        Path texts = Path.of(ScaleBenchmark.option(args, "--texts", "texts.jsonl.gz"));
        Path work = Files.createTempDirectory("bench-pipeline");
        ScaleBenchmark.log("work directory " + work + " (logs in " + work.resolve("logs") + ")");
        try (LocalStack stack = new LocalStack(work.resolve("stack"), 0, 0).start();
                BenchServices services = new BenchServices(stack, work.resolve("logs"))) {
            stack.createPipelineTopics();
            BenchServices.Pipeline pipeline = services.startPipeline(Map.of(), work.resolve("out"));
            Map<String, ServiceProcess> byName = new LinkedHashMap<>();
            for (ServiceProcess service : pipeline.services()) {
                byName.put(service.name(), service);
            }
            byName.put("teacher-simulator", pipeline.teacher());
            JobSpec example = JobSpecs.load(SeedforgeHome.dir().resolve("examples/task-api/job.yaml"));
            Map<String, Object> warmup = null;
            if (warmupTarget > 0) {
                // a deployed pipeline runs for many jobs: the JIT compiles its code once, not per job. A first job of
                // another task warms the services; its own figures are reported as the cold run
                Map<String, Double> cpuAtStart = cpuOf(byName);
                JobSpec first = benchmarkJob(example, "pipeline-warmup", "pipeline warm-up", warmupTarget);
                Instant warmupStarted = Instant.now();
                JobView warm = await(pipeline, first, null);
                double warmWall = Duration.between(warmupStarted, Instant.now()).toMillis() / 1000.0;
                Map<String, Double> cpuAtEnd = cpuOf(byName);
                double serviceCpu = 0;
                for (String name : byName.keySet()) {
                    serviceCpu += cpuAtEnd.get(name) - cpuAtStart.get(name);
                }
                warmup = new LinkedHashMap<>();
                warmup.put("target", warmupTarget);
                warmup.put("candidates", warm.candidatesEmitted());
                warmup.put("wall_s", ScaleBenchmark.round(warmWall, 1));
                warmup.put("candidates_per_s", ScaleBenchmark.round(warm.candidatesEmitted() / warmWall, 1));
                warmup.put("service_cpu_ms_per_candidate",
                        ScaleBenchmark.round(1000 * serviceCpu / warm.candidatesEmitted(), 1));
                ScaleBenchmark.log("warm-up job COMPLETED: " + warmup);
            }
            Map<String, Double> peakHeap = new ConcurrentHashMap<>();
            Map<String, Double> cpuBefore = cpuOf(byName);
            Map<String, Double> jitBefore = jitOf(byName);
            Path postmasterPid = work.resolve("stack").resolve("postgres").resolve("postmaster.pid");
            double postgresBefore = postgresCpuSeconds(postmasterPid);
            double benchBefore = ownCpuSeconds();
            Map<String, PerfDataHeap> heaps = new LinkedHashMap<>();
            for (var entry : byName.entrySet()) {
                if (!entry.getKey().equals("teacher-simulator")) { // the stand-in for the provider: not measured
                    heaps.put(entry.getKey(), PerfDataHeap.of(entry.getValue().pid()));
                }
            }

            JobSpec spec = benchmarkJob(example, "pipeline", "pipeline benchmark", target);
            Instant submitted = Instant.now();
            String[] submittedId = new String[1];
            JobView job = await(pipeline, spec, submittedId);
            String jobId = submittedId[0];
            Instant completed = completedAt(job, Instant.now());
            heaps.forEach((name, heap) -> {
                heap.close();
                if (heap.peakMib() > 0) {
                    peakHeap.put(name, heap.peakMib() * 1024 * 1024);
                }
            });
            Map<String, Object> cpu = new LinkedHashMap<>();
            for (var entry : byName.entrySet()) {
                cpu.put(entry.getKey(), ScaleBenchmark.round(cpuSeconds(entry.getValue()) - cpuBefore.get(entry.getKey()),
                        1));
            }
            Map<String, Object> jit = new LinkedHashMap<>();
            jitOf(byName).forEach((name, seconds) -> jit.put(name, ScaleBenchmark.round(seconds - jitBefore.get(name),
                    1)));
            // PostgreSQL (its postmaster and every backend, those that ended included) and this JVM: the Kafka broker
            // of the local stack, and the benchmark's own sampling
            Map<String, Object> infra = new LinkedHashMap<>();
            infra.put("postgresql", ScaleBenchmark.round(postgresCpuSeconds(postmasterPid) - postgresBefore, 1));
            infra.put("kafka_and_bench", ScaleBenchmark.round(ownCpuSeconds() - benchBefore, 1));
            Map<String, Object> heap = new LinkedHashMap<>();
            peakHeap.forEach((name, bytes) -> heap.put(name, Math.round(bytes / 1048576.0)));

            Map<String, Object> stages = new LinkedHashMap<>();
            long emitted = job.candidatesEmitted();
            Map<String, Map<String, Long>> seenAt = new LinkedHashMap<>();
            try (Writer out = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(texts)),
                    StandardCharsets.UTF_8)) {
                // dedup's default (dedup.compare=user) unless the job says otherwise
                ComparedText compare = ComparedText.named(spec.dedup() == null ? null : spec.dedup().compare(),
                        ComparedText.USER);
                for (String topic : List.of(Topics.CANDIDATES, Topics.VALIDATED, Topics.DEDUPLICATED)) {
                    seenAt.put(topic, new HashMap<>());
                    stages.put(topic, stage(stack, topic, jobId, emitted, seenAt.get(topic),
                            topic.equals(Topics.CANDIDATES) ? record -> {
                                Candidate candidate = Json.MAPPER.readValue(record.value(), Candidate.class);
                                out.write(Json.MAPPER.createObjectNode().put("prompt", compare.of(candidate.conversation()))
                                        .toString());
                                out.write('\n');
                            } : null));
                }
            }
            double wall = Duration.between(submitted, completed).toMillis() / 1000.0;
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("benchmark", "pipeline");
            figures.put("target", target);
            figures.put("candidates", emitted);
            figures.put("accepted", job.progress().accepted());
            figures.put("wall_s", ScaleBenchmark.round(wall, 1));
            // unrounded, for the ratio: a rate rounded to 0.1/s moved a ratio of 0.4997 to 0.500 (run 106)
            figures.put("wall_ms", Duration.between(submitted, completed).toMillis());
            figures.put("candidates_per_s", ScaleBenchmark.round(emitted / wall, 1));
            figures.put("stages", stages);
            figures.put("latency_s", latency(seenAt.get(Topics.CANDIDATES), seenAt.get(Topics.DEDUPLICATED)));
            // the job's ends, where the stages are not all busy: until its first candidate, after its last outcome
            figures.put("head_s", ScaleBenchmark.round(
                    (seenAt.get(Topics.CANDIDATES).values().stream().mapToLong(Long::longValue).min().orElseThrow()
                            - submitted.toEpochMilli()) / 1000.0,
                    2));
            figures.put("tail_s", ScaleBenchmark.round((completed.toEpochMilli()
                    - seenAt.get(Topics.DEDUPLICATED).values().stream().mapToLong(Long::longValue).max().orElseThrow())
                    / 1000.0, 2));
            figures.put("timeline", timeline(seenAt, submitted.toEpochMilli(), completed.toEpochMilli()));
            figures.put("load_average", loadAverage());
            figures.put("cpu_s", cpu);
            figures.put("infra_cpu_s", infra);
            // the JIT compilers' threads, part of cpu_s: what a longer-running pipeline spends once
            figures.put("jit_cpu_s", jit);
            if (warmup != null) {
                figures.put("warmup", warmup);
            }
            figures.put("peak_heap_mib", heap);
            ScaleBenchmark.log("job " + jobId + " COMPLETED: " + emitted + " candidates in " + figures.get("wall_s")
                    + " s (" + figures.get("candidates_per_s") + "/s end to end); stages " + stages + "; CPU s " + cpu
                    + "; peak heap MiB " + heap);
            pipeline.close();
            System.out.println(Json.MAPPER.writeValueAsString(figures));
        }
    }

    @FunctionalInterface
    private interface RecordSink {
        void accept(ConsumerRecord<String, String> record) throws Exception;
    }

    /**
     * When the job completed: the generator's last change of it (its COMPLETED, or later), not this benchmark's poll,
     * which sees it up to a second late; never later than {@code polled}.
     */
    static Instant completedAt(JobView job, Instant polled) {
        Instant updated = job.updatedAt();
        return updated != null && updated.isBefore(polled) ? updated : polled;
    }

    /** The job's records on a topic: how many, and how fast between the first and the last (their timestamps). */
    private static Map<String, Object> stage(LocalStack stack, String topic, String jobId, long expected,
            Map<String, Long> seenAt, RecordSink sink) throws Exception {
        long count = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (Instant.now().isBefore(deadline) && count < expected) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode value = Json.MAPPER.readTree(record.value());
                    String job = value.has("candidate") ? value.path("candidate").path("jobId").asText()
                            : value.path("jobId").asText();
                    if (jobId.equals(job)) {
                        count++;
                        JsonNode candidate = value.has("candidate") ? value.path("candidate") : value;
                        seenAt.putIfAbsent(candidate.path("candidateId").asText(), record.timestamp());
                        first = Math.min(first, record.timestamp());
                        last = Math.max(last, record.timestamp());
                        if (sink != null) {
                            sink.accept(record);
                        }
                    }
                }
            }
        }
        double seconds = Math.max(0.001, (last - first) / 1000.0);
        Map<String, Object> stage = new LinkedHashMap<>();
        stage.put("records", count);
        stage.put("span_s", ScaleBenchmark.round(seconds, 1));
        stage.put("per_s", ScaleBenchmark.round(count / seconds, 1));
        return stage;
    }

    /**
     * From a candidate's record on {@code candidates} to its outcome's on {@code deduplicated}: how long it waited in
     * the stages (median, 90th percentile, max). Long waits mean the stages after the generator are the bottleneck.
     */
    private static Map<String, Object> latency(Map<String, Long> sent, Map<String, Long> decided) {
        List<Long> waits = new java.util.ArrayList<>();
        sent.forEach((id, at) -> {
            Long done = decided.get(id);
            if (done != null) {
                waits.add(done - at);
            }
        });
        java.util.Collections.sort(waits);
        Map<String, Object> latency = new LinkedHashMap<>();
        if (!waits.isEmpty()) {
            latency.put("p50", ScaleBenchmark.round(waits.get(waits.size() / 2) / 1000.0, 2));
            latency.put("p90", ScaleBenchmark.round(waits.get(waits.size() * 9 / 10) / 1000.0, 2));
            latency.put("max", ScaleBenchmark.round(waits.get(waits.size() - 1) / 1000.0, 2));
        }
        return latency;
    }

    /**
     * The job's records per stage in 5-second steps from its submission, and in 1-second steps over its last 15
     * seconds: where the stages ran short of work (the job's start, the top-ups and the write at its end).
     */
    static Map<String, Object> timeline(Map<String, Map<String, Long>> seenAt, long submitted, long completed) {
        Map<String, Object> timeline = new LinkedHashMap<>();
        Map<String, Object> lastSeconds = new LinkedHashMap<>();
        long tailFrom = Math.max(submitted, completed - 15_000);
        seenAt.forEach((topic, times) -> {
            timeline.put(topic, histogram(times.values(), submitted, completed, 5_000));
            lastSeconds.put(topic, histogram(times.values(), tailFrom, completed, 1_000));
        });
        timeline.put("last_15_s", lastSeconds);
        return timeline;
    }

    private static List<Integer> histogram(java.util.Collection<Long> times, long from, long to, long step) {
        int[] counts = new int[(int) Math.max(1, (to - from + step - 1) / step)];
        for (long at : times) {
            if (at >= from && at < from + counts.length * step) {
                counts[(int) ((at - from) / step)]++;
            }
        }
        return java.util.Arrays.stream(counts).boxed().toList();
    }

    /** The machine's load average (1, 5, 15 minutes) as the OS reports it, for figures taken on a shared machine. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /**
     * CPU seconds of the local stack's PostgreSQL: its postmaster's own and those of its ended children (Linux
     * {@code /proc/<pid>/stat} utime, stime, cutime, cstime), plus its live backends' own; NaN where there is no
     * {@code /proc}.
     */
    static double postgresCpuSeconds(Path postmasterPid) {
        try {
            long pid = Long.parseLong(Files.readAllLines(postmasterPid).get(0).trim());
            long ticks = procTicks(pid, true);
            for (ProcessHandle child : ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(List.of())) {
                ticks += procTicks(child.pid(), false);
            }
            return ticks / 100.0; // USER_HZ
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    private static long procTicks(long pid, boolean withChildren) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields from the state on: utime is the 14th field of stat, the 12th here
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return withChildren ? ticks + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : ticks;
        } catch (Exception e) {
            return 0; // a backend that just ended: its time is in the postmaster's cutime
        }
    }

    /** The example job, its task made unique (no teacher cache hits), approved, unbounded, 10 examples a call. */
    private static JobSpec benchmarkJob(JobSpec example, String name, String label, int target) {
        return example.toBuilder().name(name).task(example.task() + " (" + label + " " + UUID.randomUUID() + ")")
                .target(target).approval(Approval.AUTO).budgetUsd(null).maxCandidates(null).examplesPerCall(10)
                .build();
    }

    /** Submits the job and waits for it to end; fails unless it COMPLETED. {@code id}, when given, gets its id. */
    private static JobView await(BenchServices.Pipeline pipeline, JobSpec spec, String[] id) throws Exception {
        Instant submitted = Instant.now();
        String jobId = BenchServices.submit(pipeline.generator().base(), spec);
        if (id != null) {
            id[0] = jobId;
        }
        ScaleBenchmark.log("job " + jobId + " submitted (target " + spec.target() + "), load average "
                + loadAverage());
        JobView job = null;
        Instant deadline = submitted.plus(Duration.ofMinutes(60));
        long lastLog = 0;
        long lastOutcomes = -1;
        Instant lastMove = Instant.now();
        while (Instant.now().isBefore(deadline)) {
            job = BenchServices.job(pipeline.generator().base(), jobId);
            if (job != null && job.status().terminal()) {
                break;
            }
            long outcomes = job == null || job.progress() == null ? 0 : job.progress().outcomes();
            if (outcomes != lastOutcomes) {
                lastOutcomes = outcomes;
                lastMove = Instant.now();
            } else if (Duration.between(lastMove, Instant.now()).compareTo(STALL) > 0) {
                // a job that stopped moving is a finding, not a figure: fail now rather than at the deadline
                throw new IllegalStateException("job " + jobId + " made no progress for " + STALL.toMinutes()
                        + " minutes: " + (job == null ? "unseen" : job.status() + " (" + job.reason() + ")") + ", "
                        + outcomes + " outcomes; the services' logs are in " + pipeline.generator().log().getParent());
            }
            if (System.nanoTime() - lastLog > 30_000_000_000L) {
                lastLog = System.nanoTime();
                ScaleBenchmark.log("after " + Duration.between(submitted, Instant.now()).toSeconds() + " s: "
                        + (job == null ? "?" : job.status()) + ", " + outcomes + " outcomes, load average "
                        + loadAverage());
            }
            Thread.sleep(1000); // each poll is a job view the generator builds: its CPU counts in the figures
        }
        if (job == null || job.status() != JobStatus.COMPLETED) {
            throw new IllegalStateException("job " + jobId + " ended " + (job == null ? "unseen"
                    : job.status() + " (" + job.reason() + ")"));
        }
        return job;
    }

    private static Map<String, Double> cpuOf(Map<String, ServiceProcess> services) {
        Map<String, Double> cpu = new HashMap<>();
        services.forEach((name, service) -> cpu.put(name, cpuSeconds(service)));
        return cpu;
    }

    /** CPU seconds of each service's JIT compiler threads (Linux {@code /proc/<pid>/task}); 0 where unreadable. */
    private static Map<String, Double> jitOf(Map<String, ServiceProcess> services) {
        Map<String, Double> jit = new HashMap<>();
        services.forEach((name, service) -> {
            long ticks = 0;
            try (var tasks = Files.list(Path.of("/proc/" + service.pid() + "/task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        if (Files.readString(task.resolve("comm")).contains("CompilerThre")) { // C1, C2
                            String stat = Files.readString(task.resolve("stat"));
                            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                            ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                        }
                    } catch (java.io.IOException e) {
                        // a compiler thread that just ended
                    }
                }
            } catch (java.io.IOException e) {
                // no /proc here
            }
            jit.put(name, ticks / 100.0); // USER_HZ
        });
        return jit;
    }

    private static double ownCpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(Double.NaN);
    }

    private static double cpuSeconds(ServiceProcess service) {
        return ProcessHandle.of(service.pid()).flatMap(p -> p.info().totalCpuDuration())
                .map(d -> d.toMillis() / 1000.0).orElse(Double.NaN);
    }

    private PipelineBenchmark() {
    }
}
