package dev.seedforge.simulator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.tokens.TokenCounter;

/** The judge stand-in's checks, and prompt caching as OpenAI reports it. */
class JudgeAndCacheTest {

    @Test
    void toolArgumentsTheTaskNamesComeFromSomewhere() throws Exception {
        JsonNode example = new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                {"messages":[{"role":"user","content":"How many orders are still pending?"},
                {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                "function":{"name":"describe_table","arguments":"{\\"table\\": \\"order_items\\"}"}}]},
                {"role":"tool","tool_call_id":"call_1","content":"[\\"id\\", \\"status\\"]"},
                {"role":"assistant","content":"18 orders are pending."}]}""");
        String task = "The database has the tables orders, customers, products and order_items.";
        List<String> withTask = JudgeSimulator.review(example, CellDirectives.NONE, java.util.Set.of(), task).stream()
                .map(JudgeSimulator.Finding::text).toList();
        List<String> without = JudgeSimulator.review(example, CellDirectives.NONE, java.util.Set.of()).stream()
                .map(JudgeSimulator.Finding::text).toList();
        assertTrue(withTask.isEmpty(), withTask.toString());
        assertEquals(List.of("The arguments of describe_table do not come from the request."), without);
    }

    private static final String SCHEMA = """
            {"type":"object","properties":{"scores":{"type":"object","properties":{
            "example_0":{"type":"object","properties":{"clarity":{"type":"integer"},"quality":{"type":"integer"},"comment":{"type":"string"}}},
            "example_1":{"type":"object","properties":{"clarity":{"type":"integer"},"quality":{"type":"integer"},"comment":{"type":"string"}}}},
            "required":["example_0","example_1"]}},"required":["scores"]}""";

    private static JsonNode judge(String directives, String example0, String example1) throws Exception {
        String system = "You are a strict reviewer. Answer with `scores` ... a `comment`: empty when every score is 6"
                + " or more; otherwise one short sentence naming the main weakness.";
        String user = "The dataset's task: Solve math word problems.\n\n"
                + (directives == null ? "" : "<directives>\n" + directives + "\n</directives>\n")
                + "Examples (2):\n{\"index\":0,\"messages\":" + example0 + "}\n{\"index\":1,\"messages\":" + example1
                + "}\n";
        ChatInput input = new ChatInput("gpt-4o-mini", List.of(new Turn("system", system), new Turn("user", user)),
                0.0, "json_schema", "judge_scores", TaskSpecs.MAPPER.readTree(SCHEMA), null);
        TeacherSimulator simulator = new TeacherSimulator(42, GenerationShares.NONE);
        return TaskSpecs.MAPPER.readTree(simulator.answer(input).content()).path("scores");
    }

    private static final String RIGHT = """
            [{"role":"user","content":"Tom has 12 apples and buys 7 more. How many now?"},{"role":"assistant","content":"12 + 7 = 19\\n#### 19"}]""";

    @Test
    void wrongArithmeticIsRejectedWithAReasonAndRightArithmeticKept() throws Exception {
        String wrong = """
                [{"role":"user","content":"Tom has 12 apples and buys 7 more. How many now?"},{"role":"assistant","content":"12 + 7 = 21\\n#### 21"}]""";
        JsonNode scores = judge(null, RIGHT, wrong);
        assertTrue(scores.path("example_0").path("quality").asInt() >= 6, scores.toString());
        assertEquals("", scores.path("example_0").path("comment").asText());
        assertTrue(scores.path("example_1").path("quality").asInt() < 6, scores.toString());
        assertTrue(scores.path("example_1").path("comment").asText().contains("12 + 7 = 21"), scores.toString());
    }

    @Test
    void aRepeatedReplyAndAnUngroundedToolCallAreRejected() throws Exception {
        String repeated = """
                [{"role":"user","content":"Where is order 4411?"},{"role":"assistant","content":"It ships tomorrow."},{"role":"user","content":"And order 4412?"},{"role":"assistant","content":"It ships tomorrow."}]""";
        String ungrounded = """
                [{"role":"user","content":"How many customers live in Norway?"},{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"run_sql","arguments":"{\\"query\\":\\"SELECT price FROM invoices WHERE vendor = 'Acme'\\"}"}}]},{"role":"tool","tool_call_id":"c1","content":"{\\"rows\\":[[3]]}"},{"role":"assistant","content":"3."}]""";
        JsonNode scores = judge(null, repeated, ungrounded);
        assertTrue(scores.path("example_0").path("quality").asInt() < 6, scores.toString());
        assertTrue(scores.path("example_0").path("comment").asText().contains("repeats"), scores.toString());
        assertTrue(scores.path("example_1").path("quality").asInt() < 6, scores.toString());
        assertTrue(scores.path("example_1").path("comment").asText().contains("run_sql"), scores.toString());
    }

    @Test
    void theDirectiveIsCheckedWhenThePromptStatesIt() throws Exception {
        String positive = """
                [{"role":"user","content":"Classify: I love this kettle, it boils in a minute."},{"role":"assistant","content":"positive"}]""";
        String negative = """
                [{"role":"user","content":"Classify: The lid broke on day two."},{"role":"assistant","content":"negative"}]""";
        JsonNode scores = judge("axis.label: negative", positive, negative);
        assertTrue(scores.path("example_0").path("quality").asInt() < 6, scores.toString());
        assertTrue(scores.path("example_0").path("comment").asText().contains("negative"), scores.toString());
        assertTrue(scores.path("example_1").path("quality").asInt() >= 6, scores.toString());
        JsonNode without = judge(null, positive, negative);
        assertTrue(without.path("example_0").path("quality").asInt() >= 6, "no directive, nothing to hold against");
    }

    @Test
    void theCellTheValidatorNamesBesideEachExampleIsChecked() throws Exception {
        String positive = """
                [{"role":"user","content":"Classify: I love this kettle, it boils in a minute."},{"role":"assistant","content":"positive"}]""";
        String system = "You are a strict reviewer. Answer with `scores` ... a `comment`: empty when every score is 6"
                + " or more; otherwise one short sentence naming the main weakness.";
        String user = "The dataset's task: Classify reviews.\n\nExamples (2):\n"
                + "{\"index\":0,\"cell\":\"label=negative|complexity=simple\",\"messages\":" + positive + "}\n"
                + "{\"index\":1,\"cell\":\"label=positive|complexity=simple\",\"messages\":" + positive + "}\n";
        ChatInput input = new ChatInput("gpt-4o-mini", List.of(new Turn("system", system), new Turn("user", user)),
                0.0, "json_schema", "judge_scores", TaskSpecs.MAPPER.readTree(SCHEMA), null);
        JsonNode scores = TaskSpecs.MAPPER.readTree(new TeacherSimulator(42, GenerationShares.NONE).answer(input)
                .content()).path("scores");
        assertTrue(scores.path("example_0").path("quality").asInt() < 6, scores.toString());
        assertTrue(scores.path("example_0").path("comment").asText().contains("negative"), scores.toString());
        assertTrue(scores.path("example_1").path("quality").asInt() >= 6, scores.toString());
        String task = "The dataset's task: Answer with one label: positive, negative or neutral.\n\nExamples (3):\n";
        String travelNegative = """
                [{"role":"user","content":"Classify this travel review: the flight was late and the seat broken."},{"role":"assistant","content":"negative"}]""";
        String travelAnswered = """
                [{"role":"user","content":"Classify this travel review: the flight was late and the seat broken."},{"role":"assistant","content":"travel"}]""";
        String cellLine = "\"cell\":\"label=negative|domain=travel|complexity=simple\"";
        ChatInput sentiment = new ChatInput("gpt-4o-mini", List.of(new Turn("system", system), new Turn("user", task
                + "{\"index\":0," + cellLine + ",\"messages\":" + travelNegative + "}\n"
                + "{\"index\":1," + cellLine + ",\"messages\":" + travelAnswered + "}\n")), 0.0, "json_schema",
                "judge_scores", TaskSpecs.MAPPER.readTree(SCHEMA), null);
        JsonNode labelled = TaskSpecs.MAPPER.readTree(new TeacherSimulator(42, GenerationShares.NONE)
                .answer(sentiment).content()).path("scores");
        assertTrue(labelled.path("example_0").path("quality").asInt() >= 6,
                "a domain beside the label is a topic, not a second answer: " + labelled);
        assertTrue(labelled.path("example_1").path("quality").asInt() < 6, "the domain is no label: " + labelled);
        assertEquals(CellDirectives.NONE, CellDirectives.fromCellId(""));
        CellDirectives cell = CellDirectives.fromCellId("tone=impatient|label=refund|complexity=edge_case|turns=multi");
        assertEquals(java.util.Map.of("tone", "impatient", "label", "refund"), cell.axes());
        assertEquals("edge_case", cell.complexity());
    }

    @Test
    void aSharedPrefixOf1024TokensOrMoreIsCachedIn128TokenSteps() {
        TokenCounter tokens = new TokenCounter();
        AtomicLong now = new AtomicLong(0);
        PromptCache cache = new PromptCache(tokens, 600_000, 10_000, now::get);
        StringBuilder shared = new StringBuilder();
        for (int i = 0; shared.length() < 12_000; i++) {
            shared.append("Seed example number ").append(i).append(" shows the reply format of the task. ");
        }
        List<Turn> first = List.of(new Turn("system", "fixed instructions"), new Turn("user", shared + "cell A"));
        List<Turn> second = List.of(new Turn("system", "fixed instructions"), new Turn("user", shared + "cell B"));
        int promptTokens = tokens.countPrompt(second);
        assertEquals(0, cache.cachedTokens("key-1", first, tokens.countPrompt(first)), "nothing seen yet");
        int cached = cache.cachedTokens("key-1", second, promptTokens);
        int sharedTokens = tokens.count("<|system|>") + tokens.count("fixed instructions") + tokens.count("<|user|>")
                + tokens.count(shared.toString());
        assertTrue(cached >= 1024 && cached % 128 == 0, "cached " + cached);
        assertTrue(cached <= sharedTokens && sharedTokens - cached < 128 + 8, cached + " of " + sharedTokens);
        assertEquals(0, cache.cachedTokens("key-2", second, promptTokens), "per API key");
        List<Turn> small = List.of(new Turn("user", "short prompt"));
        cache.cachedTokens("key-1", small, 10);
        assertEquals(0, cache.cachedTokens("key-1", small, 10), "below 1,024 tokens nothing is cached");
        now.set(700_000);
        assertEquals(0, cache.cachedTokens("key-1", second, promptTokens), "forgotten after the time to live");
    }
}
