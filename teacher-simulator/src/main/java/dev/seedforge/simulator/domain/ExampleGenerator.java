package dev.seedforge.simulator.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Answers a generation request: for each wanted example, picks a seed and decides (by the configured shares) whether
 * to write a variant, a duplicate, a near duplicate or a structurally broken example; then, now and then, cuts the
 * whole answer off mid-example.
 */
public final class ExampleGenerator {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> FALLBACK_TOPICS = List.of("a packing list for a weekend trip",
            "how to water succulents", "a polite reminder email", "three tips for a stand-up meeting",
            "a short summary of a quarterly report", "a name for a team wiki page");

    private final ExampleVariator variator;
    private final GenerationShares shares;

    public ExampleGenerator(ExampleVariator variator, GenerationShares shares) {
        this.variator = variator;
        this.shares = shares;
    }

    public GeneratedBatch generate(GenerationPrompt prompt, SplittableRandom random) {
        List<Example> seeds = prompt.seeds().isEmpty() ? fallbackSeeds() : prompt.seeds();
        List<Example> examples = new ArrayList<>();
        List<ExampleKind> kinds = new ArrayList<>();
        for (int i = 0; i < prompt.count(); i++) {
            Example seed = seeds.get(random.nextInt(seeds.size()));
            ExampleKind kind = chooseKind(random);
            Example example = switch (kind) {
                case DUPLICATE -> duplicate(seed, examples, kinds, random);
                case NEAR_DUPLICATE -> NearDuplicates.of(seed, random);
                case INVALID -> StructuralDefects.apply(variator.variant(seed, random), random);
                case VARIANT -> variator.variant(seed, random);
            };
            examples.add(example);
            kinds.add(kind);
        }
        boolean truncated = random.nextDouble() < shares.malformedRate();
        String content = truncated ? truncatedJson(examples, random) : toJson(examples);
        return new GeneratedBatch(examples, kinds, content, truncated);
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
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode array = root.putArray("examples");
        for (Example example : examples) {
            array.add(exampleNode(example));
        }
        return write(root);
    }

    /** The answer as it would stop when the token limit hits in the middle of one example. */
    static String truncatedJson(List<Example> examples, SplittableRandom random) {
        if (examples.isEmpty()) {
            return "{\"examples\":[";
        }
        StringBuilder json = new StringBuilder("{\"examples\":[");
        int cutIn = random.nextInt(examples.size());
        for (int i = 0; i <= cutIn; i++) {
            String example = write(exampleNode(examples.get(i)));
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

    private static ObjectNode exampleNode(Example example) {
        ObjectNode node = MAPPER.createObjectNode();
        ArrayNode messages = node.putArray("messages");
        for (Turn turn : example.messages()) {
            messages.addObject().put("role", turn.role()).put("content", turn.content());
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
