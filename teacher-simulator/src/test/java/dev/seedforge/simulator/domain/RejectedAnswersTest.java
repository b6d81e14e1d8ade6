package dev.seedforge.simulator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.PreferencePair;
import dev.seedforge.contracts.tokens.TokenCounter;

/**
 * Asked for rejected answers, the simulator writes one per record for every task and format, in the mode asked of it,
 * and each really has its failure: out of the stated format, cut short, a made-up claim, a tool call against its schema.
 */
class RejectedAnswersTest {

    private static final TokenCounter TOKENS = new TokenCounter();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final TeacherSimulator simulator = new TeacherSimulator(42, GenerationShares.NONE);

    private List<JsonNode> generate(TaskSpecs.Spec spec, List<String> modes) {
        StringBuilder ask = new StringBuilder("\n\n<reply_format>\nthe final reply must match: \\d+\n</reply_format>"
                + "\n\n<rejected_answers>\nFor each example, also write a worse answer.\n");
        for (int i = 0; i < 4; i++) {
            ask.append("example ").append(i + 1).append(": ").append(modes.get(i % modes.size())).append('\n');
        }
        ask.append("</rejected_answers>");
        String tools = spec.tools().isEmpty() ? "" : "tools: yes\n";
        List<JsonNode> records = new ArrayList<>();
        for (int call = 0; call < 3; call++) {
            String user = TaskSpecs.prompt(spec, call, "complexity: simple\nturns: 1\n" + tools, List.of(), 4) + ask;
            records.addAll(TaskSpecs.records(simulator.answer(new ChatInput("gpt-4o-mini",
                    List.of(new Turn("system", TaskSpecs.SYSTEM), new Turn("user", user)), 0.9, "json_schema",
                    TeacherSimulator.GENERATION_SCHEMA, null, null))));
        }
        return records;
    }

    @Test
    void everyTaskGetsARejectedAnswerWithItsFailure() {
        for (TaskSpecs.Spec spec : TaskSpecs.ALL) {
            List<String> modes = spec.tools().isEmpty() ? List.of("wrong_format", "incomplete", "hallucinated_fact")
                    : List.of("wrong_tool_arguments", "incomplete", "hallucinated_fact", "wrong_format");
            List<JsonNode> records = generate(spec, modes);
            assertFalse(records.isEmpty(), spec.name());
            for (int i = 0; i < records.size(); i++) {
                JsonNode record = records.get(i);
                PreferencePair pair = PreferencePair.of(spec.format(), record);
                assertEquals(modes.get((i % 4) % modes.size()), pair.failureMode(), spec.name() + ": " + record);
                String chosen = pair.chosen().content() == null ? "" : pair.chosen().content();
                String rejected = pair.rejected().content() == null ? "" : pair.rejected().content();
                switch (pair.failureMode()) {
                    case "wrong_format" -> assertTrue(chosen.strip().startsWith("{")
                            ? !rejected.strip().startsWith("{")
                            : !Pattern.compile("\\d+").matcher(rejected).find(),
                            spec.name() + ": " + rejected);
                    case "incomplete" -> assertTrue(chosen.split("\\s+").length < 4
                            || TOKENS.count(rejected) <= 0.6 * TOKENS.count(chosen),
                            spec.name() + ": " + rejected
                                    + " / " + chosen);
                    case "hallucinated_fact" -> assertTrue(rejected.contains("confirmed by")
                            && !chosen.contains("confirmed by"), spec.name() + ": " + rejected);
                    default -> assertWrongArguments(spec, pair.rejected());
                }
            }
        }
    }

    private static void assertWrongArguments(TaskSpecs.Spec spec, ChatTurn rejected) {
        assertEquals(1, rejected.toolCalls().size(), spec.name() + ": " + rejected);
        var call = rejected.toolCalls().get(0);
        JsonNode tool = spec.tools().stream().map(RejectedAnswersTest::read)
                .filter(t -> t.path("function").path("name").asText().equals(call.name())).findFirst()
                .orElseThrow(() -> new AssertionError("no such tool: " + call.name()));
        JsonNode parameters = tool.path("function").path("parameters");
        String target = parameters.path("required").get(0).asText();
        String type = parameters.path("properties").path(target).path("type").asText();
        JsonNode value = read(call.arguments()).get(target);
        boolean matches = switch (type) {
            case "string" -> value.isTextual();
            case "integer", "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            default -> value.isObject();
        };
        assertFalse(matches, spec.name() + ": " + target + " is a " + type + ", got " + value);
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
