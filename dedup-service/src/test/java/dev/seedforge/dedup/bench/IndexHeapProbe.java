package dev.seedforge.dedup.bench;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.DedupDecision;
import dev.seedforge.contracts.Json;
import dev.seedforge.dedup.domain.DedupEngine;
import dev.seedforge.dedup.domain.DetectorChain;
import dev.seedforge.dedup.domain.DuplicateDetector;
import dev.seedforge.dedup.domain.EmbeddingModels;
import dev.seedforge.dedup.domain.JobPolicy;
import dev.seedforge.dedup.domain.LangChain4jTextEmbedder;
import dev.seedforge.dedup.domain.TextEmbedder;
import dev.seedforge.dedup.domain.VectorIndex;

/**
 * What one job's in-memory index costs on the heap per kept example, and the engine's CPU per candidate without the
 * model: the texts' embeddings are computed once (and kept in a file, so that two builds decide over the same
 * vectors), then the engine decides every text as one job with those vectors. Prints the heap after a full GC at
 * each tenth, the heap each detector's index holds (dropped one by one), the engine's thread CPU per candidate, and
 * writes every decision to a file for comparing two builds. Last line: JSON.
 * <p>
 * Usage: {@code IndexHeapProbe FILE --limit 10000 --vectors /tmp/v.bin --decisions /tmp/d.jsonl [--histogram true]}.
 */
public final class IndexHeapProbe {

    private static final String JOB = "probe";

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Map<String, String> options = new TreeMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int limit = Integer.parseInt(options.getOrDefault("limit", "10000"));
        List<String> texts = read(file, limit);
        Path vectorFile = Path.of(options.getOrDefault("vectors", "/tmp/index-probe-vectors.bin"));
        Map<String, float[]> vectors = vectors(texts, vectorFile,
                options.getOrDefault("model", EmbeddingModels.MINILM_QUANTIZED));
        TextEmbedder embedder = text -> {
            float[] vector = vectors.get(text);
            if (vector == null) {
                throw new IllegalStateException("no vector for a text");
            }
            return vector;
        };

        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        DedupEngine engine = new DedupEngine(
                new DedupEngine.Settings(JobPolicy.DEFAULT, true, 3, true, VectorIndex.Params.DEFAULT), embedder);
        DetectorChain chain = engine.chain();
        double before = liveHeapMib(heapPools);
        List<Double> curve = new ArrayList<>();
        List<String> decisions = new ArrayList<>(texts.size());
        long cpu = 0;
        long unique = 0;
        int batch = 200;
        boolean fill = options.getOrDefault("mode", "decide").equals("fill");
        for (int from = 0; from < texts.size(); from += batch) {
            List<String> slice = texts.subList(from, Math.min(texts.size(), from + batch));
            long cpuStart = threads.getCurrentThreadCpuTime();
            engine.prepare(slice);
            for (int i = 0; i < slice.size(); i++) {
                int n = from + i;
                if (fill) {
                    chain.restore(JOB, id(n), chain.fingerprints(slice.get(i)));
                    unique++;
                    continue;
                }
                DedupDecision decision = chain.decide(JOB, id(n), slice.get(i)).await().indefinitely();
                decisions.add(Json.MAPPER.writeValueAsString(decision));
                if (decision.status() == DedupDecision.Status.UNIQUE) {
                    unique++;
                }
            }
            cpu += threads.getCurrentThreadCpuTime() - cpuStart;
            int done = from + slice.size();
            if (done % (texts.size() / 10) < batch && done / (texts.size() / 10) > curve.size()) {
                curve.add(liveHeapMib(heapPools));
            }
        }
        if (!fill) {
            Files.write(Path.of(options.getOrDefault("decisions", "/tmp/index-probe-decisions.jsonl")), decisions);
        }
        double full = liveHeapMib(heapPools);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("examples", texts.size());
        figures.put("unique", unique);
        figures.put("engine_cpu_us_per_candidate", Math.round(cpu / 1e3 / texts.size() * 10) / 10.0);
        figures.put("heap_before_mib", round(before));
        figures.put("heap_curve_mib", curve);
        if (Boolean.parseBoolean(options.getOrDefault("histogram", "false"))) {
            histogram(Integer.parseInt(options.getOrDefault("histogram-lines", "30")));
        }
        Map<String, Double> byDetector = new LinkedHashMap<>();
        double last = full;
        for (DuplicateDetector detector : chain.detectors()) {
            detector.forget(JOB);
            if (detector == engine.embeddings()) {
                // the detector's last search may still hold the job's index: a search in another job replaces it
                chain.restore("other", "other", chain.fingerprints(texts.get(0)));
                engine.embeddings().nearest("other", texts.get(0), 1);
                chain.forget("other");
            }
            double now = liveHeapMib(heapPools);
            byDetector.put(detector.name(), round(last - now));
            last = now;
        }
        figures.put("index_mib_by_detector", byDetector);
        figures.put("index_bytes_per_unique",
                Math.round((full - last) * 1024 * 1024 / Math.max(1, unique)));
        figures.put("rss_kib", rssKib());
        System.out.println(Json.MAPPER.writeValueAsString(figures));
    }

    /** A candidate id as the pipeline makes them (a UUID), fixed by position so that two runs match. */
    private static String id(int n) {
        return new UUID(0x5eedL, n).toString();
    }

    private static Map<String, float[]> vectors(List<String> texts, Path file, String model) throws IOException {
        Map<String, float[]> vectors = new HashMap<>();
        if (Files.exists(file)) {
            try (DataInputStream in = new DataInputStream(
                    new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
                int count = in.readInt();
                int dimensions = in.readInt();
                for (int i = 0; i < count; i++) {
                    float[] vector = new float[dimensions];
                    for (int d = 0; d < dimensions; d++) {
                        vector[d] = in.readFloat();
                    }
                    if (i < texts.size()) {
                        vectors.put(texts.get(i), vector);
                    }
                }
            }
            if (vectors.size() >= texts.stream().distinct().count()) {
                return vectors;
            }
            vectors.clear();
        }
        TextEmbedder embedder = new LangChain4jTextEmbedder(EmbeddingModels.create(model, null, null, null));
        List<float[]> all = new ArrayList<>();
        for (int from = 0; from < texts.size(); from += 256) {
            all.addAll(embedder.embedAll(texts.subList(from, Math.min(texts.size(), from + 256))));
            System.err.printf("embedded %d%n", all.size());
        }
        try (DataOutputStream out = new DataOutputStream(
                new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            out.writeInt(all.size());
            out.writeInt(all.get(0).length);
            for (float[] vector : all) {
                for (float v : vector) {
                    out.writeFloat(v);
                }
            }
        }
        for (int i = 0; i < texts.size(); i++) {
            vectors.put(texts.get(i), all.get(i));
        }
        return vectors;
    }

    private static List<String> read(Path file, int limit) throws IOException {
        List<String> texts = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null && texts.size() < limit; line = reader.readLine()) {
                if (!line.isBlank()) {
                    JsonNode record = Json.MAPPER.readTree(line);
                    texts.add(record.path("prompt").asText(""));
                }
            }
        }
        return texts;
    }

    private static double liveHeapMib(List<MemoryPoolMXBean> pools) {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return round(pools.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum() / 1024.0 / 1024.0);
    }

    private static void histogram(int lines) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(ProcessHandle.current().pid()),
                "GC.class_histogram").redirectErrorStream(true).start();
        List<String> all;
        try (BufferedReader reader = process.inputReader()) {
            all = reader.lines().toList();
        }
        all.stream().limit(lines).forEach(System.err::println);
        process.waitFor();
    }

    private static long rssKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
