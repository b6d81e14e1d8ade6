package dev.seedforge.simulator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class CellDirectivesTest {

    private static final List<Example> SEEDS = TaskApiSeeds.seeds();
    private final ExampleGenerator generator = new ExampleGenerator(GenerationShares.NONE);

    private static GenerationPrompt prompt(String directives, int count) {
        return new GenerationPrompt(SEEDS, count, directives);
    }

    private List<Example> generate(String directives, int count, long seed) {
        return generator.generate(prompt(directives, count), new SplittableRandom(seed)).examples();
    }

    @Test
    void parsesKeyValueLinesAndIgnoresFreeText() {
        CellDirectives cell = CellDirectives.parse("""
                Write requests a real user would send.
                axis.operation: create
                axis.style: Casual
                complexity: edge-case
                turns: 3
                tools: yes
                evolve: add_constraints
                """);
        assertEquals(Map.of("operation", "create", "style", "Casual"), cell.axes());
        assertEquals("casual", cell.style());
        assertTrue(cell.edgeCase());
        assertEquals(3, cell.turns());
        assertTrue(cell.tools());
        assertEquals("add_constraints", cell.evolve());
        assertEquals(CellDirectives.NONE, CellDirectives.parse(null));
        assertFalse(CellDirectives.parse("tools: no").tools());
        CellDirectives some = CellDirectives.parse("tools: 2 of 5");
        assertTrue(some.tools());
        assertEquals(List.of(true, true, false, false, false), java.util.stream.IntStream.range(0, 5)
                .mapToObj(some::callsTool).toList());
        assertFalse(CellDirectives.parse("tools: 0 of 5").callsTool(0));
        assertTrue(cell.callsTool(4), "tools: yes is every example");
        assertEquals(CellDirectives.MAX_TURNS, CellDirectives.parse("turns: 99").turns());
    }

    @Test
    void axisValuesPreferSeedsThatMentionThem() {
        for (Example example : generate("axis.operation: create", 30, 1)) {
            String reply = example.messages().get(1).content();
            assertTrue(reply.startsWith("Created task"), reply);
        }
        for (Example example : generate("axis.operation: delete", 10, 2)) {
            assertTrue(example.messages().get(1).content().startsWith("Deleted task"));
        }
        List<Example> unknown = generate("axis.operation: archive", 40, 3);
        assertTrue(unknown.stream().map(e -> e.messages().get(1).content().split(" ")[0]).distinct().count() > 2,
                "no seed mentions 'archive': any seed will do");
    }

    @Test
    void turnsDirectiveGivesExactlyThatManyUserTurnsEachAnswered() {
        for (int turns = 1; turns <= 4; turns++) {
            for (Example example : generate("turns: " + turns, 10, turns)) {
                List<Turn> messages = example.messages();
                assertEquals(turns, messages.stream().filter(Turn::isUser).count(), messages.toString());
                for (int i = 0; i < messages.size(); i++) {
                    assertEquals(i % 2 == 0 ? Turn.USER : Turn.ASSISTANT, messages.get(i).role(), messages.toString());
                }
                assertTrue(messages.get(messages.size() - 1).isAssistant());
            }
        }
    }

    @Test
    void edgeCasePrefersErrorRepliesAndOtherComplexitiesAvoidThem() {
        long errors = generate("complexity: edge_case", 100, 4).stream().filter(ExampleGenerator::refuses).count();
        assertTrue(errors >= 75, "edge cases mostly errors: " + errors);
        long plain = generate("complexity: simple", 100, 5).stream().filter(ExampleGenerator::refuses).count();
        assertTrue(plain <= 10, "simple cells seldom errors: " + plain);
    }

    @Test
    void styleChangesTheUserPhrasing() {
        assertEquals("Could you create a task to renew my passport?",
                StyleRewriter.apply("Please create a task to renew my passport.", "question"));
        assertEquals("Kindly create a task to renew my passport.",
                StyleRewriter.apply("Can you create a task to renew my passport?", "formal"));
        assertEquals("create a task 'Renew Passport' pls",
                StyleRewriter.apply("Create a task 'Renew Passport', please!", "casual"));
        assertEquals("Delete task 5.", StyleRewriter.apply("Could you please delete task 5?", "imperative"));
        assertEquals("What is due this week?", StyleRewriter.apply("What is due this week", "question"));
        for (Example example : generate("axis.style: question", 20, 6)) {
            String ask = example.messages().get(0).content();
            assertTrue(ask.endsWith("?"), ask);
        }
        for (Example example : generate("axis.style: casual", 20, 7)) {
            String ask = example.messages().get(0).content();
            assertTrue(ask.endsWith(" pls"), ask);
        }
        for (Example example : generate("axis.style: formal", 20, 8)) {
            String ask = example.messages().get(0).content();
            assertTrue(ask.startsWith("Kindly ") || ask.startsWith("Good day. "), ask);
        }
    }

    @Test
    void evolveReturnsTheExampleWithAVisibleChangeOfTheKindAsked() {
        Example original = SEEDS.get(0);
        String json = ExampleGenerator.toJson(List.of(original));
        String body = json.substring("{\"examples\":[".length(), json.length() - 2);
        String user = "<directives>\nevolve: add_reasoning\n</directives>\n<example_to_evolve>" + body
                + "</example_to_evolve>";
        GenerationPrompt prompt = SeedParser.parse(List.of(new Turn("user", user)), null);
        assertEquals(original, prompt.toEvolve());
        assertEquals(1, prompt.count(), "one evolved example unless a count is asked");
        String before = original.messages().get(0).content();
        for (int seed = 0; seed < 10; seed++) {
            // the evolution is applied to a new example of the cell: a retold copy would be a duplicate
            Example evolved = generator.generate(prompt, new SplittableRandom(seed)).examples().get(0);
            String after = evolved.messages().get(0).content();
            assertNotEquals(before, after);
            assertFalse(after.startsWith(before), after);
            assertTrue(after.matches("(?is).*(step by step|reasoning|walk me through).*"), after);
            assertTrue(evolved.messages().get(evolved.messages().size() - 1).isAssistant(), evolved.toString());
        }
        for (String operation : Evolver.OPERATIONS) {
            Example e = Evolver.evolve(original, operation, new SplittableRandom(1));
            assertTrue(e.messages().get(0).content().length() > before.length() + 10, operation);
        }
    }

    @Test
    void sameDirectivesAndSeedGiveTheSameExamples() {
        String directives = "axis.operation: update\ncomplexity: complex\nturns: 2\naxis.style: formal";
        assertEquals(generate(directives, 10, 11), generate(directives, 10, 11));
    }

    /**
     * {@code simple} is every job's default level: its examples start from every seed, short or long (an entity
     * extractor's one long seed of three was never imitated when simple preferred the shorter half); {@code complex}
     * prefers the longer ones.
     */
    @Test
    void simpleCellsStartFromEverySeedAndComplexOnesFromTheLonger() {
        List<Example> pool = List.of(new Example(List.of(new Turn(Turn.USER, "Nvidia rose."),
                new Turn(Turn.ASSISTANT, "[Nvidia]"))),
                new Example(List.of(new Turn(Turn.USER, "Toyota opens a plant in Kentucky."),
                        new Turn(Turn.ASSISTANT, "[Toyota, Kentucky]"))),
                new Example(List.of(new Turn(Turn.USER, "Angela Merkel met Emmanuel Macron in Paris on Tuesday."),
                        new Turn(Turn.ASSISTANT, "[Angela Merkel, Emmanuel Macron, Paris]"))));
        SplittableRandom random = new SplittableRandom(3);
        Map<Example, Integer> simple = new java.util.HashMap<>();
        Map<Example, Integer> complex = new java.util.HashMap<>();
        for (int i = 0; i < 300; i++) {
            simple.merge(ExampleGenerator.pick(pool, CellDirectives.parse("complexity: simple"), random), 1,
                    Integer::sum);
            complex.merge(ExampleGenerator.pick(pool, CellDirectives.parse("complexity: complex"), random), 1,
                    Integer::sum);
        }
        for (Example seed : pool) {
            assertTrue(simple.getOrDefault(seed, 0) > 60, "a simple cell left a seed out: " + simple.values());
        }
        assertTrue(complex.getOrDefault(pool.get(2), 0) > complex.getOrDefault(pool.get(0), 0) * 3,
                "complex prefers the longer seeds: " + complex.values());
    }
}
