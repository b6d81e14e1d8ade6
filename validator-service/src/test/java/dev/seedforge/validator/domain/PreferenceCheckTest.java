package dev.seedforge.validator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.PreferencePair;
import dev.seedforge.contracts.PreferenceSpec;
import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.ToolCall;
import dev.seedforge.contracts.ValidationRules;
import dev.seedforge.contracts.Verdict;

/**
 * The rejected side of a pair must fail the way its mode names: each mode accepted when it does and rejected as
 * {@code preference_not_worse} when it does not; a missing or unasked-for mode is {@code preference_missing}.
 */
class PreferenceCheckTest {

    private static final JsonNode WEATHER = read("""
            {"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object",
             "properties": {"city": {"type": "string"}}, "required": ["city"], "additionalProperties": false}}}""");

    private static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JobSpec job(List<String> modes, ValidationRules rules, List<JsonNode> tools) {
        return JobSpec.builder().task("t").format(ExampleFormat.OPENAI).target(10).taskType("preference")
                .preference(new PreferenceSpec(modes)).rules(rules).tools(tools).build();
    }

    private static Candidate pair(List<ChatTurn> turns, String mode, ChatTurn rejected, List<JsonNode> tools) {
        ObjectNode record = ExampleFormat.OPENAI.render(turns, tools);
        if (mode != null) {
            record.set(PreferencePair.FIELD, PreferencePair.block(mode, rejected));
        }
        return RealDataTest.candidate(ExampleFormat.OPENAI, record);
    }

    private static List<ChatTurn> simple(String answer) {
        return List.of(ChatTurn.of(ChatTurn.USER, "What is 12 times 3? Explain briefly."),
                ChatTurn.of(ChatTurn.ASSISTANT, answer));
    }

    private static List<String> codes(Verdict verdict) {
        return verdict.reasons().stream().map(Reason::code).toList();
    }

    private static final String CHOSEN = "Answer: 36. Twelve times three means three groups of twelve, and 12 + 12 + 12"
            + " makes 36.";

    @Test
    void wrongFormatMustFailTheStatedReplyFormat() {
        CandidateValidator validator = CandidateValidator.forJob(job(List.of("wrong_format"),
                new ValidationRules(List.of("^Answer: \\d+"), List.of(), null, null, List.of()), List.of()));
        Verdict broken = validator.validate(pair(simple(CHOSEN), "wrong_format",
                ChatTurn.of(ChatTurn.ASSISTANT, "It's thirty-six, three groups of twelve."), List.of()));
        assertTrue(broken.accepted(), broken.reasons().toString());
        Verdict notWorse = validator.validate(pair(simple(CHOSEN), "wrong_format",
                ChatTurn.of(ChatTurn.ASSISTANT, "Answer: 36 (three twelves)."), List.of()));
        assertEquals(List.of("preference_not_worse"), codes(notWorse));
        assertTrue(notWorse.reasons().get(0).message().contains("wrong_format"), notWorse.reasons().toString());
    }

    @Test
    void incompleteMustBeCutShort() {
        CandidateValidator validator = CandidateValidator.forJob(job(List.of("incomplete"), null, List.of()));
        assertTrue(validator.validate(pair(simple(CHOSEN), "incomplete",
                ChatTurn.of(ChatTurn.ASSISTANT, "Answer: 36. Twelve times"), List.of())).accepted());
        assertEquals(List.of("preference_not_worse"), codes(validator.validate(pair(simple(CHOSEN), "incomplete",
                ChatTurn.of(ChatTurn.ASSISTANT, CHOSEN.replace("makes", "gives")), List.of()))));
    }

    @Test
    void hallucinatedFactMustNameSomethingThePromptDoesNotSupport() {
        CandidateValidator validator = CandidateValidator.forJob(job(List.of("hallucinated_fact"), null, List.of()));
        assertTrue(validator.validate(pair(simple(CHOSEN), "hallucinated_fact", ChatTurn.of(ChatTurn.ASSISTANT,
                CHOSEN + " Professor Lindqvist proved this rule in 1987."), List.of())).accepted());
        assertEquals(List.of("preference_not_worse"), codes(validator.validate(pair(simple(CHOSEN),
                "hallucinated_fact", ChatTurn.of(ChatTurn.ASSISTANT, "The answer is 36, since 12 + 12 + 12 = 36."),
                List.of()))));
    }

    @Test
    void wrongToolArgumentsMustViolateTheToolSchema() {
        List<JsonNode> tools = List.of(WEATHER);
        CandidateValidator validator = CandidateValidator.forJob(job(List.of("wrong_tool_arguments"), null, tools));
        List<ChatTurn> turns = List.of(ChatTurn.of(ChatTurn.USER, "Weather in Oslo?"),
                new ChatTurn(ChatTurn.ASSISTANT, null, List.of(new ToolCall("call_1", "get_weather",
                        "{\"city\":\"Oslo\"}")), null),
                new ChatTurn(ChatTurn.TOOL, "{\"temp_c\": 5}", List.of(), "call_1"),
                ChatTurn.of(ChatTurn.ASSISTANT, "It is 5 degrees in Oslo."));
        ChatTurn badCall = new ChatTurn(ChatTurn.ASSISTANT, null, List.of(new ToolCall("call_2", "get_weather",
                "{\"city\": 12}")), null);
        Verdict worse = validator.validate(pair(turns, "wrong_tool_arguments", badCall, tools));
        assertTrue(worse.accepted(), worse.reasons().toString());
        ChatTurn goodCall = new ChatTurn(ChatTurn.ASSISTANT, null, List.of(new ToolCall("call_2", "get_weather",
                "{\"city\": \"Bergen\"}")), null);
        assertEquals(List.of("preference_not_worse"),
                codes(validator.validate(pair(turns, "wrong_tool_arguments", goodCall, tools))));
    }

    @Test
    void aMissingRejectedSideOrAnUnaskedModeIsMissing() {
        CandidateValidator validator = CandidateValidator.forJob(job(List.of("incomplete"), null, List.of()));
        assertEquals(List.of("preference_missing"), codes(validator.validate(pair(simple(CHOSEN), null, null,
                List.of()))));
        assertEquals(List.of("preference_missing"), codes(validator.validate(pair(simple(CHOSEN),
                "hallucinated_fact", ChatTurn.of(ChatTurn.ASSISTANT, "Answer: 36 per Dr. Holm, 1987."), List.of()))));
    }

    @Test
    void theChosenSideIsCheckedAsAnyExample() {
        CandidateValidator validator = CandidateValidator.forJob(job(List.of("incomplete"),
                new ValidationRules(List.of("^Answer: \\d+"), List.of(), null, null, List.of()), List.of()));
        assertEquals(List.of("reply_pattern"), codes(validator.validate(pair(simple("Thirty-six, since 12 + 12 + 12"
                + " = 36 and that is three twelves together."), "incomplete", ChatTurn.of(ChatTurn.ASSISTANT,
                        "Thirty"),
                List.of()))));
    }
}
