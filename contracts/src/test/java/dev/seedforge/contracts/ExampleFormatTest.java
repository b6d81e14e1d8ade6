package dev.seedforge.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

class ExampleFormatTest {

    private static JsonNode read(String file) throws Exception {
        return Json.MAPPER.readTree(Path.of("../testdata", file).toFile());
    }

    @Test
    void everyAlpacaDemoSurvivesEveryFormat() throws Exception {
        JsonNode demos = read("llamafactory-alpaca-en-demo.json");
        assertEquals(999, demos.size());
        for (JsonNode demo : demos) {
            List<ChatTurn> turns = ExampleFormat.ALPACA.turns(demo);
            for (ExampleFormat format : ExampleFormat.values()) {
                assertEquals(turns, format.turns(format.render(turns)), format + " " + demo);
            }
        }
    }

    @Test
    void everyGlaiveToolCallConversationSurvivesShareGptAndOpenAi() throws Exception {
        JsonNode conversations = read("llamafactory-glaive-toolcall-en-demo.json");
        assertEquals(300, conversations.size());
        for (JsonNode conversation : conversations) {
            List<ChatTurn> turns = ExampleFormat.SHAREGPT.turns(conversation);
            assertEquals(turns, ExampleFormat.SHAREGPT.turns(ExampleFormat.SHAREGPT.render(turns)));
            assertEquals(turns, ExampleFormat.OPENAI.turns(ExampleFormat.OPENAI.render(turns)));
            assertEquals(conversation.get("conversations").size(),
                    ExampleFormat.SHAREGPT.render(turns).get("conversations").size());
        }
    }

    @Test
    void glaiveDemoGoesToOpenAiWithItsToolsAndComesBackTheSame() throws Exception {
        JsonNode demo = read("llamafactory-glaive-toolcall-en-demo.json");
        int withCalls = 0;
        int withoutCalls = 0;
        for (JsonNode record : demo) {
            List<ChatTurn> turns = ExampleFormat.SHAREGPT.turns(record);
            ObjectNode openAi = ExampleFormat.SHAREGPT.convert(record, ExampleFormat.OPENAI);
            assertEquals(turns, ExampleFormat.OPENAI.turns(openAi), record.toString());
            ObjectNode back = ExampleFormat.OPENAI.convert(openAi, ExampleFormat.SHAREGPT);
            JsonNode original = record.get("conversations");
            assertEquals(original.size(), back.get("conversations").size(), record.toString());
            for (int i = 0; i < original.size(); i++) {
                JsonNode again = back.get("conversations").get(i);
                assertEquals(original.get(i).get("from"), again.get("from"));
                if ("function_call".equals(original.get(i).get("from").asText())) {
                    assertEquals(Json.MAPPER.readTree(original.get(i).get("value").asText()),
                            Json.MAPPER.readTree(again.get("value").asText()));
                } else {
                    assertEquals(original.get(i).get("value"), again.get("value"));
                }
            }
            if (turns.stream().anyMatch(t -> !t.toolCalls().isEmpty())) {
                withCalls++;
                assertEquals("function", openAi.at("/tools/0/type").asText(), "OpenAI tools are wrapped");
                assertEquals(Json.MAPPER.readTree(record.get("tools").asText()),
                        Json.MAPPER.readTree(back.get("tools").asText()),
                        "ShareGPT tools come back as the same JSON string of bare functions");
            } else if (!ExampleFormat.SHAREGPT.tools(record).isEmpty()) {
                withoutCalls++;
                // the functions offered where none fits teach when not to call one: kept both ways
                assertEquals(ExampleFormat.SHAREGPT.tools(record), ExampleFormat.OPENAI.tools(openAi));
                assertEquals(ExampleFormat.SHAREGPT.tools(record), ExampleFormat.SHAREGPT.tools(back));
            }
        }
        assertTrue(withCalls > 100, "the demo is mostly tool calls: " + withCalls);
        assertTrue(withoutCalls > 10, "and offers tools it does not call: " + withoutCalls);
    }

    /** Two of the demo's own calls made at once: the shape LLaMA-Factory reads for parallel calls. */
    private static List<ChatTurn> parallelCallsFromTheDemo() throws Exception {
        JsonNode demo = read("llamafactory-glaive-toolcall-en-demo.json");
        List<ToolCall> calls = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        for (JsonNode record : demo) {
            List<ChatTurn> turns = ExampleFormat.SHAREGPT.turns(record);
            for (int i = 0; i + 1 < turns.size() && calls.size() < 2; i++) {
                if (!turns.get(i).toolCalls().isEmpty() && ChatTurn.TOOL.equals(turns.get(i + 1).role())) {
                    ToolCall call = turns.get(i).toolCalls().get(0);
                    calls.add(new ToolCall("call_" + (calls.size() + 1), call.name(), call.arguments()));
                    answers.add(turns.get(i + 1).content());
                    break;
                }
            }
        }
        return List.of(ChatTurn.of(ChatTurn.USER, "Do both at once."),
                new ChatTurn(ChatTurn.ASSISTANT, null, calls, null),
                new ChatTurn(ChatTurn.TOOL, answers.get(0), List.of(), "call_1"),
                new ChatTurn(ChatTurn.TOOL, answers.get(1), List.of(), "call_2"),
                ChatTurn.of(ChatTurn.ASSISTANT, "Both are done."));
    }

    @Test
    void parallelCallsAreOneFunctionCallAndOneObservationInShareGpt() throws Exception {
        List<ChatTurn> turns = parallelCallsFromTheDemo();
        ObjectNode shareGpt = ExampleFormat.SHAREGPT.render(turns);
        assertEquals(List.of("human", "function_call", "observation", "gpt"),
                shareGpt.get("conversations").findValuesAsText("from"), shareGpt.toString());
        JsonNode calls = Json.MAPPER.readTree(shareGpt.at("/conversations/1/value").asText());
        assertEquals(2, calls.size(), "LLaMA-Factory reads a JSON list of calls as parallel calls");
        assertEquals(turns.get(1).toolCalls().get(1).name(), calls.get(1).get("name").asText());
        assertEquals(2, Json.MAPPER.readTree(shareGpt.at("/conversations/2/value").asText()).size());
        assertEquals(turns, ExampleFormat.SHAREGPT.turns(shareGpt));
        ObjectNode openAi = ExampleFormat.SHAREGPT.convert(shareGpt, ExampleFormat.OPENAI);
        assertEquals(2, openAi.at("/messages/1/tool_calls").size());
        assertEquals("call_2", openAi.at("/messages/3/tool_call_id").asText());
        assertEquals(shareGpt, ExampleFormat.OPENAI.convert(openAi, ExampleFormat.SHAREGPT));
    }

    @Test
    void anObservationArrayAfterASingleCallIsOneAnswer() throws Exception {
        ObjectNode record = (ObjectNode) Json.MAPPER.readTree("{\"conversations\":["
                + "{\"from\":\"human\",\"value\":\"List them.\"},"
                + "{\"from\":\"function_call\",\"value\":\"{\\\"name\\\":\\\"list\\\",\\\"arguments\\\":{}}\"},"
                + "{\"from\":\"observation\",\"value\":\"[1,2]\"},{\"from\":\"gpt\",\"value\":\"1 and 2.\"}]}");
        List<ChatTurn> turns = ExampleFormat.SHAREGPT.turns(record);
        assertEquals(4, turns.size());
        assertEquals(new ChatTurn(ChatTurn.TOOL, "[1,2]", List.of(), "call_1"), turns.get(2));
    }

    @Test
    void aFunctionCallThatIsNotJsonIsKeptVerbatimForTheValidator() throws Exception {
        ObjectNode record = (ObjectNode) Json.MAPPER.readTree("{\"conversations\":["
                + "{\"from\":\"human\",\"value\":\"x\"},{\"from\":\"function_call\",\"value\":\"{broken\"}]}");
        assertEquals(new ToolCall("call_1", null, "{broken"), ExampleFormat.SHAREGPT.turns(record).get(1)
                .toolCalls().get(0));
    }

    @Test
    void toolConversationsHaveNoAlpacaForm() throws Exception {
        var e = assertThrows(IllegalArgumentException.class,
                () -> ExampleFormat.ALPACA.render(parallelCallsFromTheDemo(), List.of()));
        assertEquals("tool calls have no Alpaca form", e.getMessage());
        JsonNode glaive = read("llamafactory-glaive-toolcall-en-demo.json").get(0);
        assertThrows(IllegalArgumentException.class, () -> ExampleFormat.SHAREGPT.convert(glaive,
                ExampleFormat.ALPACA));
    }

    @Test
    void alpacaDemoConvertsBothWaysThroughEveryFormat() throws Exception {
        for (JsonNode record : read("llamafactory-alpaca-en-demo.json")) {
            List<ChatTurn> turns = ExampleFormat.ALPACA.turns(record);
            for (ExampleFormat other : List.of(ExampleFormat.OPENAI, ExampleFormat.SHAREGPT)) {
                ObjectNode converted = ExampleFormat.ALPACA.convert(record, other);
                assertEquals(turns, other.turns(converted), other + ": " + record);
                assertEquals(turns, ExampleFormat.ALPACA.turns(other.convert(converted, ExampleFormat.ALPACA)),
                        other + " back: " + record);
                assertFalse(converted.has("tools"));
            }
        }
    }

    @Test
    void functionCallsBecomeToolCallsAnsweredById() throws Exception {
        JsonNode conversation = read("llamafactory-glaive-toolcall-en-demo.json").get(0);
        List<ChatTurn> turns = ExampleFormat.SHAREGPT.turns(conversation);
        ChatTurn call = turns.stream().filter(t -> !t.toolCalls().isEmpty()).findFirst().orElseThrow();
        assertEquals("search_recipes", call.toolCalls().get(0).name());
        ChatTurn result = turns.get(turns.indexOf(call) + 1);
        assertEquals(ChatTurn.TOOL, result.role());
        assertEquals(call.toolCalls().get(0).id(), result.toolCallId());
        JsonNode openAi = ExampleFormat.OPENAI.render(turns);
        assertEquals("{\"ingredients\":[\"chicken\",\"bell peppers\",\"rice\"]}",
                openAi.get("messages").get(turns.indexOf(call)).get("tool_calls").get(0).get("function")
                        .get("arguments").asText().replace(" ", "").replace("bellpeppers", "bell peppers"));
    }

    @Test
    void detectionNamesWhatIsMissing() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> ExampleFormat.detect(Json.MAPPER.createObjectNode().put("prompt", "x")));
        assertEquals("an example needs 'messages' (openai), 'conversations' (sharegpt) or 'instruction' (alpaca);"
                + " got fields [prompt]", e.getMessage());
        var pair = assertThrows(IllegalArgumentException.class, () -> ExampleFormat
                .detect(Json.MAPPER.createObjectNode().put("question", "How many?").put("answer", "Two.")));
        assertEquals("an example needs 'messages' (openai), 'conversations' (sharegpt) or 'instruction' (alpaca);"
                + " got fields [question, answer] (a request and a reply under these names are read from a"
                + " seeds_file)", pair.getMessage());
    }

    @Test
    void unknownShareGptRoleIsNamedWithItsTurn() {
        var record = Json.MAPPER.createObjectNode();
        record.putArray("conversations").addObject().put("from", "bot").put("value", "hi");
        var e = assertThrows(IllegalArgumentException.class, () -> ExampleFormat.SHAREGPT.turns(record));
        assertEquals("conversations[0].from: unknown role 'bot'; expected human, gpt, system, function_call or"
                + " observation", e.getMessage());
    }
}
