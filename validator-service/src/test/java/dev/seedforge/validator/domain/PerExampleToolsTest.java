package dev.seedforge.validator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.PreferencePair;
import dev.seedforge.contracts.PreferenceSpec;
import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.ToolCall;
import dev.seedforge.contracts.Verdict;

/**
 * A job whose examples declare their own tools (Glaive, xLAM): each candidate's calls are held to its own list, never
 * another example's, and its list to what a job's is held to ({@code invalid_tool_definition}).
 */
class PerExampleToolsTest {

    private static final String LOOKUP = """
            {"name": "lookup_order", "description": "Find an order",
             "parameters": {"type": "object", "properties": {"order_id": {"type": "string"}},
              "required": ["order_id"]}}""";
    private static final String REFUND = """
            {"name": "refund", "parameters": {"type": "object",
             "properties": {"amount": {"type": "number"}}, "required": ["amount"]}}""";

    private static JobSpec perExample(ExampleFormat format) {
        return JobSpec.builder().task("t").format(format).target(10).toolsPerExample(true).build();
    }

    private static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Glaive-like ShareGPT record calling {@code called} and offering the bare functions {@code tools}. */
    private static ObjectNode shareGpt(String called, String arguments, String... tools) {
        ObjectNode record = (ObjectNode) read("""
                {"conversations": [
                  {"from": "human", "value": "Where is my order 42?"},
                  {"from": "function_call", "value": "{\\"name\\": \\"%s\\", \\"arguments\\": %s}"},
                  {"from": "observation", "value": "{\\"status\\": \\"shipped\\"}"},
                  {"from": "gpt", "value": "It has shipped."}]}""".formatted(called,
                arguments.replace("\"", "\\\"")));
        if (tools.length > 0) {
            record.put("tools", "[" + String.join(", ", tools) + "]");
        }
        return record;
    }

    /** An OpenAI record calling {@code called} and offering {@code tools} (bare functions, wrapped as OpenAI does). */
    private static ObjectNode openAi(String called, String arguments, String... tools) {
        ObjectNode record = ExampleFormat.OPENAI.render(List.of(ChatTurn.of(ChatTurn.USER, "Refund my 12 euros."),
                new ChatTurn(ChatTurn.ASSISTANT, null, List.of(new ToolCall("call_1", called, arguments)), null),
                new ChatTurn(ChatTurn.TOOL, "{\"ok\": true}", List.of(), "call_1"),
                ChatTurn.of(ChatTurn.ASSISTANT, "Refunded.")));
        if (tools.length > 0) {
            ExampleFormat.OPENAI.home().putTools(record, List.of(tools).stream().map(PerExampleToolsTest::read)
                    .toList());
        }
        return record;
    }

    private static List<Reason> reasons(ExampleFormat format, JsonNode record) {
        return CandidateValidator.forJob(perExample(format)).validate(RealDataTest.candidate(format, record))
                .reasons();
    }

    private static List<String> codes(List<Reason> reasons) {
        return reasons.stream().map(Reason::code).toList();
    }

    @Test
    void callsMatchingTheExamplesOwnToolsAreAccepted() {
        assertEquals(List.of(), reasons(ExampleFormat.SHAREGPT, shareGpt("lookup_order", "{\"order_id\": \"42\"}",
                LOOKUP)));
        assertEquals(List.of(), reasons(ExampleFormat.OPENAI, openAi("refund", "{\"amount\": 12}", REFUND)));
        // the own schema is applied, not only the name
        assertEquals(List.of("tool_arguments_schema"), codes(reasons(ExampleFormat.OPENAI,
                openAi("refund", "{\"amount\": \"twelve\"}", REFUND))));
    }

    @Test
    void aToolOnlyAnotherExampleDeclaresIsUnknown() {
        List<Reason> borrowed = reasons(ExampleFormat.SHAREGPT, shareGpt("refund", "{\"amount\": 12}", LOOKUP));
        assertEquals(List.of(new Reason("unknown_tool", "turn 2, tool call 1 calls 'refund', which is not a declared"
                + " tool; declared: lookup_order")), borrowed);
        assertEquals(List.of("unknown_tool"), codes(reasons(ExampleFormat.OPENAI,
                openAi("lookup_order", "{\"order_id\": \"42\"}", REFUND))));
        assertEquals(List.of(new Reason("unknown_tool", "turn 2, tool call 1 calls 'refund', which is not a declared"
                + " tool (no tools are declared)")), reasons(ExampleFormat.OPENAI, openAi("refund",
                        "{\"amount\": 12}")));
    }

    @Test
    void anInvalidListOfItsOwnIsRejectedNamingTheDefinition() {
        List<Reason> nameless = reasons(ExampleFormat.SHAREGPT, shareGpt("lookup_order", "{\"order_id\": \"42\"}",
                LOOKUP, "{\"description\": \"no name\"}"));
        assertEquals(List.of(new Reason("invalid_tool_definition",
                "tools[1]: needs function.name (OpenAI tool definition)")), nameless);

        List<Reason> twice = reasons(ExampleFormat.OPENAI, openAi("refund", "{\"amount\": 12}", REFUND,
                "{\"name\": \"refund\"}"));
        assertEquals(List.of(new Reason("invalid_tool_definition",
                "tools[1]: declares 'refund' a second time; a tool's name is unique in its list")), twice);

        List<Reason> stringParameters = reasons(ExampleFormat.SHAREGPT, shareGpt("lookup_order",
                "{\"order_id\": \"42\"}", "{\"name\": \"lookup_order\", \"parameters\": {\"type\": \"string\"}}"));
        assertEquals(List.of("invalid_tool_definition"), codes(stringParameters));
        assertTrue(stringParameters.get(0).message().startsWith("tools[0]")
                && stringParameters.get(0).message().endsWith("parameters: must be a JSON Schema of type object"),
                stringParameters.toString());
    }

    @Test
    void aListOfItsOwnIsCheckedEvenWhereNothingIsCalled() {
        ObjectNode noCall = (ObjectNode) read("""
                {"conversations": [{"from": "human", "value": "Hi"}, {"from": "gpt", "value": "Hello!"}]}""");
        noCall.put("tools", "[" + LOOKUP + ", " + LOOKUP + "]");
        assertEquals(List.of("invalid_tool_definition"), codes(reasons(ExampleFormat.SHAREGPT, noCall)));
        noCall.put("tools", "[" + LOOKUP + "]");
        assertEquals(List.of(), reasons(ExampleFormat.SHAREGPT, noCall));
    }

    /** The rejected side is offered the example's own tools, so a call off their schema is what makes it worse. */
    @Test
    void theRejectedSideOfAPairIsHeldToTheExamplesOwnTools() {
        JobSpec job = perExample(ExampleFormat.OPENAI).toBuilder().taskType("preference")
                .preference(new PreferenceSpec(List.of("wrong_tool_arguments"))).build();
        ObjectNode record = openAi("refund", "{\"amount\": 12}", REFUND);
        record.set(PreferencePair.FIELD, PreferencePair.block("wrong_tool_arguments", new ChatTurn(
                ChatTurn.ASSISTANT, null, List.of(new ToolCall("call_2", "refund", "{\"amount\": \"all\"}")), null)));
        Verdict worse = CandidateValidator.forJob(job).validate(RealDataTest.candidate(ExampleFormat.OPENAI, record));
        assertTrue(worse.accepted(), worse.reasons().toString());

        record.set(PreferencePair.FIELD, PreferencePair.block("wrong_tool_arguments", new ChatTurn(
                ChatTurn.ASSISTANT, null, List.of(new ToolCall("call_2", "refund", "{\"amount\": 3}")), null)));
        assertEquals(List.of("preference_not_worse"), codes(CandidateValidator.forJob(job)
                .validate(RealDataTest.candidate(ExampleFormat.OPENAI, record)).reasons()));
    }
}
