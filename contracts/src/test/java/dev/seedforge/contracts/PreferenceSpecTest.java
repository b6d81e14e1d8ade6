package dev.seedforge.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.contracts.PreferenceSpec.FailureMode;

/** {@code task_type: preference}: the modes a job uses, errors naming the field, and the pair read off a record. */
class PreferenceSpecTest {

    private static final String BASE = """
            task: Answer math word problems
            format: openai
            target: 20
            seeds:
              - messages:
                  - {role: user, content: "What is 2 + 3?"}
                  - {role: assistant, content: "Answer: 5"}
            """;

    @Test
    void defaultModesAreThoseTheJobCanCheck() throws Exception {
        JobSpec plain = JobSpecs.parse(BASE + "task_type: preference\n", null);
        assertEquals(List.of(FailureMode.INCOMPLETE, FailureMode.HALLUCINATED_FACT), PreferenceSpec.modesOf(plain));
        JobSpec withRule = JobSpecs.parse(BASE + "task_type: preference\nrules: {reply_must_match: ['^Answer: ']}\n",
                null);
        assertEquals(List.of(FailureMode.WRONG_FORMAT, FailureMode.INCOMPLETE, FailureMode.HALLUCINATED_FACT),
                PreferenceSpec.modesOf(withRule));
        JobSpec back = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(withRule), JobSpec.class);
        assertTrue(PreferenceSpec.on(back), "survives the topics' JSON");
        assertFalse(PreferenceSpec.on(JobSpecs.parse(BASE, null)));
    }

    @Test
    void listedModesAreCheckedNamingTheField() {
        assertEquals(List.of("preference.failure_modes[1]"), fields("task_type: preference\n"
                + "preference: {failure_modes: [incomplete, wrong_tool_arguments]}\n"));
        assertEquals(List.of("preference.failure_modes[0]"), fields("task_type: preference\n"
                + "preference: {failure_modes: [wrong_format]}\n"));
        assertEquals(List.of("preference.failure_modes[1]"), fields("task_type: preference\n"
                + "preference: {failure_modes: [incomplete, made_up]}\n"));
        assertEquals(List.of("preference"), fields("preference: {failure_modes: [incomplete]}\n"));
        assertEquals(List.of("task_type"), fields("task_type: ranking\n"));
        assertEquals(List.of("export.formats"), fields("task_type: preference\nexport: {formats: [sharegpt]}\n"));
    }

    @Test
    void pairIsReadOffTheRecordInAnyFormat() {
        ObjectNode record = ExampleFormat.SHAREGPT.render(List.of(ChatTurn.of("system", "Be exact."),
                ChatTurn.of("user", "What is 2 + 3?"), ChatTurn.of("assistant", "Answer: 5")));
        record.set(PreferencePair.FIELD, PreferencePair.block("incomplete", ChatTurn.of("assistant", "Ans")));
        PreferencePair pair = PreferencePair.of(ExampleFormat.SHAREGPT, record);
        assertEquals(2, pair.prompt().size());
        assertEquals("Answer: 5", pair.chosen().content());
        assertEquals("Ans", pair.rejected().content());
        assertEquals("incomplete", pair.failureMode());
        ObjectNode rejected = pair.rejectedRecord(ExampleFormat.SHAREGPT, List.of());
        assertEquals(List.of(), ExampleFormat.SHAREGPT.check(rejected));
        assertEquals("Ans", ExampleFormat.SHAREGPT.turns(rejected).get(2).content());
        assertFalse(PreferencePair.withoutPreference(record).has(PreferencePair.FIELD));
        assertTrue(record.has(PreferencePair.FIELD), "the record itself is left as it was");
        record.remove(PreferencePair.FIELD);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> PreferencePair.of(ExampleFormat.SHAREGPT, record));
        assertTrue(missing.getMessage().contains("preference"), missing.getMessage());
    }

    private static List<String> fields(String extra) {
        InvalidJobSpecException e = assertThrows(InvalidJobSpecException.class, () -> JobSpecs.parse(BASE + extra,
                null));
        return e.errors().stream().map(FieldError::field).toList();
    }
}
