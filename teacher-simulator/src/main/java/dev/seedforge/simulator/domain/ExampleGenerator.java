package dev.seedforge.simulator.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Answers a generation request: for each wanted example, picks a seed and decides (by the configured shares) whether
 * to write a variant, a duplicate, a near duplicate or a structurally broken example; then, now and then, cuts the
 * whole answer off mid-example. The plan cell's directives steer it: seeds matching the cell's axis values,
 * error cases for edge cases, N-turn conversations, a user style, tool calls, or evolving a given example.
 */
public final class ExampleGenerator {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> FALLBACK_TOPICS = List.of("a packing list for a weekend trip",
            "how to water succulents", "a polite reminder email", "three tips for a stand-up meeting",
            "a short summary of a quarterly report", "a name for a team wiki page");

    private static final List<String> FOLLOW_UP_OPENERS = List.of("Also, ", "Next, ", "One more thing: ",
            "Thanks. Now ", "And ");
    private static final Pattern REFUSAL = Pattern.compile("(?i)^\\s*(error\\b|sorry\\b|i can(?:no|')t\\b|unable\\b)");
    private static final double PREFERENCE = 0.85;

    private final ExampleVariator variator;
    private final GenerationShares shares;
    private final ToolConversations toolConversations;

    public ExampleGenerator(ExampleVariator variator, GenerationShares shares) {
        this(variator, shares, new ToolConversations(new SchemaFiller()));
    }

    public ExampleGenerator(ExampleVariator variator, GenerationShares shares, ToolConversations toolConversations) {
        this.variator = variator;
        this.shares = shares;
        this.toolConversations = toolConversations;
    }

    public GeneratedBatch generate(GenerationPrompt prompt, SplittableRandom random) {
        List<Example> seeds = prompt.seeds().isEmpty() ? fallbackSeeds() : prompt.seeds();
        CellDirectives cell = prompt.cell();
        List<Example> pool = preferred(seeds, cell);
        if (cell.tools() && prompt.tools().isEmpty()) {
            List<Example> withCalls = pool.stream().filter(ExampleGenerator::hasToolCalls).toList();
            pool = withCalls.isEmpty() ? pool : withCalls;
        }
        List<Example> examples = new ArrayList<>();
        List<ExampleKind> kinds = new ArrayList<>();
        for (int i = 0; i < prompt.count(); i++) {
            ExampleKind kind = chooseKind(random);
            Example example;
            if (prompt.toEvolve() != null) {
                kind = kind == ExampleKind.INVALID ? kind : ExampleKind.VARIANT;
                Example base = i == 0 ? prompt.toEvolve() : variator.variant(prompt.toEvolve(), random);
                example = Evolver.evolve(base, cell.evolve(), random);
                if (kind == ExampleKind.INVALID) {
                    example = StructuralDefects.apply(example, random);
                }
            } else {
                Example seed = pick(pool, cell, random);
                example = switch (kind) {
                    case DUPLICATE -> duplicate(seed, examples, kinds, random);
                    case NEAR_DUPLICATE -> NearDuplicates.of(seed, random);
                    case INVALID -> compose(seed, pool, prompt, true, random);
                    case VARIANT -> compose(seed, pool, prompt, false, random);
                };
            }
            examples.add(example);
            kinds.add(kind);
        }
        boolean truncated = random.nextDouble() < shares.malformedRate();
        String content = truncated ? truncatedJson(examples, prompt.shape(), random)
                : toJson(examples, prompt.shape());
        return new GeneratedBatch(examples, kinds, content, truncated);
    }

    /**
     * A variant of the seed made to fit the cell: chained into N user turns, harder when complex, in the asked style,
     * with a tool call when tools are wanted. An invalid one gets off-schema tool arguments when it calls a tool, a
     * structural defect otherwise.
     */
    private Example compose(Example seed, List<Example> pool, GenerationPrompt prompt, boolean invalid,
            SplittableRandom random) {
        CellDirectives cell = prompt.cell();
        Example example = styled(variator.variant(seed, random), cell);
        if (cell.turns() > 0) {
            example = chain(example, pool, cell, random);
        }
        if ("complex".equals(cell.complexity()) && random.nextBoolean()) {
            example = Evolver.evolve(example, "add_constraints", random);
        }
        boolean callsTool = false;
        if (cell.tools() && !prompt.tools().isEmpty() && !hasToolCalls(example)) {
            example = toolConversations.withToolCall(example, prompt.tools(), invalid, random);
            callsTool = true;
        }
        return invalid && !callsTool ? StructuralDefects.apply(example, random) : example;
    }

    /** The conversation continued with variants of further seeds as follow-up requests, to exactly N user turns. */
    private Example chain(Example first, List<Example> pool, CellDirectives cell, SplittableRandom random) {
        List<Turn> turns = new ArrayList<>(first.messages());
        for (int guard = 0; userTurns(turns) < cell.turns() && guard < CellDirectives.MAX_TURNS * 2; guard++) {
            Example next = styled(variator.variant(pick(pool, cell, random), random), cell);
            boolean firstUser = true;
            for (Turn turn : next.messages()) {
                if (Turn.SYSTEM.equals(turn.role())) {
                    continue;
                }
                if (turn.isUser() && firstUser) {
                    firstUser = false;
                    String opener = FOLLOW_UP_OPENERS.get(random.nextInt(FOLLOW_UP_OPENERS.size()));
                    turns.add(turn.withContent(opener + lowerFirst(turn.content())));
                } else {
                    turns.add(turn);
                }
            }
        }
        int users = 0;
        for (int i = 0; i < turns.size(); i++) {
            if (turns.get(i).isUser() && ++users > cell.turns()) {
                return new Example(turns.subList(0, i));
            }
        }
        return new Example(turns);
    }

    private static Example styled(Example example, CellDirectives cell) {
        if (cell.style() == null) {
            return example;
        }
        List<Turn> turns = new ArrayList<>();
        for (Turn turn : example.messages()) {
            turns.add(turn.isUser() ? turn.withContent(StyleRewriter.apply(turn.content(), cell.style())) : turn);
        }
        return new Example(turns);
    }

    private static int userTurns(List<Turn> turns) {
        return (int) turns.stream().filter(Turn::isUser).count();
    }

    private static String lowerFirst(String text) {
        if (text.isEmpty() || text.length() > 1 && Character.isUpperCase(text.charAt(1))
                || text.startsWith("I ") || text.startsWith("I'")) {
            return text;
        }
        return Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    /** The seeds whose text mentions the most of the cell's axis values (style aside); all seeds when none does. */
    static List<Example> preferred(List<Example> seeds, CellDirectives cell) {
        List<Pattern> stems = new ArrayList<>();
        cell.axes().forEach((axis, value) -> {
            if (!"style".equals(axis)) {
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
     * complexities, longer seeds for {@code complex} and shorter ones for {@code simple}.
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
            if (("complex".equals(cell.complexity()) || "simple".equals(cell.complexity())) && candidates.size() > 1
                    && random.nextDouble() < PREFERENCE) {
                List<Example> sorted = new ArrayList<>(candidates);
                sorted.sort(Comparator.comparingInt(e -> text(e).length()));
                int half = (sorted.size() + 1) / 2;
                candidates = "simple".equals(cell.complexity()) ? sorted.subList(0, half)
                        : sorted.subList(sorted.size() - half, sorted.size());
            }
        }
        return candidates.get(random.nextInt(candidates.size()));
    }

    static boolean refuses(Example example) {
        return example.messages().stream()
                .anyMatch(t -> t.isAssistant() && !t.hasToolCalls() && REFUSAL.matcher(t.content()).find());
    }

    private static boolean hasToolCalls(Example example) {
        return example.messages().stream().anyMatch(Turn::hasToolCalls);
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
        return toJson(examples, MessageShape.PLAIN);
    }

    public static String toJson(List<Example> examples, MessageShape shape) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode array = root.putArray("examples");
        for (Example example : examples) {
            array.add(exampleNode(example, shape));
        }
        return write(root);
    }

    /** The answer as it would stop when the token limit hits in the middle of one example. */
    static String truncatedJson(List<Example> examples, SplittableRandom random) {
        return truncatedJson(examples, MessageShape.PLAIN, random);
    }

    static String truncatedJson(List<Example> examples, MessageShape shape, SplittableRandom random) {
        if (examples.isEmpty()) {
            return "{\"examples\":[";
        }
        StringBuilder json = new StringBuilder("{\"examples\":[");
        int cutIn = random.nextInt(examples.size());
        for (int i = 0; i <= cutIn; i++) {
            String example = write(exampleNode(examples.get(i), shape));
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

    private static ObjectNode exampleNode(Example example, MessageShape shape) {
        ObjectNode node = MAPPER.createObjectNode();
        ArrayNode messages = node.putArray("messages");
        for (Turn turn : example.messages()) {
            messages.add(shape.render(turn));
        }
        return node;
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
