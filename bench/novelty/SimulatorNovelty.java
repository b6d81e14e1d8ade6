import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.ComparedText;
import dev.seedforge.contracts.Conversation;
import dev.seedforge.contracts.DedupDecision;
import dev.seedforge.contracts.DedupSpec;
import dev.seedforge.contracts.DiversitySpec;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobSpecs;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.PlanCell;
import dev.seedforge.dedup.domain.DedupEngine;
import dev.seedforge.dedup.domain.DetectorChain;
import dev.seedforge.dedup.domain.EmbeddingModels;
import dev.seedforge.dedup.domain.JobPolicy;
import dev.seedforge.dedup.domain.LangChain4jTextEmbedder;
import dev.seedforge.dedup.domain.TextEmbedder;
import dev.seedforge.dedup.domain.VectorIndex;
import dev.seedforge.generator.domain.Diversity;
import dev.seedforge.generator.domain.DiversityLevers;
import dev.seedforge.generator.domain.GeneratedExamples;
import dev.seedforge.generator.domain.GenerationPrompt;
import dev.seedforge.generator.domain.Personas;
import dev.seedforge.generator.domain.PlanBuilder;
import dev.seedforge.generator.domain.PromptBuilder;
import dev.seedforge.simulator.domain.ChatInput;
import dev.seedforge.simulator.domain.GenerationShares;
import dev.seedforge.simulator.domain.TeacherSimulator;
import dev.seedforge.simulator.domain.Turn;
import dev.seedforge.validator.judge.JudgePrompt;
import dev.seedforge.validator.judge.JudgeScores;

/**
 * Fast measure of the teacher simulator's novelty, without Kafka, PostgreSQL or services: for each gallery job, the
 * generator's own plan and prompts (PromptBuilder, personas and already-have digests as the generator picks them),
 * the simulator's answers (default defect rates), the dedup service's detector chain (exact, MinHash, embeddings with
 * the job's thresholds: MiniLM, bge-small-zh for mostly Chinese texts and none for scripts neither reads, as in the
 * service; seeds remembered first, the job's compared text) and the validator's judge
 * prompt answered by the simulator's judge stand-in. Per cell: calls until the cell has its quota of kept examples or
 * 4x its quota of candidates. Prints a line per job, then one JSON object.
 */
public final class SimulatorNovelty {

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "examples");
        List<String> only = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
        boolean verbose = System.getenv("NOVELTY_SHOW") != null;
        TextEmbedder embedder = new LangChain4jTextEmbedder(
                EmbeddingModels.create(EmbeddingModels.MINILM_QUANTIZED, null, null, null));
        // as the service reads texts by script: mostly Chinese ones by the model of Chinese, Korean, Arabic, ... by none
        TextEmbedder hanEmbedder = LangChain4jTextEmbedder.loadedOnFirstUse(
                () -> EmbeddingModels.create(EmbeddingModels.BGE_SMALL_ZH_QUANTIZED, null, null, null));
        TeacherSimulator simulator = new TeacherSimulator(42, new GenerationShares(0.02, 0.02, 0.03, 0.0));
        List<Map<String, Object>> perJob = new ArrayList<>();
        List<Path> jobs;
        try (Stream<Path> dirs = Files.list(root)) {
            jobs = dirs.map(d -> d.resolve("job.yaml")).filter(Files::exists).sorted().toList();
        }
        for (Path file : jobs) {
            String name = file.getParent().getFileName().toString();
            if (!only.isEmpty() && !only.contains(name)) {
                continue;
            }
            perJob.add(run(name, JobSpecs.load(file), simulator, embedder, hanEmbedder, verbose));
        }
        System.out.println(Json.MAPPER.writeValueAsString(Map.of("jobs", perJob)));
    }

    static Map<String, Object> run(String name, JobSpec spec, TeacherSimulator simulator, TextEmbedder embedder,
            TextEmbedder hanEmbedder, boolean verbose) {
        long start = System.nanoTime();
        spec = spec.withDefaults();
        DedupSpec dedupSpec = spec.dedupOrDefault();
        ComparedText compare = ComparedText.named(dedupSpec.compare(), ComparedText.USER);
        JobPolicy policy = new JobPolicy(dedupSpec.lexicalThreshold() == null ? 0.8 : dedupSpec.lexicalThreshold(),
                dedupSpec.semanticThreshold() == null ? 0.85 : dedupSpec.semanticThreshold(), 0.7, 5, null);
        DedupEngine engine = new DedupEngine(new DedupEngine.Settings(policy, true, 3, true,
                new VectorIndex.Params(16, 100, 64)), embedder, hanEmbedder, false);
        DetectorChain chain = engine.chain();
        String job = name;
        List<String> seedTexts = spec.seeds().stream().map(compare::of).toList();
        Map<String, String> textOf = new java.util.HashMap<>();
        for (int i = 0; i < seedTexts.size(); i++) {
            textOf.put(DetectorChain.seedOrigin(i), seedTexts.get(i));
        }
        Map<String, Integer> methods = new TreeMap<>();
        engine.prepare(seedTexts);
        chain.rememberSeeds(job, seedTexts).await().indefinitely();
        DiversitySpec levers = leversOff(spec.diversity() == null ? DiversitySpec.DEFAULT
                : spec.diversity().withDefaults());
        JobSpec full = spec.withDefaults();
        int perCall = full.examplesPerCall() == null ? 5 : full.examplesPerCall();
        Map<String, Integer> reasons = new TreeMap<>();
        int candidates = 0, duplicates = 0, unparsed = 0, judged = 0, judgeRejected = 0, kept = 0, target = 0;
        long sequence = 0;
        int evolving = 0;
        Map<Map<String, String>, List<Conversation>> keptByAxes = new java.util.HashMap<>();
        List<String> samples = new ArrayList<>();
        for (PlanCell cell : PlanBuilder.cells(spec)) {
            target += cell.quota();
            int cellKept = 0, cellCandidates = 0, cellDuplicates = 0;
            List<Conversation> newest = new ArrayList<>();
            while (cellKept < cell.quota() && cellCandidates < 4 * cell.quota()) {
                sequence++;
                int count = Math.min(perCall, Math.max(1, cell.quota() - cellKept));
                Diversity diversity = DiversityLevers.choose(levers, spec.randomSeed(), sequence, cellDuplicates,
                        cellCandidates, Personas.library(), DiversityLevers.digests(newest));
                // as the generator's NextCalls: a hard cell evolves an earlier example of a simpler sibling
                Conversation toEvolve = null;
                if (List.of("complex", "edge_case").contains(cell.complexity())) {
                    List<Conversation> siblings = keptByAxes.getOrDefault(cell.axes(), List.of());
                    toEvolve = siblings.isEmpty() ? null : siblings.get((int) (sequence % siblings.size()));
                }
                GenerationPrompt prompt = PromptBuilder.build(spec, cell, sequence, count, toEvolve, diversity);
                evolving += toEvolve == null ? 0 : 1;
                ChatInput input = new ChatInput(spec.teacherModel(), List.of(new Turn(Turn.SYSTEM, prompt.system()),
                        new Turn(Turn.USER, prompt.user())), prompt.temperature(), "json_schema",
                        TeacherSimulator.GENERATION_SCHEMA, null, null);
                String content = simulator.answer(input).content();
                GeneratedExamples parsed = GeneratedExamples.parse(content, spec.format());
                if (parsed.examples().isEmpty()) {
                    unparsed += count;
                    cellCandidates += count;
                    candidates += count;
                    continue;
                }
                List<Candidate> unique = new ArrayList<>();
                List<String> texts = parsed.examples().stream().map(compare::of).toList();
                engine.prepare(texts);
                for (int i = 0; i < parsed.examples().size(); i++) {
                    Conversation example = parsed.examples().get(i);
                    candidates++;
                    cellCandidates++;
                    String id = "c-" + candidates;
                    DedupDecision decision = chain.decide(job, id, texts.get(i)).await().indefinitely();
                    if (decision.status() == DedupDecision.Status.DUPLICATE) {
                        duplicates++;
                        cellDuplicates++;
                        methods.merge(decision.method() + (decision.duplicateOf().startsWith("seed") ? "(seed)" : ""),
                                1, Integer::sum);
                        if (verbose && duplicates % 8 == 1) {
                            System.err.printf("  DUP %s %.2f%n    %s%n    %s%n", decision.method(),
                                    decision.similarity() == null ? 0 : decision.similarity(),
                                    texts.get(i).replace('\n', ' '),
                                    textOf.getOrDefault(decision.duplicateOf(), "?").replace('\n', ' '));
                        }
                        continue;
                    }
                    textOf.put(id, texts.get(i));
                    if (!List.of("complex", "edge_case").contains(cell.complexity())) {
                        keptByAxes.computeIfAbsent(cell.axes(), k -> new ArrayList<>()).add(example);
                    }
                    unique.add(new Candidate(1, id, job, cell.id(), spec.format(), example.toJson(), null));
                    newest.add(0, example);
                    if (samples.size() < 6 && verbose) {
                        samples.add(cell.id() + " | " + texts.get(i).replace('\n', ' ') + " => "
                                + lastReply(example));
                    }
                }
                if (unique.isEmpty()) {
                    continue;
                }
                List<Boolean> verdicts = judge(full, unique, simulator, reasons);
                judged += unique.size();
                for (boolean ok : verdicts) {
                    if (ok) {
                        kept++;
                        cellKept++;
                    } else {
                        judgeRejected++;
                    }
                }
            }
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("name", name);
        figures.put("target", target);
        figures.put("kept", kept);
        figures.put("candidates", candidates);
        figures.put("candidate_duplicate_ratio", round((double) duplicates / Math.max(1, candidates)));
        figures.put("judge_rejected_ratio", round((double) judgeRejected / Math.max(1, judged)));
        figures.put("unparsed", unparsed);
        figures.put("candidates_per_kept", round((double) candidates / Math.max(1, kept)));
        figures.put("judge_comments", reasons);
        figures.put("duplicate_methods", methods);
        figures.put("evolving_calls", evolving);
        figures.put("wall_s", round((System.nanoTime() - start) / 1e9));
        System.err.printf("%-20s target %4d kept %4d candidates %4d duplicates %5.1f%% judge-rejected %5.1f%%"
                + " candidates/kept %.2f%n", name, target, kept, candidates, 100.0 * duplicates / Math.max(1,
                        candidates), 100.0 * judgeRejected / Math.max(1, judged), (double) candidates / Math.max(1,
                                kept));
        samples.forEach(s -> System.err.println("    " + s));
        return figures;
    }

    /** The validator's judge prompt for the batch, answered by the simulator's judge stand-in. */
    static List<Boolean> judge(JobSpec spec, List<Candidate> batch, TeacherSimulator simulator,
            Map<String, Integer> reasons) {
        JudgePrompt prompt = JudgePrompt.of(spec, batch);
        // the shape of the validator's judge schema (JudgeClient): a row of scores per example index, and weaknesses
        ObjectNode schema = Json.MAPPER.createObjectNode();
        ObjectNode properties = schema.putObject("properties");
        ObjectNode scores = properties.putObject("scores").putObject("properties");
        for (int i = 0; i < batch.size(); i++) {
            ObjectNode row = scores.putObject(JudgeScores.key(i)).put("type", "array")
                    .put("minItems", prompt.criteria().size()).put("maxItems", prompt.criteria().size());
            row.putObject("items").put("type", "integer");
        }
        properties.putObject(JudgeScores.WEAKNESSES).put("type", "array");
        ChatInput input = new ChatInput(spec.judgeModel() == null ? "judge" : spec.judgeModel(), List.of(
                new Turn(Turn.SYSTEM, prompt.system()), new Turn(Turn.USER, prompt.user())), 0.0, "json_schema",
                JudgePrompt.SCHEMA_NAME, schema, null);
        JudgeScores answer = JudgeScores.parse(simulator.answer(input).content(), prompt.criteria(), batch.size());
        List<Boolean> verdicts = new ArrayList<>();
        for (JudgeScores.Score score : answer.scores()) {
            boolean ok = score.byCriterion().values().stream().allMatch(value -> value >= prompt.minScore());
            if (!ok) {
                String comment = score.comment().replaceAll("'[^']*'", "'…'").replaceAll("\\d+", "N");
                reasons.merge(comment, 1, Integer::sum);
            }
            verdicts.add(ok);
        }
        return verdicts;
    }

    private static String lastReply(Conversation example) {
        var turns = example.messages();
        String content = turns.get(turns.size() - 1).content();
        return content == null ? "" : content.replace('\n', ' ');
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /** NOVELTY_LEVERS_OFF=personas,already_have,adaptive switches those levers off, to measure each one's effect. */
    static DiversitySpec leversOff(DiversitySpec levers) {
        String off = System.getenv().getOrDefault("NOVELTY_LEVERS_OFF", "");
        List<String> names = java.util.Arrays.stream(off.split(",")).map(String::strip).filter(n -> !n.isEmpty())
                .toList();
        for (String name : names) {
            if (!List.of("personas", "already_have", "adaptive").contains(name)) {
                throw new IllegalArgumentException("NOVELTY_LEVERS_OFF: no lever " + name
                        + " (personas, already_have, adaptive)");
            }
        }
        return new DiversitySpec(levers.personas() && !names.contains("personas"),
                levers.alreadyHave() && !names.contains("already_have"), levers.adaptive() && !names.contains("adaptive"),
                levers.pauseDuplicateRate(), levers.pauseRejectRate(), levers.pauseAfterOutcomes());
    }
}
