package dev.seedforge.contracts.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.Reason;

/** The format rules on real LLaMA-Factory data, and on broken copies of it, each rejected with its own code. */
class FormatCheckerTest {

    private final FormatChecker checker = new FormatChecker();

    static ArrayNode data(String file) throws IOException {
        try (InputStream in = FormatCheckerTest.class.getResourceAsStream("/data/" + file)) {
            return (ArrayNode) Json.MAPPER.readTree(in);
        }
    }

    static ArrayNode glaive() throws IOException {
        return data("llamafactory-glaive-toolcall-en-demo.json");
    }

    /** The first glaive conversation with the given ShareGPT roles, copied so a test can break it. */
    static ObjectNode glaiveWith(String roles) throws IOException {
        for (JsonNode record : glaive()) {
            List<String> froms = new ArrayList<>();
            record.get("conversations").forEach(turn -> froms.add(turn.get("from").asText()));
            if (String.join(" ", froms).equals(roles)) {
                return record.deepCopy();
            }
        }
        throw new IllegalStateException("no glaive conversation with roles " + roles);
    }

    static ObjectNode asOpenAi(JsonNode shareGpt) {
        return ExampleFormat.OPENAI.render(ExampleFormat.SHAREGPT.turns(shareGpt));
    }

    private List<Reason> failures(ExampleFormat format, ArrayNode records) {
        List<Reason> failures = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            for (Reason reason : checker.check(format, records.get(i))) {
                failures.add(new Reason(reason.code(), "record " + i + ": " + reason.message()));
            }
        }
        return failures;
    }

    private void assertRejected(ExampleFormat format, JsonNode example, String code, String message) {
        List<Reason> reasons = checker.check(format, example);
        assertEquals(List.of(new Reason(code, message)), reasons);
    }

    @Test
    void everyAlpacaDemoIsWellFormedAlpaca() throws IOException {
        ArrayNode demos = data("llamafactory-alpaca-en-demo.json");
        assertEquals(999, demos.size());
        assertEquals(List.of(), failures(ExampleFormat.ALPACA, demos));
    }

    @Test
    void everyGlaiveConversationIsWellFormedShareGpt() throws IOException {
        ArrayNode conversations = glaive();
        assertEquals(300, conversations.size());
        assertEquals(List.of(), failures(ExampleFormat.SHAREGPT, conversations));
    }

    @Test
    void everyGlaiveConversationConvertedToOpenAiIsWellFormedOpenAi() throws IOException {
        ArrayNode converted = Json.MAPPER.createArrayNode();
        glaive().forEach(record -> converted.add(asOpenAi(record)));
        assertEquals(List.of(), failures(ExampleFormat.OPENAI, converted));
        assertTrue(converted.toString().contains("\"tool_call_id\""), "the conversion should carry tool calls");
    }

    @Test
    void shareGptHumanWhereGptBelongs() throws IOException {
        ObjectNode record = glaiveWith("human gpt human gpt");
        ((ObjectNode) record.get("conversations").get(1)).put("from", "human");
        assertRejected(ExampleFormat.SHAREGPT, record, "role_order", "turn 2 should be gpt or function_call, got human");
    }

    @Test
    void shareGptEmptyTurn() throws IOException {
        ObjectNode record = glaiveWith("human gpt human gpt");
        ((ObjectNode) record.get("conversations").get(2)).put("value", "  \n");
        assertRejected(ExampleFormat.SHAREGPT, record, "empty_turn", "turn 3 (human) is empty");
    }

    @Test
    void shareGptTruncatedFunctionCall() throws IOException {
        ObjectNode record = glaiveWith("human function_call observation gpt");
        ObjectNode call = (ObjectNode) record.get("conversations").get(1);
        String value = call.get("value").asText();
        call.put("value", value.substring(0, value.length() - 3));
        List<Reason> reasons = checker.check(ExampleFormat.SHAREGPT, record);
        assertEquals(1, reasons.size(), reasons.toString());
        assertEquals("invalid_tool_arguments", reasons.get(0).code());
        assertTrue(reasons.get(0).message().startsWith("turn 2 (function_call) is not valid JSON: "),
                reasons.get(0).message());
    }

    @Test
    void shareGptFunctionCallWithTextArguments() throws IOException {
        ObjectNode record = glaiveWith("human function_call observation gpt");
        ((ObjectNode) record.get("conversations").get(1)).put("value",
                "{\"name\": \"search_recipes\", \"arguments\": \"chicken, rice\"}");
        assertRejected(ExampleFormat.SHAREGPT, record, "invalid_tool_arguments",
                "turn 2 (function_call): arguments must be a JSON object, got a string");
    }

    @Test
    void shareGptParallelCallsAreOneFunctionCallWithAListAndEachCallIsChecked() throws IOException {
        ObjectNode record = glaiveWith("human function_call observation gpt");
        ObjectNode call = (ObjectNode) record.get("conversations").get(1);
        String single = call.get("value").asText();
        call.put("value", "[" + single + "," + single + "]");
        ((ObjectNode) record.get("conversations").get(2)).put("value", "[\"{}\",\"{}\"]");
        assertEquals(List.of(), checker.check(ExampleFormat.SHAREGPT, record), "LLaMA-Factory reads this form");
        call.put("value", "[" + single + ",{\"name\":\"search_recipes\",\"arguments\":\"rice\"}]");
        assertRejected(ExampleFormat.SHAREGPT, record, "invalid_tool_arguments",
                "turn 2 (function_call) call 2: arguments must be a JSON object, got a string");
        call.put("value", "[]");
        assertRejected(ExampleFormat.SHAREGPT, record, "invalid_tool_arguments",
                "turn 2 (function_call) must be a JSON object {name, arguments} (or a non-empty list of them),"
                        + " got an array");
    }

    @Test
    void shareGptEndingWithHuman() throws IOException {
        ObjectNode record = glaiveWith("human gpt human gpt");
        ((ArrayNode) record.get("conversations")).remove(3);
        assertRejected(ExampleFormat.SHAREGPT, record, "ends_without_assistant",
                "the conversation ends with human (turn 3); it must end with gpt");
    }

    @Test
    void shareGptObservationWithoutFunctionCall() throws IOException {
        ObjectNode record = glaiveWith("human function_call observation gpt");
        ((ObjectNode) record.get("conversations").get(1)).put("from", "gpt").put("value", "Let me look.");
        assertRejected(ExampleFormat.SHAREGPT, record, "orphan_tool_result",
                "turn 3: observation does not follow a function_call");
    }

    @Test
    void shareGptFunctionCallLeftUnanswered() throws IOException {
        ObjectNode record = glaiveWith("human function_call observation gpt");
        ((ObjectNode) record.get("conversations").get(2)).put("from", "human");
        assertRejected(ExampleFormat.SHAREGPT, record, "role_order",
                "turn 3 should be observation (the result of the function_call in turn 2), got human");
    }

    @Test
    void shareGptUnknownRoleAndLateSystem() throws IOException {
        ObjectNode record = glaiveWith("human gpt human gpt");
        ((ObjectNode) record.get("conversations").get(0)).put("from", "user");
        ((ObjectNode) record.get("conversations").get(2)).put("from", "system");
        List<Reason> reasons = checker.check(ExampleFormat.SHAREGPT, record);
        assertEquals(List.of(
                new Reason("unknown_role", "turn 1: unknown role 'user'; expected human, gpt, system, function_call"
                        + " or observation"),
                new Reason("role_order", "turn 3: system is only allowed as the first turn")), reasons);
    }

    @Test
    void openAiTruncatedToolArguments() throws IOException {
        ObjectNode record = asOpenAi(glaiveWith("human function_call observation gpt"));
        ObjectNode function = (ObjectNode) record.get("messages").get(1).get("tool_calls").get(0).get("function");
        String arguments = function.get("arguments").asText();
        function.put("arguments", arguments.substring(0, arguments.length() - 1));
        List<Reason> reasons = checker.check(ExampleFormat.OPENAI, record);
        assertEquals(1, reasons.size(), reasons.toString());
        assertEquals("invalid_tool_arguments", reasons.get(0).code());
        assertTrue(reasons.get(0).message().startsWith("turn 2 (assistant), tool call 1: function.arguments is not"
                + " valid JSON: "), reasons.get(0).message());
    }

    @Test
    void openAiArgumentsThatAreNotAnObject() throws IOException {
        ObjectNode record = asOpenAi(glaiveWith("human function_call observation gpt"));
        ((ObjectNode) record.get("messages").get(1).get("tool_calls").get(0).get("function")).put("arguments",
                "[1, 2]");
        assertRejected(ExampleFormat.OPENAI, record, "invalid_tool_arguments",
                "turn 2 (assistant), tool call 1: function.arguments must be a JSON object, got an array");
    }

    @Test
    void openAiToolResultForAnotherCall() throws IOException {
        ObjectNode record = asOpenAi(glaiveWith("human function_call observation gpt"));
        ((ObjectNode) record.get("messages").get(2)).put("tool_call_id", "call_9");
        List<Reason> reasons = checker.check(ExampleFormat.OPENAI, record);
        assertEquals("orphan_tool_result", reasons.get(0).code());
        assertEquals("turn 3 (tool) answers tool_call_id 'call_9', but the pending calls of turn 2 are [call_1]",
                reasons.get(0).message());
    }

    @Test
    void openAiToolResultWithoutAnyCall() throws IOException {
        ObjectNode record = asOpenAi(glaiveWith("human gpt human gpt"));
        ((ObjectNode) record.get("messages").get(2)).put("role", "tool").put("tool_call_id", "call_1");
        assertEquals("orphan_tool_result", checker.check(ExampleFormat.OPENAI, record).get(0).code());
    }

    @Test
    void openAiTwoUsersInARow() throws IOException {
        ObjectNode record = asOpenAi(glaiveWith("human gpt human gpt"));
        ((ObjectNode) record.get("messages").get(1)).put("role", "user");
        assertRejected(ExampleFormat.OPENAI, record, "role_order", "turn 2 should be assistant, got user");
    }

    @Test
    void openAiEndingWithUser() throws IOException {
        ObjectNode record = asOpenAi(glaiveWith("human gpt human gpt"));
        ((ArrayNode) record.get("messages")).remove(3);
        assertRejected(ExampleFormat.OPENAI, record, "ends_without_assistant",
                "the conversation ends with user (turn 3); it must end with an assistant reply");
    }

    @Test
    void openAiEndingWithAnUnansweredToolCall() throws IOException {
        ObjectNode record = asOpenAi(glaiveWith("human function_call observation gpt"));
        ArrayNode messages = (ArrayNode) record.get("messages");
        messages.remove(3);
        messages.remove(2);
        assertRejected(ExampleFormat.OPENAI, record, "ends_without_assistant",
                "the conversation ends with a tool call (turn 2) that is never answered; it must end with an assistant"
                        + " reply");
    }

    @Test
    void openAiEmptyContentAndUnknownRole() throws IOException {
        ObjectNode record = asOpenAi(glaiveWith("human gpt human gpt"));
        ((ObjectNode) record.get("messages").get(1)).put("content", "");
        assertRejected(ExampleFormat.OPENAI, record, "empty_turn", "turn 2 (assistant) is empty");
        ((ObjectNode) record.get("messages").get(1)).put("content", "Sure.").put("role", "bot");
        assertRejected(ExampleFormat.OPENAI, record, "unknown_role",
                "turn 2: unknown role 'bot'; expected system, user, assistant or tool");
    }

    @Test
    void openAiToolCallWithoutIdOrWithObjectArguments() throws IOException {
        ObjectNode record = asOpenAi(glaiveWith("human function_call observation gpt"));
        ObjectNode call = (ObjectNode) record.get("messages").get(1).get("tool_calls").get(0);
        call.remove("id");
        ((ObjectNode) call.get("function")).putObject("arguments").put("title", "x");
        List<Reason> reasons = checker.check(ExampleFormat.OPENAI, record);
        assertEquals(List.of(new Reason("missing_field", "turn 2 (assistant), tool call 1 has no id"),
                new Reason("wrong_type",
                        "turn 2 (assistant), tool call 1: function.arguments must be a string of JSON, got an object")),
                reasons.subList(0, 2));
    }

    @Test
    void alpacaBrokenCopies() throws IOException {
        ObjectNode record = (ObjectNode) data("llamafactory-alpaca-en-demo.json").get(0).deepCopy();
        ObjectNode emptyOutput = record.deepCopy().put("output", " ");
        assertRejected(ExampleFormat.ALPACA, emptyOutput, "empty_turn", "output is empty");
        ObjectNode numericInput = record.deepCopy().put("input", 3);
        assertRejected(ExampleFormat.ALPACA, numericInput, "wrong_type",
                "input must be a string (\"\" for none), got a number");
        ObjectNode noOutput = record.deepCopy();
        noOutput.remove("output");
        assertRejected(ExampleFormat.ALPACA, noOutput, "missing_field", "the example has no 'output'");
        ObjectNode badHistory = record.deepCopy();
        badHistory.putArray("history").addArray().add("only the question");
        assertRejected(ExampleFormat.ALPACA, badHistory, "wrong_type",
                "history[0] must be a pair [instruction, response], got an array of 1");
        ObjectNode goodHistory = record.deepCopy();
        goodHistory.putArray("history").addArray().add("Hi").add("Hello!");
        assertEquals(List.of(), checker.check(ExampleFormat.ALPACA, goodHistory));
    }

    @Test
    void recordOfAnotherFormat() throws IOException {
        assertRejected(ExampleFormat.OPENAI, glaive().get(0), "format_mismatch",
                "the job's format is openai but the example is a sharegpt record (it has 'conversations', not"
                        + " 'messages')");
        assertRejected(ExampleFormat.ALPACA, Json.MAPPER.createObjectNode().put("prompt", "x"), "missing_field",
                "the example has no 'instruction'; a alpaca record needs it");
    }

    @Test
    void notAnObject() {
        assertRejected(ExampleFormat.SHAREGPT, Json.MAPPER.createArrayNode(), "not_an_object",
                "the example must be a JSON object, got an array");
        assertRejected(ExampleFormat.SHAREGPT, null, "not_an_object", "the example is empty; expected a sharegpt record");
    }

    @Test
    void reasonsAreCappedForLongBrokenConversations() throws IOException {
        ObjectNode record = glaiveWith("human gpt human gpt");
        ArrayNode conversations = (ArrayNode) record.get("conversations");
        for (int i = 0; i < 30; i++) {
            conversations.addObject().put("from", "human").put("value", "");
        }
        assertEquals(Problems.MAX_REASONS, checker.check(ExampleFormat.SHAREGPT, record).size());
    }

    @Test
    void aSpeakersNameFollowsOpenAisRule() throws IOException {
        ObjectNode record = (ObjectNode) Json.MAPPER.readTree("""
                {"messages": [{"role": "user", "name": "priya_s-2", "content": "Is staging up?"},
                              {"role": "assistant", "content": "Yes."}]}""");
        assertEquals(List.of(), checker.check(ExampleFormat.OPENAI, record));
        ((ObjectNode) record.get("messages").get(0)).put("name", "Priya S.");
        List<Reason> spaced = checker.check(ExampleFormat.OPENAI, record);
        assertEquals(1, spaced.size(), spaced.toString());
        assertEquals(dev.seedforge.contracts.ReasonCode.WRONG_TYPE.code(), spaced.get(0).code());
        assertTrue(spaced.get(0).message().contains("name must be 1 to 64 letters, digits, '_' or '-'"),
                spaced.toString());
        ((ObjectNode) record.get("messages").get(0)).putNull("name");
        assertEquals(List.of(), checker.check(ExampleFormat.OPENAI, record), "a null name is no name");
    }
}
