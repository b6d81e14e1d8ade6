package dev.seedforge.simulator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.tokens.TokenCounter;

/**
 * Asked for reasoning (by the schema's field or the directives), the simulator writes a trace before every answer of
 * any task and format, within the budget, about the request it answers; asked for none, it writes none.
 */
class ReasoningTracesTest {

    private static final TokenCounter TOKENS = new TokenCounter();
    private final TeacherSimulator simulator = new TeacherSimulator(42, GenerationShares.NONE);

    private List<JsonNode> generate(TaskSpecs.Spec spec, String directives) {
        List<JsonNode> records = new ArrayList<>();
        for (int call = 0; call < 3; call++) {
            records.addAll(TaskSpecs.records(simulator.answer(TaskSpecs.input(spec, call, directives, List.of(), 4,
                    0.9 + call * 0.1))));
        }
        return records;
    }

    @Test
    void everyTaskGetsATraceBeforeEachAnswerWithinTheBudget() {
        for (TaskSpecs.Spec spec : TaskSpecs.ALL) {
            String tools = spec.tools().isEmpty() ? "" : "tools: yes\n";
            for (JsonNode record : generate(spec, "complexity: simple\nturns: 1\n" + tools
                    + "reasoning: yes, at most 80 tokens")) {
                List<ChatTurn> turns = spec.format().turns(record);
                assertTrue(spec.format().check(record).isEmpty(), spec.name() + ": " + spec.format().check(record));
                ChatTurn last = turns.get(turns.size() - 1);
                assertNotNull(last.reasoning(), spec.name() + ": " + record);
                assertTrue(TOKENS.count(last.reasoning()) <= 80, spec.name() + ": " + last.reasoning());
                assertFalse(last.content().contains("<think>"), "the answer stays apart: " + record);
                String user = turns.stream().filter(t -> ChatTurn.USER.equals(t.role())).reduce((a, b) -> b)
                        .orElseThrow().content();
                String firstWords = user.strip().split("\\s+")[0].toLowerCase(Locale.ROOT);
                assertTrue(last.reasoning().toLowerCase(Locale.ROOT).contains(firstWords),
                        spec.name() + ": the trace is about the request: " + last.reasoning() + " / " + user);
            }
        }
    }

    @Test
    void aToolCallingTurnsTraceNamesTheTool() {
        long withCall = generate(TaskSpecs.ANALYTICS_TOOLS, "complexity: simple\nturns: 1\ntools: yes\n"
                + "reasoning: yes, at most 200 tokens").stream()
                .flatMap(r -> ExampleFormat.OPENAI.turns(r).stream())
                .filter(t -> !t.toolCalls().isEmpty())
                .peek(t -> assertTrue(t.reasoning() != null && t.reasoning().contains(t.toolCalls().get(0).name()),
                        String.valueOf(t)))
                .count();
        assertTrue(withCall > 0, "the job calls tools");
    }

    @Test
    void noTraceUnlessAskedFor() {
        for (JsonNode record : generate(TaskSpecs.MATH, "complexity: simple\nturns: 1")) {
            List<ChatTurn> turns = TaskSpecs.MATH.format().turns(record);
            assertTrue(turns.stream().allMatch(t -> t.reasoning() == null), record.toString());
        }
    }

    @Test
    void theBudgetComesFromTheSchemaOrTheDirectives() throws Exception {
        JsonNode schema = TaskSpecs.MAPPER.readTree("""
                {"type":"object","properties":{"examples":{"type":"array","items":{"type":"object","properties":{
                 "conversations":{"type":"array","items":{"type":"object","properties":{"from":{"type":"string"},
                 "value":{"type":"string"},"reasoning_content":{"type":"string","description":
                 "gpt turns only: assistant turns only: the reasoning written before this answer, at most 300 tokens"}}}}}}}}}
                """);
        assertEquals(300, ReasoningTraces.budget(schema, List.of()));
        assertEquals(64, ReasoningTraces.budget(null, List.of(new Turn("user",
                "<directives>\ncomplexity: simple\nreasoning: yes, at most 64 tokens\n</directives>"))));
        assertEquals(-1, ReasoningTraces.budget(TaskSpecs.MAPPER.readTree("{\"type\":\"object\"}"),
                List.of(new Turn("user", "complexity: simple"))));
    }
}
