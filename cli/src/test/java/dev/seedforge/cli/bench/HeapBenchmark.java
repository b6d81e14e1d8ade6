package dev.seedforge.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.cli.SeedforgeHome;
import dev.seedforge.cli.faults.ServiceProcess;
import dev.seedforge.contracts.Approval;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobSpecs;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.JobView;
import dev.seedforge.contracts.Json;
import dev.seedforge.localstack.LocalStack;

/**
 * {@code bench/scale --part c}: one big job (the gallery's task-api job, target 10,000) through the packaged services
 * (simulator as teacher and judge, no latency, no rate limits), and each service's heap after a full GC at each tenth
 * of the job: at each of the first nine tenths of the target accepted, and for the tenth tenth once the job has
 * completed and its dataset is written, {@code jcmd <pid> GC.run} (a full collection, the services run
 * the serial collector) then {@code jstat -gc <pid>} (survivors, eden and old generation used, in KiB), so each figure
 * is the service's live heap rather than wherever its last young collection left it. A heap that grows with the job
 * (a per-job map, a cache without a bound) shows as a rising curve. Verdict per service, "flat": the after-GC heap at
 * the last tenth is at most 1.25 times the one at the second tenth (the first tenth is warm-up: pools, caches and
 * compiled code fill up). Also: the job completes with exact books (the exporter's outcomes equal the candidates the
 * generator emitted, the dataset holds exactly the target), each service's heap when the target is reached (the
 * exporter then holds the job's outcomes to write them: its peak, not part of the curve) and again {@code --idle-s} (150) later
 * with nothing running (dedup is
 * told to drop a job's indexes after a minute unused, so its figure shows them dropped). Last line: one JSON object.
 */
public final class HeapBenchmark {

    /** The last tenth's after-GC heap may be at most this times the second tenth's. */
    static final double FLAT_RATIO = 1.25;

    public static void main(String[] args) throws Exception {
        int target = Integer.parseInt(ScaleBenchmark.option(args, "--target", "10000"));
        String example = ScaleBenchmark.option(args, "--example", "task-api");
        int idleS = Integer.parseInt(ScaleBenchmark.option(args, "--idle-s", "150"));
        Path work = Files.createTempDirectory("bench-heap");
        ScaleBenchmark.log("work directory " + work + " (logs in " + work.resolve("logs") + ")");
        Path bin = Path.of(ProcessHandle.current().info().command().orElseThrow()).getParent();
        try (LocalStack stack = new LocalStack(work.resolve("stack"), 0, 0).start();
                BenchServices services = new BenchServices(stack, work.resolve("logs"))) {
            stack.createPipelineTopics();
            // dedup drops a job's indexes once unused for a minute, so the sample taken idle-s after the job shows it
            BenchServices.Pipeline pipeline = services.startPipeline(Map.of(), work.resolve("out"),
                    idleS > 0 ? Map.of("dedup.index-idle-eviction", "1m") : Map.of());
            Map<String, ServiceProcess> byName = new LinkedHashMap<>();
            for (ServiceProcess service : pipeline.services()) {
                byName.put(service.name(), service);
            }
            Map<String, List<Long>> curves = new LinkedHashMap<>();
            byName.keySet().forEach(name -> curves.put(name, new ArrayList<>()));
            Map<String, Long> before = sample(bin, byName);
            ScaleBenchmark.log("after boot, before the job: heap after GC (KiB) " + before);

            JobSpec spec = JobSpecs.load(SeedforgeHome.dir().resolve("examples/" + example + "/job.yaml"));
            spec = spec.toBuilder().name("heap-" + example).task(spec.task() + " (heap benchmark " + UUID.randomUUID()
                    + ")").target(target).approval(Approval.AUTO).budgetUsd(null).maxCandidates(null).build();
            Instant submitted = Instant.now();
            String jobId = BenchServices.submit(pipeline.generator().base(), spec);
            ScaleBenchmark.log("job " + jobId + " submitted (" + example + ", target " + target + "), load average "
                    + PipelineBenchmark.loadAverage());
            List<Map<String, Object>> tenths = new ArrayList<>();
            JobView job = null;
            Map<String, Long> atEnd = null;
            Instant deadline = submitted.plus(Duration.ofMinutes(90));
            int next = 1;
            while (Instant.now().isBefore(deadline)) {
                job = BenchServices.job(pipeline.generator().base(), jobId);
                long accepted = job == null || job.progress() == null ? 0 : job.progress().accepted();
                boolean ended = job != null && job.status().terminal();
                // a tenth is sampled once the job's accepted examples reach it; whatever tenths are left when the
                // job has ended are sampled then (the last accepted ones arrive together with the end)
                while (next <= 9 && (accepted >= (long) target * next / 10 || ended)) {
                    Map<String, Long> heap = sample(bin, byName);
                    heap.forEach((name, kib) -> curves.get(name).add(kib));
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("tenth", next);
                    row.put("accepted", accepted);
                    row.put("candidates", job == null ? 0 : job.candidatesEmitted());
                    row.put("s", ScaleBenchmark.round(Duration.between(submitted, Instant.now()).toMillis() / 1000.0,
                            1));
                    row.put("load_average", PipelineBenchmark.loadAverage());
                    row.put("heap_kib", heap);
                    tenths.add(row);
                    ScaleBenchmark.log("tenth " + next + ": " + accepted + " accepted, " + row.get("candidates")
                            + " candidates after " + row.get("s") + " s, load average " + row.get("load_average")
                            + "; heap after GC (MiB) " + mib(heap));
                    next++;
                }
                if (atEnd == null && (accepted >= target || ended)) {
                    // the target reached: the exporter is loading the job's outcomes and writing its dataset
                    atEnd = sample(bin, byName);
                    ScaleBenchmark.log("target reached, " + (job == null ? "?" : job.status()) + ": heap after GC"
                            + " (MiB) " + mib(atEnd));
                }
                if (ended) {
                    break;
                }
                Thread.sleep(1000);
            }
            if (job == null || job.status() != JobStatus.COMPLETED) {
                throw new IllegalStateException("job " + jobId + " ended " + (job == null ? "unseen"
                        : job.status() + " (" + job.reason() + ")"));
            }
            double wall = Duration.between(submitted, Instant.now()).toMillis() / 1000.0;
            // the books, once the exporter has written the dataset
            JsonNode manifest = null;
            Instant booksDeadline = Instant.now().plus(Duration.ofMinutes(5));
            while (manifest == null && Instant.now().isBefore(booksDeadline)) {
                JsonNode dataset = BenchServices.getJson(pipeline.exporter().base(), "/datasets/" + jobId);
                manifest = dataset == null ? null : dataset.get("manifest");
                if (manifest == null) {
                    Thread.sleep(1000);
                }
            }
            long outcomes = manifest == null ? -1 : manifest.path("outcomes").asLong();
            long exported = manifest == null ? -1
                    : manifest.path("trainExamples").asLong() + manifest.path("validationExamples").asLong();
            boolean books = outcomes == job.candidatesEmitted() && exported == target;
            // the tenth tenth: the job done, its dataset written
            Map<String, Long> after = sample(bin, byName);
            after.forEach((name, kib) -> curves.get(name).add(kib));
            ScaleBenchmark.log("tenth 10, the dataset written: heap after GC (MiB) " + mib(after));
            Map<String, Long> idle = null;
            if (idleS > 0) {
                Thread.sleep(idleS * 1000L);
                idle = sample(bin, byName);
                ScaleBenchmark.log(idleS + " s after the job, nothing running: heap after GC (MiB) " + mib(idle));
            }

            Map<String, Object> perService = new LinkedHashMap<>();
            for (var curve : curves.entrySet()) {
                List<Long> kib = curve.getValue();
                Map<String, Object> figures = new LinkedHashMap<>();
                List<Double> curveMib = kib.stream().map(HeapBenchmark::mib).toList();
                figures.put("before_mib", mib(before.get(curve.getKey())));
                figures.put("curve_mib", curveMib);
                figures.put("at_target_mib", atEnd == null ? null : mib(atEnd.get(curve.getKey())));
                if (idle != null) {
                    figures.put("idle_mib", mib(idle.get(curve.getKey())));
                }
                boolean flat = kib.size() == 10 && kib.get(9) <= FLAT_RATIO * kib.get(1);
                figures.put("last_over_second", kib.size() == 10 ? ScaleBenchmark.round((double) kib.get(9)
                        / kib.get(1), 3) : null);
                figures.put("flat", flat);
                perService.put(curve.getKey(), figures);
                ScaleBenchmark.log(String.format("%-18s heap after GC (MiB) before %s, tenths %s, at the target %s,"
                        + " idle %s: %s", curve.getKey(), figures.get("before_mib"), curveMib,
                        figures.get("at_target_mib"), figures.get("idle_mib"), flat ? "flat" : "NOT flat"));
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("benchmark", "scale-c");
            result.put("example", example);
            result.put("target", target);
            result.put("candidates", job.candidatesEmitted());
            result.put("outcomes", outcomes);
            result.put("exported", exported);
            result.put("exact_books", books);
            result.put("wall_s", ScaleBenchmark.round(wall, 1));
            result.put("idle_s", idleS);
            result.put("flat_rule", "tenth 10 <= " + FLAT_RATIO + " x tenth 2 (heap after a full GC: jcmd GC.run,"
                    + " jstat -gc)");
            result.put("services", perService);
            result.put("all_flat", perService.values().stream()
                    .allMatch(f -> Boolean.TRUE.equals(((Map<?, ?>) f).get("flat"))));
            result.put("load_average", PipelineBenchmark.loadAverage());
            result.put("tenths", tenths);
            pipeline.close();
            System.out.println(Json.MAPPER.writeValueAsString(result));
        }
    }

    /** Each service's heap right after a full GC, in KiB. */
    static Map<String, Long> sample(Path bin, Map<String, ServiceProcess> services) throws Exception {
        Map<String, Long> heap = new LinkedHashMap<>();
        for (var entry : services.entrySet()) {
            long pid = entry.getValue().pid();
            run(bin.resolve("jcmd").toString(), Long.toString(pid), "GC.run");
            heap.put(entry.getKey(), usedKib(run(bin.resolve("jstat").toString(), "-gc", Long.toString(pid))));
        }
        return heap;
    }

    /** Survivors, eden and old generation used, from {@code jstat -gc}'s header and values. */
    static long usedKib(String jstat) {
        String[] lines = jstat.strip().split("\n");
        String[] header = lines[0].trim().split("\\s+");
        String[] values = lines[lines.length - 1].trim().split("\\s+");
        double used = 0;
        for (int i = 0; i < header.length; i++) {
            if (List.of("S0U", "S1U", "EU", "OU").contains(header[i])) {
                used += Double.parseDouble(values[i]);
            }
        }
        return Math.round(used);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    private static double mib(long kib) {
        return ScaleBenchmark.round(kib / 1024.0, 1);
    }

    private static Map<String, Double> mib(Map<String, Long> kib) {
        Map<String, Double> out = new LinkedHashMap<>();
        kib.forEach((name, value) -> out.put(name, mib(value)));
        return out;
    }

    private HeapBenchmark() {
    }
}
