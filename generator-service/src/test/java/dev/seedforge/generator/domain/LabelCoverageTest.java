package dev.seedforge.generator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.FieldError;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobSpecs;

class LabelCoverageTest {

    private static final String INTENTS = """
            task: Classify a banking message
            format: openai
            target: 30
            rules:
              reply_json_schema:
                type: object
                properties:
                  intent: {type: string, enum: [card_lost, card_declined, fees, fraud_report, pin_reset, other]}
                  urgent: {type: boolean}
                required: [intent]
            seeds:
              - messages: [{role: user, content: "someone used my card"}, {role: assistant, content: '{"intent": "fraud_report"}'}]
              - messages: [{role: user, content: "card rejected"}, {role: assistant, content: '{"intent": "card_declined"}'}]
              - messages: [{role: user, content: "card gone"}, {role: assistant, content: '{"intent": "fraud_report", "urgent": true}'}]
            """;

    @Test
    void labelsNoSeedGivesAreNamedWithTheAxisThatAsksForThem() {
        List<FieldError> warnings = LabelCoverage.check(JobSpecs.parse(INTENTS, null));
        assertEquals(1, warnings.size(), warnings.toString());
        assertEquals("rules.reply_json_schema", warnings.get(0).field());
        assertTrue(warnings.get(0).message().startsWith("the seeds' replies give 'intent' 2 of its 6 values"
                + " (fraud_report, card_declined): a teacher imitates its seeds, so 4 may never appear (card_lost,"
                + " fees, pin_reset, other); list them in an axis (axes: {intent: [...]})"), warnings.get(0).message());
    }

    @Test
    void noWarningWhenTheSeedsGiveEveryLabelOrAnAxisAsksForThem() {
        JobSpec axis = JobSpecs.parse(INTENTS + "axes:\n  intent: [card_lost, card_declined, fees, fraud_report,"
                + " pin_reset, other]\n", null);
        assertEquals(List.of(), LabelCoverage.check(axis));
        JobSpec two = JobSpecs.parse(INTENTS.replace("card_lost, card_declined, fees, fraud_report, pin_reset, other",
                "card_declined, fraud_report"), null);
        assertEquals(List.of(), LabelCoverage.check(two));
        assertEquals(List.of(), LabelCoverage.check(JobSpecs.parse(INTENTS.replaceAll("(?s)rules:.*required: \\[intent]\n",
                ""), null)));
    }

    /** An extraction's reply is a list of entities, each with a type: the types are labels too. */
    @Test
    void labelsInsideAListOfObjectsAreFoundToo() {
        List<FieldError> warnings = LabelCoverage.check(JobSpecs.parse(
                """
                        task: Extract the named entities
                        format: alpaca
                        target: 40
                        rules:
                          reply_json_schema:
                            type: array
                            items:
                              type: object
                              properties:
                                text: {type: string}
                                type: {type: string, enum: [PERSON, LOCATION, ORGANIZATION, DATE, EVENT]}
                        seeds:
                          - {instruction: Extract, input: "Toyota opens a plant in Kentucky.", output: '[{"text": "Toyota", "type": "ORGANIZATION"}, {"text": "Kentucky", "type": "LOCATION"}]'}
                          - {instruction: Extract, input: "Nvidia rose.", output: '[{"text": "Nvidia", "type": "ORGANIZATION"}]'}
                        """,
                null));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).message().startsWith("the seeds' replies give '[].type' 2 of its 5 values"
                + " (ORGANIZATION, LOCATION): a teacher imitates its seeds, so 3 may never appear (PERSON, DATE, EVENT);"
                + " list them in an axis (axes: {type: [...]})"), warnings.get(0).message());
    }

    /** A multi-label classifier's reply holds a list of labels: each is one of the enum's values. */
    @Test
    void aListOfLabelsIsCheckedToo() {
        List<FieldError> warnings = LabelCoverage.check(JobSpecs.parse(
                """
                        task: Tag a support ticket with every topic it touches
                        format: openai
                        target: 20
                        rules:
                          reply_json_schema:
                            type: object
                            properties:
                              topics: {type: array, items: {type: string, enum: [billing, shipping, returns, account]}}
                        seeds:
                          - messages: [{role: user, content: "refund my late parcel"}, {role: assistant, content: '{"topics": ["shipping", "returns"]}'}]
                          - messages: [{role: user, content: "where is it"}, {role: assistant, content: '{"topics": ["shipping"]}'}]
                        """,
                null));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).message().startsWith("the seeds' replies give 'topics[]' 2 of its 4 values"
                + " (shipping, returns)"), warnings.get(0).message());
        assertTrue(warnings.get(0).message().endsWith("list them in an axis (axes: {topics: [...]}) to ask for each"),
                warnings.get(0).message());
    }
}
