package dev.seedforge.simulator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LabelAxisTest {

    private static final List<Example> POSITIVE_SEEDS = List.of(
            new Example(List.of(new Turn(Turn.USER, "Classify: the kettle boils fast."),
                    new Turn(Turn.ASSISTANT, "positive"))),
            new Example(List.of(new Turn(Turn.USER, "Classify: lovely hotel staff."),
                    new Turn(Turn.ASSISTANT, "positive"))));

    private static GenerationPrompt prompt(Map<String, String> axes, String task) {
        return prompt(POSITIVE_SEEDS, new CellDirectives(axes, "simple", 0, false, null, null), task);
    }

    private static GenerationPrompt prompt(List<Example> seeds, CellDirectives cell, String task) {
        return new GenerationPrompt(seeds, 5, "", cell, List.of(), null, MessageShape.PLAIN, null, task, null,
                List.of(), null, false);
    }

    @Test
    void theLabelIsTheAxisTheTaskNamesWhenNoShownSeedAnswersWithTheCellsValue() {
        Map<String, String> domainFirst = new LinkedHashMap<>();
        domainFirst.put("domain", "travel");
        domainFirst.put("label", "negative");
        assertEquals("label", prompt(domainFirst, "Answer with one label: positive, negative or neutral.")
                .labelAxis());
        assertEquals("label", prompt(domainFirst, "Classify reviews.").labelAxis(),
                "an axis called label holds the label though the task does not say so");
    }

    @Test
    void axesTheSeedsAndTheTaskNeverUseAsAnswersAreContext() {
        Map<String, String> axes = new LinkedHashMap<>();
        axes.put("department", "sales");
        axes.put("urgency", "high");
        axes.put("channel", "email");
        List<Example> queues = List.of(
                new Example(List.of(new Turn(Turn.USER, "Route this ticket: the office wifi is down."),
                        new Turn(Turn.ASSISTANT, "network access"))),
                new Example(List.of(new Turn(Turn.USER, "Route this ticket: I need Photoshop."),
                        new Turn(Turn.ASSISTANT, "software request"))));
        GenerationPrompt prompt = prompt(queues, new CellDirectives(axes, "simple", 0, false, null, null),
                "Classify an IT helpdesk ticket into exactly one queue name.");
        assertNull(prompt.labelAxis(), "a ticket from sales is not answered 'sales'");
    }

    @Test
    void axesKeepTheirOrderAndASeedAnsweringWithTheValueDecides() {
        Map<String, String> axes = new LinkedHashMap<>();
        axes.put("domain", "travel");
        axes.put("label", "positive");
        CellDirectives cell = new CellDirectives(axes, null, 0, false, null, null);
        assertEquals(List.of("domain", "label"), List.copyOf(cell.axes().keySet()));
        assertEquals("label", prompt(axes, "Classify reviews.").labelAxis());
        assertNull(prompt(List.of(new Example(List.of(new Turn(Turn.USER, "Write a long story."),
                new Turn(Turn.ASSISTANT, "Once upon a time there was a very long story about many things.")))),
                cell, "Stories.").labelAxis(), "no label when the seeds do not answer in a word or three");
    }

    @Test
    void aShortJsonReplyIsNoLabel() {
        Map<String, String> axes = new LinkedHashMap<>();
        axes.put("industry", "software");
        CellDirectives cell = new CellDirectives(axes, "simple", 0, false, null, null);
        List<Example> seeds = List.of(
                new Example(List.of(new Turn(Turn.USER, "Either party may terminate with 30 days notice."),
                        new Turn(Turn.ASSISTANT, "{\"labels\": [\"termination\"]}"))),
                new Example(List.of(new Turn(Turn.USER, "Liability is capped at the fees paid."),
                        new Turn(Turn.ASSISTANT, "[\"liability\"]"))));
        assertNull(prompt(seeds, cell, "Label contract clauses.").labelAxis(),
                "a JSON answer is a structure to imitate; the industry axis is not its label");
        List<Example> words = List.of(new Example(List.of(new Turn(Turn.USER, "Liability is capped."),
                new Turn(Turn.ASSISTANT, "{liability}"))));
        assertEquals("industry", prompt(words, cell, "Label contract clauses by industry.").labelAxis(),
                "braces around a word that is not JSON still make a label");
    }

    @Test
    void aLongReplyThatNamesTheCellsValueIsNoLabel() {
        Map<String, String> axes = new LinkedHashMap<>();
        axes.put("operation", "update");
        CellDirectives cell = new CellDirectives(axes, "edge_case", 0, false, null, null);
        List<Example> seeds = List.of(
                new Example(List.of(new Turn(Turn.USER, "I finished task #5, you can close it."),
                        new Turn(Turn.ASSISTANT, "Completed task #5: 'Update onboarding checklist'"))),
                new Example(List.of(new Turn(Turn.USER, "Create a task with high priority due 2025-02-14."),
                        new Turn(Turn.ASSISTANT, "Error: A task needs a title"))));
        assertNull(prompt(seeds, cell, "Users ask to create, update, complete, delete or list tasks.").labelAxis(),
                "a reply naming 'update' in a quoted title does not make the operation a label");
    }
}
