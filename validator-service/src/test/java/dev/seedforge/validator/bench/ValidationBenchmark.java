package dev.seedforge.validator.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.Lineage;
import dev.seedforge.contracts.SchemaVersions;
import dev.seedforge.contracts.ValidationRules;
import dev.seedforge.contracts.Verdict;
import dev.seedforge.validator.domain.CandidateValidator;

/**
 * Throughput of the cheap checks (format, tools against their JSON Schemas, user rules with real token counts) on one
 * thread, on the real LLaMA-Factory demos in every format they convert to, repeated to about 50,000 candidates.
 * Throughput is candidates per second of the thread's CPU time, so that other processes on a shared machine do not
 * distort it; the wall-clock rate is printed beside it. Usage: {@code ValidationBenchmark <testdata dir> [candidates]}.
 * The last line printed is a JSON object.
 */
public final class ValidationBenchmark {

    private ValidationBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path data = Path.of(args.length > 0 ? args[0] : "testdata");
        int wanted = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        List<Candidate> distinct = realCandidates(data);
        List<Candidate> candidates = new ArrayList<>(wanted);
        for (int i = 0; candidates.size() < wanted; i++) {
            candidates.add(distinct.get(i % distinct.size()));
        }
        Map<ExampleFormat, CandidateValidator> validators = new TreeMap<>();
        for (ExampleFormat format : ExampleFormat.values()) {
            validators.put(format, CandidateValidator.forJob(spec(format)));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        run(validators, candidates.subList(0, Math.min(20_000, candidates.size())), new TreeMap<>());
        Map<String, Integer> outcomes = new TreeMap<>();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        run(validators, candidates, outcomes);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        double perSecond = candidates.size() / cpuSeconds;
        System.out.printf(Locale.ROOT, "distinct real candidates: %d (alpaca x3 formats, glaive x2 formats)%n",
                distinct.size());
        System.out.printf(Locale.ROOT, "validated %d candidates on one thread: %.2f s of CPU (%.2f s wall clock)%n",
                candidates.size(), cpuSeconds, seconds);
        System.out.printf(Locale.ROOT, "throughput on one core: %.0f candidates/s of CPU time (%.0f/s wall clock)%n",
                perSecond, candidates.size() / seconds);
        System.out.println("outcomes: " + outcomes);
        ObjectNode figures = Json.MAPPER.createObjectNode();
        figures.put("benchmark", "validation").put("candidates", candidates.size())
                .put("distinct", distinct.size()).put("threads", 1)
                .put("cpu_seconds", Math.round(cpuSeconds * 1000) / 1000.0)
                .put("wall_seconds", Math.round(seconds * 1000) / 1000.0)
                .put("candidates_per_second", Math.round(perSecond))
                .put("candidates_per_wall_second", Math.round(candidates.size() / seconds));
        ObjectNode counts = figures.putObject("outcomes");
        outcomes.forEach(counts::put);
        System.out.println(figures);
    }

    private static void run(Map<ExampleFormat, CandidateValidator> validators, List<Candidate> candidates,
            Map<String, Integer> outcomes) {
        for (Candidate candidate : candidates) {
            Verdict verdict = validators.get(candidate.format()).validate(candidate);
            outcomes.merge(verdict.accepted() ? "accepted" : verdict.reasons().get(0).code(), 1, Integer::sum);
        }
    }

    /** Rules a real job would set: token limits, a forbidden pattern, banned phrases. */
    private static JobSpec spec(ExampleFormat format) {
        return JobSpec.builder().task("benchmark").format(format).target(1)
                .rules(new ValidationRules(null, List.of("(?i)as an ai\\b"), 2048, 8192,
                        List.of("As an AI language model", "I cannot help with that")))
                .build();
    }

    private static List<Candidate> realCandidates(Path data) throws IOException {
        List<Candidate> candidates = new ArrayList<>();
        ArrayNode alpaca = read(data.resolve("llamafactory-alpaca-en-demo.json"));
        ArrayNode glaive = read(data.resolve("llamafactory-glaive-toolcall-en-demo.json"));
        for (ExampleFormat format : ExampleFormat.values()) {
            for (JsonNode record : alpaca) {
                candidates.add(candidate(candidates.size(), format,
                        format == ExampleFormat.ALPACA ? record : format.render(ExampleFormat.ALPACA.turns(record))));
            }
        }
        for (JsonNode record : glaive) {
            candidates.add(candidate(candidates.size(), ExampleFormat.SHAREGPT, record));
            ObjectNode openAi = ExampleFormat.OPENAI.render(ExampleFormat.SHAREGPT.turns(record));
            ArrayNode tools = openAi.putArray("tools");
            for (JsonNode function : Json.MAPPER.readTree(record.get("tools").asText())) {
                tools.addObject().put("type", "function").set("function", function);
            }
            candidates.add(candidate(candidates.size(), ExampleFormat.OPENAI, openAi));
        }
        return candidates;
    }

    private static Candidate candidate(int n, ExampleFormat format, JsonNode example) {
        return new Candidate(SchemaVersions.CURRENT, "bench-" + n, "bench", Candidate.DEFAULT_CELL, format, example,
                new Lineage("gpt-4o-mini", "bench", List.of(0), 0.9, 0, 0, 0));
    }

    private static ArrayNode read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return (ArrayNode) Json.MAPPER.readTree(in);
        }
    }
}
