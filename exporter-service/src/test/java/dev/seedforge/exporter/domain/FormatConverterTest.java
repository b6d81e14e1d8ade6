package dev.seedforge.exporter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.ToolCall;

/** Conversions between the formats, both ways, on LLaMA-Factory's own demo data. */
class FormatConverterTest {

    private static JsonNode demo(String name) throws Exception {
        try (InputStream in = FormatConverterTest.class.getResourceAsStream("/data/" + name)) {
            return Json.MAPPER.readTree(in);
        }
    }

    @Test
    void alpacaDemoSurvivesOpenAiAndShareGptBothWays() throws Exception {
        JsonNode demo = demo("llamafactory-alpaca-en-demo.json");
        assertTrue(demo.size() > 100);
        for (JsonNode record : demo) {
            List<ChatTurn> turns = FormatConverter.turns(record, ExampleFormat.ALPACA);
            for (ExampleFormat other : List.of(ExampleFormat.OPENAI, ExampleFormat.SHAREGPT)) {
                ObjectNode converted = FormatConverter.convert(record, ExampleFormat.ALPACA, other, List.of());
                assertEquals(turns, FormatConverter.turns(converted, other), other + ": " + record);
                ObjectNode back = FormatConverter.convert(converted, other, ExampleFormat.ALPACA, List.of());
                assertEquals(turns, FormatConverter.turns(back, ExampleFormat.ALPACA), other + " back: " + record);
            }
        }
    }

    @Test
    void glaiveToolCallDemoSurvivesOpenAiBothWays() throws Exception {
        JsonNode demo = demo("llamafactory-glaive-toolcall-en-demo.json");
        int withCalls = 0;
        for (JsonNode record : demo) {
            List<JsonNode> tools = List.of(Json.MAPPER.readTree(record.get("tools").asText()).elements().hasNext()
                    ? Json.MAPPER.readTree(record.get("tools").asText()).get(0)
                    : Json.MAPPER.createObjectNode());
            List<ChatTurn> turns = FormatConverter.turns(record, ExampleFormat.SHAREGPT);
            ObjectNode openAi = FormatConverter.convert(record, ExampleFormat.SHAREGPT, ExampleFormat.OPENAI, tools);
            assertEquals(turns, FormatConverter.turns(openAi, ExampleFormat.OPENAI));
            ObjectNode back = FormatConverter.convert(openAi, ExampleFormat.OPENAI, ExampleFormat.SHAREGPT, tools);
            assertEquals(record.get("conversations").size(), back.get("conversations").size(), record.toString());
            for (int i = 0; i < back.get("conversations").size(); i++) {
                JsonNode original = record.get("conversations").get(i);
                JsonNode again = back.get("conversations").get(i);
                assertEquals(original.get("from"), again.get("from"));
                if ("function_call".equals(original.get("from").asText())) {
                    assertEquals(Json.MAPPER.readTree(original.get("value").asText()),
                            Json.MAPPER.readTree(again.get("value").asText()));
                } else {
                    assertEquals(original.get("value"), again.get("value"));
                }
            }
            if (turns.stream().anyMatch(t -> !t.toolCalls().isEmpty())) {
                withCalls++;
                assertEquals("function", openAi.at("/tools/0/type").asText(), "OpenAI tools are wrapped");
                JsonNode shareGptTools = Json.MAPPER.readTree(back.get("tools").asText());
                assertTrue(shareGptTools.get(0).has("name"), "ShareGPT tools are a JSON string of functions");
            }
        }
        assertTrue(withCalls > 100, "the demo is mostly tool calls: " + withCalls);
    }

    @Test
    void parallelToolCallsStayOneTurnInShareGpt() {
        List<ChatTurn> turns = List.of(ChatTurn.of(ChatTurn.USER, "Weather in Paris and Rome?"),
                new ChatTurn(ChatTurn.ASSISTANT, null, List.of(new ToolCall("call_1", "weather", "{\"city\":\"Paris\"}"),
                        new ToolCall("call_2", "weather", "{\"city\":\"Rome\"}")), null),
                new ChatTurn(ChatTurn.TOOL, "{\"t\":18}", List.of(), "call_1"),
                new ChatTurn(ChatTurn.TOOL, "{\"t\":24}", List.of(), "call_2"),
                ChatTurn.of(ChatTurn.ASSISTANT, "Paris 18, Rome 24."));
        ObjectNode shareGpt = FormatConverter.render(turns, ExampleFormat.SHAREGPT, List.of());
        List<String> roles = shareGpt.get("conversations").findValuesAsText("from");
        assertEquals(List.of("human", "function_call", "observation", "gpt"), roles, shareGpt.toString());
        assertEquals(turns, FormatConverter.turns(shareGpt, ExampleFormat.SHAREGPT));
    }

    @Test
    void toolConversationsHaveNoAlpacaForm() {
        List<ChatTurn> turns = List.of(ChatTurn.of(ChatTurn.USER, "x"),
                new ChatTurn(ChatTurn.ASSISTANT, null, List.of(new ToolCall("c", "f", "{}")), null),
                new ChatTurn(ChatTurn.TOOL, "ok", List.of(), "c"), ChatTurn.of(ChatTurn.ASSISTANT, "done"));
        assertThrows(IllegalArgumentException.class,
                () -> FormatConverter.render(turns, ExampleFormat.ALPACA, List.of()));
    }
}
