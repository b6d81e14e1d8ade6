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

    /** The validator's judge schema for two examples and two criteria: a row of scores each, and weaknesses. */
    private static final String SCHEMA = """
            {"type":"object","properties":{"scores":{"type":"object","properties":{
            "0":{"type":"array","minItems":2,"maxItems":2,"items":{"type":"integer"}},
            "1":{"type":"array","minItems":2,"maxItems":2,"items":{"type":"integer"}}},
            "required":["0","1"]},
            "weaknesses":{"type":"array","items":{"type":"object","properties":{"example":{"type":"integer"},
            "weakness":{"type":"string"}},"required":["example","weakness"]}}},
            "required":["scores","weaknesses"]}""";

    private static final String SYSTEM = """
            You are a strict reviewer. Score every example on each criterion from 1 to 10.
            Criteria:
            - clarity: the request is clear
            - quality: the reply is correct
            Answer with `scores`: under each example's index, its scores for clarity, quality, in that order; and \
            `weaknesses`: one entry for each example with a score below 6: its index and its main weakness.""";

    /** Asks the stand-in to judge examples as the validator shows them: {@code i: record} under their cell. */
    private static JsonNode judge(String task, String directives, String[] cells, String... examples)
            throws Exception {
        StringBuilder user = new StringBuilder("The dataset's task: " + task + "\n\n");
        if (directives != null) {
            user.append("<directives>\n").append(directives).append("\n</directives>\n");
        }
        user.append("Examples (").append(examples.length).append("), each as `index: record`:\n");
        for (int i = 0; i < examples.length; i++) {
            if (cells != null && (i == 0 || !cells[i].equals(cells[i - 1]))) {
                user.append("Written for cell ").append(cells[i]).append(":\n");
            }
            user.append(i).append(": {\"messages\":").append(examples[i].strip()).append("}\n");
        }
        ChatInput input = new ChatInput("gpt-4o-mini", List.of(new Turn("system", SYSTEM),
                new Turn("user", user.toString())), 0.0, "json_schema", "judge_scores",
                TaskSpecs.MAPPER.readTree(SCHEMA), null);
        assertTrue(JudgeSimulator.isJudge(input));
        return TaskSpecs.MAPPER.readTree(new TeacherSimulator(42, GenerationShares.NONE).answer(input).content());
    }

    private static JsonNode judge(String directives, String example0, String example1) throws Exception {
        return judge("Solve math word problems.", directives, null, example0, example1);
    }

    private static int quality(JsonNode answer, int example) {
        JsonNode row = answer.path("scores").path(Integer.toString(example));
        assertEquals(2, row.size(), answer.toString());
        return row.get(1).asInt();
    }

    private static String weakness(JsonNode answer, int example) {
        for (JsonNode entry : answer.path("weaknesses")) {
            if (entry.path("example").asInt() == example) {
                return entry.path("weakness").asText();
            }
        }
        return "";
    }

    private static final String RIGHT = """
            [{"role":"user","content":"Tom has 12 apples and buys 7 more. How many now?"},{"role":"assistant","content":"12 + 7 = 19\\n#### 19"}]""";

    @Test
    void wrongArithmeticIsRejectedWithAReasonAndRightArithmeticKept() throws Exception {
        String wrong = """
                [{"role":"user","content":"Tom has 12 apples and buys 7 more. How many now?"},{"role":"assistant","content":"12 + 7 = 21\\n#### 21"}]""";
        JsonNode scores = judge(null, RIGHT, wrong);
        assertTrue(quality(scores, 0) >= 6, scores.toString());
        assertEquals("", weakness(scores, 0));
        assertTrue(quality(scores, 1) < 6, scores.toString());
        assertTrue(weakness(scores, 1).contains("12 + 7 = 21"), scores.toString());
    }

    @Test
    void aRepeatedReplyAndAnUngroundedToolCallAreRejected() throws Exception {
        String repeated = """
                [{"role":"user","content":"Where is order 4411?"},{"role":"assistant","content":"It ships tomorrow."},{"role":"user","content":"And order 4412?"},{"role":"assistant","content":"It ships tomorrow."}]""";
        String ungrounded = """
                [{"role":"user","content":"How many customers live in Norway?"},{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"run_sql","arguments":"{\\"query\\":\\"SELECT price FROM invoices WHERE vendor = 'Acme'\\"}"}}]},{"role":"tool","tool_call_id":"c1","content":"{\\"rows\\":[[3]]}"},{"role":"assistant","content":"3."}]""";
        JsonNode scores = judge(null, repeated, ungrounded);
        assertTrue(quality(scores, 0) < 6, scores.toString());
        assertTrue(weakness(scores, 0).contains("repeats"), scores.toString());
        // an ungrounded argument costs 4 points: 8 to 10 less 4 falls short of 6 in two draws of three
        assertTrue(quality(scores, 1) <= 6, scores.toString());
        assertTrue(quality(scores, 1) >= 6 || weakness(scores, 1).contains("run_sql"), scores.toString());
        assertEquals(List.of("The arguments of run_sql do not come from the request."), JudgeSimulator.review(
                TaskSpecs.MAPPER.readTree("{\"messages\":" + ungrounded + "}"), CellDirectives.NONE,
                java.util.Set.of()).stream().map(JudgeSimulator.Finding::text).toList());
    }

    @Test
    void theDirectiveIsCheckedWhenThePromptStatesIt() throws Exception {
        String positive = """
                [{"role":"user","content":"Classify: I love this kettle, it boils in a minute."},{"role":"assistant","content":"positive"}]""";
        String negative = """
                [{"role":"user","content":"Classify: The lid broke on day two."},{"role":"assistant","content":"negative"}]""";
        JsonNode scores = judge("axis.label: negative", positive, negative);
        assertTrue(quality(scores, 0) < 6, scores.toString());
        assertTrue(weakness(scores, 0).contains("negative"), scores.toString());
        assertTrue(quality(scores, 1) >= 6, scores.toString());
        JsonNode without = judge(null, positive, negative);
        assertTrue(quality(without, 0) >= 6, "no directive, nothing to hold against");
    }

    @Test
    void theCellTheValidatorNamesAboveItsExamplesIsChecked() throws Exception {
        String positive = """
                [{"role":"user","content":"Classify: I love this kettle, it boils in a minute."},{"role":"assistant","content":"positive"}]""";
        JsonNode scores = judge("Classify reviews.", null,
                new String[] { "label=negative|complexity=simple", "label=positive|complexity=simple" }, positive,
                positive);
        assertTrue(quality(scores, 0) < 6, scores.toString());
        assertTrue(weakness(scores, 0).contains("negative"), scores.toString());
        assertTrue(quality(scores, 1) >= 6, scores.toString());
        String travelNegative = """
                [{"role":"user","content":"Classify this travel review: the flight was late and the seat broken."},{"role":"assistant","content":"negative"}]""";
        String travelAnswered = """
                [{"role":"user","content":"Classify this travel review: the flight was late and the seat broken."},{"role":"assistant","content":"travel"}]""";
        String cell = "label=negative|domain=travel|complexity=simple";
        JsonNode labelled = judge("Answer with one label: positive, negative or neutral.", null,
                new String[] { cell, cell }, travelNegative, travelAnswered);
        assertTrue(quality(labelled, 0) >= 6, "a domain beside the label is a topic, not a second answer: " + labelled);
        assertTrue(quality(labelled, 1) < 6, "the domain is no label: " + labelled);
        assertEquals(CellDirectives.NONE, CellDirectives.fromCellId(""));
        CellDirectives parsed = CellDirectives.fromCellId("tone=impatient|label=refund|complexity=edge_case|turns=multi");
        assertEquals(java.util.Map.of("tone", "impatient", "label", "refund"), parsed.axes());
        assertEquals("edge_case", parsed.complexity());
    }

    @Test
    void aShortJsonAnswerIsNotHeldToTheCellsValueAsItsLabel() throws Exception {
        String json = """
                [{"role":"user","content":"Our software licence: either party may terminate with 30 days notice."},{"role":"assistant","content":"{\\"labels\\": [\\"termination\\"]}"}]""";
        String word = """
                [{"role":"user","content":"Our software licence: either party may terminate with 30 days notice."},{"role":"assistant","content":"termination"}]""";
        String cell = "category=liability|complexity=simple";
        JsonNode scores = judge("Label a contract clause with its categories, as JSON.", null,
                new String[] { cell, cell }, json, word);
        assertTrue(quality(scores, 0) >= 6, "a JSON answer is no label to compare with 'liability': " + scores);
        assertTrue(quality(scores, 1) < 6, "a one-word answer still is: " + scores);
        String context = "industry=software|complexity=simple";
        JsonNode contextOnly = judge("Label a contract clause.", null, new String[] { context }, word);
        assertTrue(quality(contextOnly, 0) >= 6, "an industry is the clause's context, not its label: " + contextOnly);
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
        PromptTokens promptTokens = PromptTokens.of(tokens, second);
        assertEquals(0, cache.cachedTokens("key-1", first, PromptTokens.of(tokens, first)), "nothing seen yet");
        int cached = cache.cachedTokens("key-1", second, promptTokens);
        int sharedTokens = tokens.count("<|system|>") + tokens.count("fixed instructions") + tokens.count("<|user|>")
                + tokens.count(shared.toString());
        assertTrue(cached >= 1024 && cached % 128 == 0, "cached " + cached);
        assertTrue(cached <= sharedTokens && sharedTokens - cached < 128 + 8, cached + " of " + sharedTokens);
        assertEquals(0, cache.cachedTokens("key-2", second, promptTokens), "per API key");
        List<Turn> small = List.of(new Turn("user", "short prompt"));
        cache.cachedTokens("key-1", small, PromptTokens.of(tokens, small));
        assertEquals(0, cache.cachedTokens("key-1", small, PromptTokens.of(tokens, small)),
                "below 1,024 tokens nothing is cached");
        now.set(700_000);
        assertEquals(0, cache.cachedTokens("key-1", second, promptTokens), "forgotten after the time to live");
    }
}
