package dev.seedforge.generator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GeneratedExamplesTest {

    private static final String TWO = """
            {"examples":[
              {"messages":[{"role":"user","content":"Delete task #4."},{"role":"assistant","content":"Deleted task #4: 'Pay rent'"}]},
              {"messages":[{"role":"user","content":"Mark task #9 as done."},{"role":"assistant","content":"Completed task #9: 'Call Bob'"}]}
            ]}""";

    @Test
    void readsACleanAnswer() {
        GeneratedExamples parsed = GeneratedExamples.parse(TWO);
        assertNull(parsed.problem());
        assertEquals(2, parsed.examples().size());
        assertEquals("Completed task #9: 'Call Bob'", parsed.examples().get(1).textOf("assistant"));
    }

    @Test
    void salvagesCompleteExamplesOutOfATruncatedArray() {
        String truncated = TWO.substring(0, TWO.indexOf("Mark task #9") + 5);
        GeneratedExamples parsed = GeneratedExamples.parse(truncated);
        assertEquals(1, parsed.examples().size());
        assertEquals("Delete task #4.", parsed.examples().get(0).textOf("user"));
        assertTrue(parsed.problem().contains("not complete JSON"), parsed.problem());
        assertTrue(parsed.problem().contains("kept 1 complete examples"), parsed.problem());
    }

    @Test
    void namesAnExampleWithAnUnexpectedRoleAndKeepsTheOthers() {
        GeneratedExamples parsed = GeneratedExamples.parse(TWO.replaceFirst("\"role\":\"user\"", "\"role\":\"boss\""));
        assertEquals(1, parsed.examples().size());
        assertEquals("examples[0]: unexpected role 'boss'", parsed.problem());
    }

    @Test
    void saysWhenThereIsNothingToRead() {
        assertEquals("empty answer", GeneratedExamples.parse(" ").problem());
        assertEquals("no 'examples' array in the answer", GeneratedExamples.parse("{\"items\":[]}").problem());
        assertEquals(0, GeneratedExamples.parse("Sorry, I cannot help with that.").examples().size());
    }
}
