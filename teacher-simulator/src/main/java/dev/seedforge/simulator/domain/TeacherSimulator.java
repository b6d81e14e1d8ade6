package dev.seedforge.simulator.domain;

import java.util.List;
import java.util.SplittableRandom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.contracts.tokens.TokenCounter;

/**
 * Answers one chat completion request like a teacher model would: new examples for a generation request, scores that
 * check what can be checked for a judge request, schema-fitting JSON for other structured requests, a short reply
 * otherwise. Same request and seed, same answer.
 */
public final class TeacherSimulator {

    public static final String GENERATION_SCHEMA = "generated_examples";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> REPLY_OPENERS = List.of("Sure.", "Of course.", "Happy to help.", "Certainly.");
    private static final List<String> REPLY_BODIES = List.of(
            "Here is a short answer to \"%s\": it depends on the details, but the usual approach works well.",
            "About \"%s\": the key points are to keep it simple, check the result and adjust as needed.",
            "Regarding \"%s\": I would start with the most important step and take it from there.");

    private final long seed;
    private final ExampleGenerator generator;
    private final SchemaFiller filler;
    private final TokenCounter tokens;
    private final double brokenJsonRate;
    private final JudgeSimulator judge = new JudgeSimulator();

    public TeacherSimulator(long seed, ExampleGenerator generator, SchemaFiller filler, TokenCounter tokens,
            double brokenJsonRate) {
        GenerationShares.requireRate("broken-json-rate", brokenJsonRate);
        this.seed = seed;
        this.generator = generator;
        this.filler = filler;
        this.tokens = tokens;
        this.brokenJsonRate = brokenJsonRate;
    }

    public TeacherSimulator(long seed, ExampleGenerator generator, SchemaFiller filler, TokenCounter tokens) {
        this(seed, generator, filler, tokens, 0.0);
    }

    public TeacherSimulator(long seed, GenerationShares shares) {
        this(seed, shares, 0.0);
    }

    public TeacherSimulator(long seed, GenerationShares shares, double brokenJsonRate) {
        this(seed, new ExampleGenerator(shares), new SchemaFiller(), new TokenCounter(), brokenJsonRate);
    }

    public long seed() {
        return seed;
    }

    public static RequestKind kindOf(ChatInput input) {
        boolean schema = "json_schema".equals(input.responseFormatType());
        if (schema && GENERATION_SCHEMA.equals(input.schemaName())) {
            return RequestKind.GENERATION;
        }
        if (schema && input.schema() != null) {
            return RequestKind.STRUCTURED;
        }
        if ("json_object".equals(input.responseFormatType())) {
            return RequestKind.JSON_OBJECT;
        }
        boolean seeds = input.messages().stream().anyMatch(t -> t.content().contains(SeedParser.SEEDS_OPEN)
                || t.content().contains(SeedParser.EVOLVE_OPEN));
        return seeds && !schema ? RequestKind.GENERATION : RequestKind.TEXT;
    }

    public SimulatedAnswer answer(ChatInput input) {
        return answer(input, PromptTokens.of(tokens, input.messages()));
    }

    /** The answer to a request whose prompt the caller has tokenized already. */
    public SimulatedAnswer answer(ChatInput input, PromptTokens prompt) {
        SplittableRandom random = RequestRandom.forRequest(seed, input.messages(), input.temperature());
        RequestKind kind = kindOf(input);
        String content;
        boolean truncated = false;
        int examples = 0;
        switch (kind) {
            case GENERATION -> {
                GeneratedBatch batch = generator.generate(SeedParser.parse(input.messages(), input.schema())
                        .withTemperature(input.temperature()), random,
                        ReasoningTraces.budget(input.schema(), input.messages()),
                        RejectedAnswers.requested(input.messages(), tokens));
                content = batch.content();
                truncated = batch.truncated();
                examples = batch.examples().size();
            }
            case STRUCTURED -> content = JudgeSimulator.isJudge(input) ? judge.answer(input, random)
                    : write(filler.fill(input.schema(), random));
            case JSON_OBJECT -> {
                ObjectNode node = MAPPER.createObjectNode().put("answer", textReply(input, random));
                content = write(node);
            }
            default -> content = textReply(input, random);
        }
        if (kind != RequestKind.TEXT && !truncated && brokenJsonRate > 0 && random.nextDouble() < brokenJsonRate) {
            content = breakJson(content, random);
        }
        int completionTokens = tokens.count(content);
        if (input.maxTokens() != null && input.maxTokens() > 0 && completionTokens > input.maxTokens()) {
            content = tokens.truncate(content, input.maxTokens());
            completionTokens = tokens.count(content);
            truncated = true;
        }
        return new SimulatedAnswer(kind, content, truncated ? SimulatedAnswer.LENGTH : SimulatedAnswer.STOP,
                prompt.count(), completionTokens, examples);
    }

    /** JSON a sloppy model sends with finish_reason "stop": fenced, chatty, a trailing comma, or a brace short. */
    static String breakJson(String json, SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> "```json\n" + json + "\n```";
            case 1 -> "Here is the JSON you asked for:\n" + json;
            case 2 -> json.endsWith("}") ? json.substring(0, json.length() - 1) + ",}" : json + ",";
            default -> json.endsWith("}") ? json.substring(0, json.length() - 1) : json + "}";
        };
    }

    private static String textReply(ChatInput input, SplittableRandom random) {
        String last = "";
        for (Turn turn : input.messages()) {
            if (turn.isUser()) {
                last = turn.content();
            }
        }
        String[] words = last.strip().split("\\s+");
        String snippet = String.join(" ", List.of(words).subList(0, Math.min(8, words.length)));
        if (snippet.isBlank()) {
            snippet = "your request";
        }
        return REPLY_OPENERS.get(random.nextInt(REPLY_OPENERS.size())) + " "
                + REPLY_BODIES.get(random.nextInt(REPLY_BODIES.size())).formatted(snippet.replace("\"", "'"));
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON trees always serialise", e);
        }
    }
}
