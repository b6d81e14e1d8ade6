package dev.seedforge.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

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
