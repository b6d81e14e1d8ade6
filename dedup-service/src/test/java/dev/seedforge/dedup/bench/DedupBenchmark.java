package dev.seedforge.dedup.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.DedupDecision;
import dev.seedforge.contracts.Json;
import dev.seedforge.dedup.domain.DedupEngine;
import dev.seedforge.dedup.domain.DetectorChain;
import dev.seedforge.dedup.domain.EmbeddingDuplicateDetector;
import dev.seedforge.dedup.domain.EmbeddingModels;
import dev.seedforge.dedup.domain.JobPolicy;
import dev.seedforge.dedup.domain.LangChain4jTextEmbedder;
import dev.seedforge.dedup.domain.Match;
import dev.seedforge.dedup.domain.Neighbour;
import dev.seedforge.dedup.domain.TextEmbedder;
import dev.seedforge.dedup.domain.VectorIndex;

/**
 * Runs the service's dedup engine (the same domain classes, no Quarkus) over every prompt of a JSONL.gz file as one
 * job and prints the figures; the last line is one JSON object.
 * <p>
 * The bound (the embedding model alone) is measured batch by batch beside the engine on the same batch, in
 * alternating order, so that a shared machine's changing load weighs on both alike; wall and process CPU time are
 * both reported.
 * <p>
 * Usage: {@code DedupBenchmark FILE [--model all-minilm-l6-v2-q] [--batch 256] [--sample-every 20] [--limit N]}.
 */
public final class DedupBenchmark {

    private static final String JOB = "bench";

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        Map<String, String> options = new TreeMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String model = options.getOrDefault("model", EmbeddingModels.MINILM_QUANTIZED);
        int batch = Integer.parseInt(options.getOrDefault("batch", "256"));
        int sampleEvery = Integer.parseInt(options.getOrDefault("sample-every", "20"));
        int limit = Integer.parseInt(options.getOrDefault("limit", String.valueOf(Integer.MAX_VALUE)));
        VectorIndex.Params hnsw = new VectorIndex.Params(Integer.parseInt(options.getOrDefault("m", "16")),
                Integer.parseInt(options.getOrDefault("ef-construction", "100")),
                Integer.parseInt(options.getOrDefault("ef", "64")));

        long loadStart = System.nanoTime();
        TextEmbedder embedder = new LangChain4jTextEmbedder(EmbeddingModels.create(model, null, null, null));
        embedder.embed("warm up");
        double loadSeconds = seconds(System.nanoTime() - loadStart);
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);

        JobPolicy policy = JobPolicy.DEFAULT;
        DedupEngine engine = new DedupEngine(new DedupEngine.Settings(policy, true, 3, true, hnsw), embedder);
        DetectorChain chain = engine.chain();
        EmbeddingDuplicateDetector embeddings = engine.embeddings();
        Map<String, Integer> byMethod = new TreeMap<>();
        long[] counts = new long[4]; // examples, sampled, agreeing, unique
        long[] nanos = new long[3]; // sampled ANN, sampled exhaustive, sampling total (excluded from end to end)
        Stopwatch engineTime = new Stopwatch();
        Stopwatch boundTime = new Stopwatch();
        long[] batches = new long[1];
        long progressEvery = Long.parseLong(options.getOrDefault("progress-every", "5000"));

        long start = System.nanoTime();
        forEachBatch(file, batch, limit, texts -> {
            boolean boundFirst = batches[0]++ % 2 == 0;
            if (boundFirst) {
                boundTime.time(() -> embedder.embedAll(texts));
            }
            long samplingBefore = nanos[2];
            engineTime.start();
            engine.prepare(texts);
            for (String text : texts) {
                long n = counts[0]++;
                if (n % sampleEvery == 0) {
                    long sampleStart = System.nanoTime();
                    float[] vector = embeddings.embedding(text);
                    long annStart = System.nanoTime();
                    Optional<Match> ann = embeddings.match(JOB, vector);
                    long exhaustiveStart = System.nanoTime();
                    VectorIndex index = embeddings.index(JOB);
                    List<Neighbour> exact = index == null ? List.of()
                            : index.exhaustive(vector, policy.semanticThreshold());
                    long end = System.nanoTime();
                    nanos[0] += exhaustiveStart - annStart;
                    nanos[1] += end - exhaustiveStart;
                    counts[1]++;
                    if (ann.isPresent() == !exact.isEmpty()) {
                        counts[2]++;
                    }
                    nanos[2] += end - sampleStart;
                }
                DedupDecision decision = chain.decide(JOB, "c-" + n, text).await().indefinitely();
                if (decision.status() == DedupDecision.Status.DUPLICATE) {
                    byMethod.merge(decision.method(), 1, Integer::sum);
                } else {
                    counts[3]++;
                }
                if (counts[0] % progressEvery == 0) {
                    System.err.printf("%d examples, %.0f s, engine %.1f/s, bound %.1f/s%n", counts[0],
                            seconds(System.nanoTime() - start), counts[0] / seconds(engineTime.wall),
                            counts[0] / seconds(Math.max(1, boundTime.wall)));
                }
            }
            engineTime.stop(nanos[2] - samplingBefore);
            if (!boundFirst) {
                boundTime.time(() -> embedder.embedAll(texts));
            }
        });
        double runSeconds = seconds(System.nanoTime() - start);
        double endToEndSeconds = seconds(engineTime.wall);
        double boundSeconds = seconds(boundTime.wall);
        long examples = counts[0];

        long peakHeap = heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("examples", examples);
        figures.put("model", model);
        figures.put("model_load_s", round(loadSeconds));
        figures.put("end_to_end_examples_per_s", round(examples / endToEndSeconds));
        figures.put("embedding_alone_examples_per_s", round(examples / boundSeconds));
        figures.put("ratio_to_bound", round(boundSeconds / endToEndSeconds));
        figures.put("ratio_to_bound_cpu", round((double) boundTime.cpu / engineTime.cpu));
        figures.put("end_to_end_cpu_s", round(seconds(engineTime.cpu)));
        figures.put("embedding_alone_cpu_s", round(seconds(boundTime.cpu)));
        figures.put("run_wall_s", round(runSeconds));
        figures.put("ann_agreement_at_threshold", round4((double) counts[2] / counts[1]));
        figures.put("ann_sampled_queries", counts[1]);
        figures.put("ann_speedup_over_brute_force", round((double) nanos[1] / Math.max(1, nanos[0])));
        figures.put("ann_query_us", round(nanos[0] / 1e3 / counts[1]));
        figures.put("brute_force_query_us", round(nanos[1] / 1e3 / counts[1]));
        figures.put("unique", counts[3]);
        figures.put("duplicates_by_method", byMethod);
        figures.put("peak_heap_mib", round(peakHeap / 1024.0 / 1024.0));
        figures.put("max_heap_mib", round(Runtime.getRuntime().maxMemory() / 1024.0 / 1024.0));
        figures.put("cores", Runtime.getRuntime().availableProcessors());
        figures.put("hnsw", Map.of("m", hnsw.m(), "ef_construction", hnsw.efConstruction(), "ef", hnsw.ef()));
        System.out.printf("examples %d, end to end %.1f/s, embedding alone %.1f/s (ratio %.2f wall, %.2f CPU)%n",
                examples, examples / endToEndSeconds, examples / boundSeconds, boundSeconds / endToEndSeconds,
                (double) boundTime.cpu / engineTime.cpu);
        System.out.printf("ANN agreement with brute force at cosine %.2f: %.4f over %d queries, speed-up %.1fx%n",
                policy.semanticThreshold(), (double) counts[2] / counts[1], counts[1],
                (double) nanos[1] / Math.max(1, nanos[0]));
        System.out.printf("duplicates by method %s, unique %d, peak heap %.0f MiB%n", byMethod, counts[3],
                peakHeap / 1024.0 / 1024.0);
        System.out.println(Json.MAPPER.writeValueAsString(figures));
    }

    private static void forEachBatch(Path file, int size, int limit, Consumer<List<String>> work) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8))) {
            List<String> texts = new ArrayList<>(size);
            int read = 0;
            for (String line = reader.readLine(); line != null && read < limit; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode record = Json.MAPPER.readTree(line);
                texts.add(record.path("prompt").asText(""));
                read++;
                if (texts.size() == size) {
                    work.accept(texts);
                    texts = new ArrayList<>(size);
                }
            }
            if (!texts.isEmpty()) {
                work.accept(texts);
            }
        }
    }

    /** Wall and whole-process CPU time (the model's native threads included) over the intervals it is run. */
    private static final class Stopwatch {
        private static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean();
        long wall;
        long cpu;
        private long wallStart;
        private long cpuStart;

        void start() {
            wallStart = System.nanoTime();
            cpuStart = OS.getProcessCpuTime();
        }

        /** Ends an interval, leaving out {@code excludedWall} ns of it (the ANN sampling, timed apart). */
        void stop(long excludedWall) {
            long wallSpent = System.nanoTime() - wallStart;
            long cpuSpent = OS.getProcessCpuTime() - cpuStart;
            wall += wallSpent - excludedWall;
            cpu += wallSpent == 0 ? cpuSpent : Math.round(cpuSpent * (double) (wallSpent - excludedWall) / wallSpent);
        }

        void time(Runnable work) {
            start();
            work.run();
            stop(0);
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static double round4(double value) {
        return Math.round(value * 10000) / 10000.0;
    }
}
