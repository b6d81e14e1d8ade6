package dev.seedforge.simulator.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Answers a generation request: for each wanted example, decides (by the configured shares) whether to write a new
 * example ({@link ExampleWriter}), a duplicate, a near duplicate or a structurally broken one; then, now and then,
 * cuts the whole answer off mid-example. The plan cell's directives choose the seeds the writer starts from: those
 * answering with the cell's label, those mentioning its other axis values, error cases for edge cases, seeds with
 * tool calls when tools are wanted.
 */
public final class ExampleGenerator {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> FALLBACK_TOPICS = List.of("a packing list for a weekend trip",
            "how to water succulents", "a polite reminder email", "three tips for a stand-up meeting",
            "a short summary of a quarterly report", "a name for a team wiki page");
    private static final Pattern REFUSAL = Pattern.compile("(?i)^\\s*(error\\b|sorry\\b|i can(?:no|')t\\b|unable\\b)");
    private static final double PREFERENCE = 0.85;

    private final GenerationShares shares;
    private final ExampleWriter writer;

    public ExampleGenerator(GenerationShares shares) {
        this(shares, new ToolConversations(new SchemaFiller()));
    }

    public ExampleGenerator(GenerationShares shares, ToolConversations toolConversations) {
        this.shares = shares;
        this.writer = new ExampleWriter(toolConversations);
    }

    private static final ReasoningTraces TRACES = new ReasoningTraces(new dev.seedforge.contracts.tokens.TokenCounter());

    public GeneratedBatch generate(GenerationPrompt prompt, SplittableRandom random) {
        return generate(prompt, random, -1);
    }

    /** As above; with {@code reasoningBudget} of 0 or more, each answer with a trace of at most that many tokens. */
    public GeneratedBatch generate(GenerationPrompt prompt, SplittableRandom random, int reasoningBudget) {
        return generate(prompt, random, reasoningBudget, null);
    }

    /** As above; with {@code rejected}, each record also carries a worse answer in its asked failure mode. */
    public GeneratedBatch generate(GenerationPrompt prompt, SplittableRandom random, int reasoningBudget,
            RejectedAnswers rejected) {
        List<Example> seeds = prompt.seeds().isEmpty() ? fallbackSeeds() : prompt.seeds();
        GenerationPrompt effective = prompt.seeds().isEmpty() ? withSeeds(prompt, seeds) : prompt;
        List<Example> toolPool = pool(effective, seeds);
        // `tools: K of N`: the first K examples call a tool, the others answer without one, from seeds that do too
        List<Example> plainPool = toolPool.stream().filter(seed -> !ExampleWriter.hasToolCalls(seed)).toList();
        if (plainPool.isEmpty()) {
            plainPool = seeds.stream().filter(seed -> !ExampleWriter.hasToolCalls(seed)).toList();
        }
        List<Example> examples = new ArrayList<>();
        List<ExampleKind> kinds = new ArrayList<>();
        for (int i = 0; i < prompt.count(); i++) {
            boolean callsTool = prompt.cell().callsTool(i);
            List<Example> pool = callsTool || plainPool.isEmpty() ? toolPool : plainPool;
            ExampleKind kind = chooseKind(random);
            Example example;
            if (prompt.toEvolve() != null) {
                kind = kind == ExampleKind.INVALID ? kind : ExampleKind.VARIANT;
                // the example to evolve is a cue, not a text to retell: a retold copy (new values, the same request)
                // is what dedup rejects, call after call; the evolution is applied to new examples of the cell
                Example base = writer.write(effective, pool, false, callsTool, random);
                example = Evolver.evolve(base, prompt.cell().evolve(), random);
                if (kind == ExampleKind.INVALID) {
                    example = StructuralDefects.apply(example, random);
                }
            } else {
                Example seed = pick(pool, prompt.cell(), random);
                example = switch (kind) {
                    case DUPLICATE -> duplicate(seed, examples, kinds, random);
                    case NEAR_DUPLICATE -> NearDuplicates.of(seed, random);
                    case INVALID -> writer.write(effective, pool, true, callsTool, random);
                    case VARIANT -> writer.write(effective, pool, false, callsTool, random);
                };
            }
            examples.add(example);
            kinds.add(kind);
        }
        boolean truncated = random.nextDouble() < shares.malformedRate();
        Function<Example, ObjectNode> plain = renderer(prompt);
        Function<Example, ObjectNode> traced = reasoningBudget < 0 ? plain
                : plain.andThen(record -> TRACES.addTo(record, reasoningBudget, random));
        Function<Example, ObjectNode> renderer = traced;
        if (rejected != null) {
            dev.seedforge.contracts.ExampleFormat format = prompt.format() == null
                    ? dev.seedforge.contracts.ExampleFormat.OPENAI
                    : prompt.format();
            int[] next = { 0 };
            renderer = example -> rejected.addTo(traced.apply(example), next[0]++, format,
                    prompt.toolsPerExample() ? example.tools() : prompt.tools(), random);
        }
        String content = truncated ? truncatedJson(examples, renderer, random) : toJson(examples, renderer);
        return new GeneratedBatch(examples, kinds, content, truncated);
    }

    /** The seeds a cell's examples start from: its label's, then those naming its axis values, with tool calls. */
    static List<Example> pool(GenerationPrompt prompt, List<Example> seeds) {
        CellDirectives cell = prompt.cell();
        List<Example> pool = seeds;
        String labelAxis = prompt.labelAxis();
        if (labelAxis != null) {
            String label = cell.axis(labelAxis);
            List<Example> labelled = seeds.stream()
                    .filter(s -> Labels.answersWith(Labels.finalReply(s), label)).toList();
            pool = labelled.isEmpty() ? seeds : labelled;
        }
        pool = replyingWithTheCellsValues(pool, cell, labelAxis);
        pool = preferred(pool, cell, labelAxis, prompt);
        if (cell.tools()) {
            List<Example> withCalls = pool.stream().filter(ExampleWriter::hasToolCalls).toList();
            if (prompt.toolsPerExample()) {
                // a call is made up for a seed that has none, in front of its reply: one that apologises cannot follow
                withCalls = withCalls.isEmpty()
                        ? pool.stream().filter(seed -> !ToolConversations.apologises(seed)).toList()
                        : callingWithin(withCalls, Math.max(1, cell.turns()));
            }
            pool = withCalls.isEmpty() ? pool : withCalls;
        }
        return pool;
    }

    /**
     * The seeds that call a tool within their first {@code turns} requests, when some do: cut to the asked turns,
     * another's call is lost and made up again in front of a reply that asks for the details the call needed (Glaive's
     * seeds often ask first, then call). Only with {@code tool_lists: per example}: the job-level path keeps its pool.
     */
    static List<Example> callingWithin(List<Example> seeds, int turns) {
        List<Example> early = seeds.stream().filter(seed -> {
            int users = 0;
            for (Turn turn : seed.messages()) {
                users += turn.isUser() ? 1 : 0;
                if (users > turns) {
                    return false;
                }
                if (turn.hasToolCalls()) {
                    return true;
                }
            }
            return false;
        }).toList();
        return early.isEmpty() ? seeds : early;
    }

    private static GenerationPrompt withSeeds(GenerationPrompt p, List<Example> seeds) {
        return new GenerationPrompt(seeds, p.count(), p.directives(), p.cell(), p.tools(), p.toEvolve(), p.shape(),
                p.format(), p.task(), p.systemPrompt(), p.alreadyHave(), p.temperature(), p.alpacaInput());
    }

    /**
     * Records in the job's format when the prompt names it, else the legacy messages shaped by the schema; with
     * {@code tool_lists: per example}, each with the tools it declares in its {@code tools} field.
     */
    static Function<Example, ObjectNode> renderer(GenerationPrompt prompt) {
        Function<Example, ObjectNode> records = records(prompt);
        if (!prompt.toolsPerExample()) {
            return records;
        }
        return example -> records.apply(example).put("tools", OwnTools.text(example.tools()));
    }

    private static Function<Example, ObjectNode> records(GenerationPrompt prompt) {
        if (prompt.format() != null) {
            boolean names = prompt.shape().schemaKnown() && prompt.shape().names();
            return example -> FormatCodec.write(example, prompt.format(), prompt.alpacaInput(), names);
        }
        MessageShape shape = prompt.shape();
        return example -> {
            ObjectNode node = MAPPER.createObjectNode();
            ArrayNode messages = node.putArray("messages");
            for (Turn turn : example.messages()) {
                messages.add(shape.render(turn));
            }
            return node;
        };
    }

    /**
     * The seeds whose final reply names the cell's value of an axis as a whole word ("Urgency: urgent" for
     * {@code urgency=urgent}): where the replies carry an axis's values, the value is the answer's, and a model asked
     * for it imitates a seed that gives it. An axis no reply names leaves the pool as it is.
     */
    static List<Example> replyingWithTheCellsValues(List<Example> seeds, CellDirectives cell, String labelAxis) {
        List<Example> pool = seeds;
        for (Map.Entry<String, String> axis : cell.axes().entrySet()) {
            // a voice axis too: urgency=urgent is the user's tone and, where the replies say "Urgency: urgent", theirs
            if ("style".equals(axis.getKey()) || axis.getKey().equals(labelAxis) || axis.getValue().isBlank()) {
                continue;
            }
            Pattern value = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(axis.getValue().strip())
                    + "(?![\\p{L}\\p{N}])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            List<Example> naming = pool.stream().filter(seed -> value.matcher(Labels.finalReply(seed)).find())
                    .toList();
            if (!naming.isEmpty()) {
                pool = naming;
            }
        }
        return pool;
    }

    static List<Example> preferred(List<Example> seeds, CellDirectives cell) {
        return preferred(seeds, cell, null, null);
    }

    /** The seeds whose text mentions the most of the cell's axis values (style, voice and label aside). */
    static List<Example> preferred(List<Example> seeds, CellDirectives cell, String labelAxis,
            GenerationPrompt prompt) {
        List<Pattern> stems = new ArrayList<>();
        cell.axes().forEach((axis, value) -> {
            boolean voice = prompt == null ? ToneLexicon.isVoice(axis, value) : prompt.voiceAxis(axis);
            if (!"style".equals(axis) && !axis.equals(labelAxis) && !voice) {
                for (String word : value.split("[^\\p{L}\\p{N}]+")) {
                    if (word.length() >= 3) {
                        stems.add(Pattern.compile("(?<![\\p{L}])" + Pattern.quote(stem(word)),
                                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
                    }
                }
            }
        });
        if (stems.isEmpty()) {
            return seeds;
        }
        int best = 0;
        List<Example> top = new ArrayList<>();
        for (Example seed : seeds) {
            String text = text(seed);
            int score = (int) stems.stream().filter(p -> p.matcher(text).find()).count();
            if (score > best) {
                best = score;
                top.clear();
            }
            if (score == best && score > 0) {
                top.add(seed);
            }
        }
        return top.isEmpty() ? seeds : top;
    }

    static String stem(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        return w.length() > 5 ? w.substring(0, w.length() - 2) : w.length() > 4 ? w.substring(0, w.length() - 1) : w;
    }

    /**
     * A seed for the cell: mostly an error or refusal case for {@code edge_case} and mostly a successful one for other
     * complexities, longer seeds for {@code complex}; {@code simple}, every job's default level, any seed.
     */
    static Example pick(List<Example> pool, CellDirectives cell, SplittableRandom random) {
        List<Example> candidates = pool;
        if (cell.complexity() != null) {
            List<Example> errors = pool.stream().filter(ExampleGenerator::refuses).toList();
            List<Example> others = pool.stream().filter(e -> !refuses(e)).toList();
            List<Example> wanted = cell.edgeCase() ? errors : others;
            if (!wanted.isEmpty() && random.nextDouble() < PREFERENCE) {
                candidates = wanted;
            }
            // a simple example can be written from any seed (a job's default level, so no seed is left out); a
            // complex one starts from the longer seeds
            if ("complex".equals(cell.complexity()) && candidates.size() > 1 && random.nextDouble() < PREFERENCE) {
                List<Example> sorted = new ArrayList<>(candidates);
                sorted.sort(Comparator.comparingInt(e -> text(e).length()));
                int half = (sorted.size() + 1) / 2;
                candidates = sorted.subList(sorted.size() - half, sorted.size());
            }
        }
        return candidates.get(random.nextInt(candidates.size()));
    }

    static boolean refuses(Example example) {
        return example.messages().stream()
                .anyMatch(t -> t.isAssistant() && !t.hasToolCalls() && REFUSAL.matcher(t.content()).find());
    }

    private static String text(Example example) {
        StringBuilder text = new StringBuilder();
        for (Turn turn : example.messages()) {
            if (!Turn.SYSTEM.equals(turn.role())) {
                text.append(turn.content()).append('\n');
            }
        }
        return text.toString();
    }

    private ExampleKind chooseKind(SplittableRandom random) {
        double draw = random.nextDouble();
        if (draw < shares.duplicateRate()) {
            return ExampleKind.DUPLICATE;
        }
        draw -= shares.duplicateRate();
        if (draw < shares.nearDuplicateRate()) {
            return ExampleKind.NEAR_DUPLICATE;
        }
        draw -= shares.nearDuplicateRate();
        return draw < shares.invalidExampleRate() ? ExampleKind.INVALID : ExampleKind.VARIANT;
    }

    /** An exact copy of the seed, or (half the time, when there is one) of an earlier good example. */
    private static Example duplicate(Example seed, List<Example> earlier, List<ExampleKind> kinds,
            SplittableRandom random) {
        List<Example> candidates = new ArrayList<>();
        for (int i = 0; i < earlier.size(); i++) {
            if (kinds.get(i) != ExampleKind.INVALID) {
                candidates.add(earlier.get(i));
            }
        }
        if (!candidates.isEmpty() && random.nextBoolean()) {
            return candidates.get(random.nextInt(candidates.size()));
        }
        return seed;
    }

    public static String toJson(List<Example> examples) {
        return toJson(examples, renderer(new GenerationPrompt(List.of(), 1, null)));
    }

    static String toJson(List<Example> examples, Function<Example, ObjectNode> renderer) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode array = root.putArray("examples");
        for (Example example : examples) {
            array.add(renderer.apply(example));
        }
        return write(root);
    }

    /** The answer as it would stop when the token limit hits in the middle of one example. */
    static String truncatedJson(List<Example> examples, SplittableRandom random) {
        return truncatedJson(examples, renderer(new GenerationPrompt(List.of(), 1, null)), random);
    }

    static String truncatedJson(List<Example> examples, Function<Example, ObjectNode> renderer,
            SplittableRandom random) {
        if (examples.isEmpty()) {
            return "{\"examples\":[";
        }
        StringBuilder json = new StringBuilder("{\"examples\":[");
        int cutIn = random.nextInt(examples.size());
        for (int i = 0; i <= cutIn; i++) {
            String example = write(renderer.apply(examples.get(i)));
            if (i > 0) {
                json.append(',');
            }
            if (i == cutIn) {
                int cut = Math.max(1, Math.min(example.length() - 2, (int) (example.length() * (0.2
                        + 0.6 * random.nextDouble()))));
                json.append(example, 0, cut);
            } else {
                json.append(example);
            }
        }
        return json.toString();
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("examples always serialise", e);
        }
    }

    /** Without parseable seeds there is nothing to imitate: generic question-and-answer pairs stand in. */
    private static List<Example> fallbackSeeds() {
        List<Example> seeds = new ArrayList<>();
        for (String topic : FALLBACK_TOPICS) {
            seeds.add(new Example(List.of(new Turn(Turn.USER, "Please write " + topic + "."),
                    new Turn(Turn.ASSISTANT, "Here is " + topic + ", kept short and to the point."))));
        }
        return seeds;
    }
}
