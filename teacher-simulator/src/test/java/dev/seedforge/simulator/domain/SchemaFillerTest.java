package dev.seedforge.simulator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class SchemaFillerTest {

    private final SchemaFiller filler = new SchemaFiller();

    @Test
    void judgeAnswersFitTheirSchemaAndScoreMostly7To9() {
        JsonNode schema = TaskApiSeeds.json("judge-schema.json");
        int sevenToNine = 0;
        for (int run = 0; run < 300; run++) {
            JsonNode answer = filler.fill(schema, new SplittableRandom(run));
            SchemaAssertions.assertFits(schema, answer);
            int helpfulness = answer.get("helpfulness").asInt();
            int correctness = answer.get("correctness").asInt();
            assertTrue(correctness >= 1 && correctness <= 10, "correctness follows its description's 1 to 10");
            if (helpfulness >= 7 && helpfulness <= 9) {
                sevenToNine++;
            }
            assertTrue(answer.get("issues").size() <= 3);
        }
        assertTrue(sevenToNine > 220, "only " + sevenToNine + " of 300 scores were 7 to 9");
    }

    @Test
    void aCommentAllowedToBeEmptyIsEmptyExactlyWhenEveryScoreIsGood() throws Exception {
        JsonNode schema = TaskApiSeeds.MAPPER.readTree("""
                {"type": "object", "properties": {
                  "clarity": {"type": "integer", "minimum": 1, "maximum": 10},
                  "realism": {"type": "integer", "minimum": 1, "maximum": 10},
                  "comment": {"type": "string", "description": "empty when every score is 7 or more"},
                  "note": {"type": "string", "description": "the main point"}
                }, "required": ["clarity", "realism", "comment", "note"], "additionalProperties": false}""");
        int empty = 0;
        int written = 0;
        for (int run = 0; run < 300; run++) {
            JsonNode answer = filler.fill(schema, new SplittableRandom(run));
            boolean good = answer.get("clarity").asInt() >= 7 && answer.get("realism").asInt() >= 7;
            assertEquals(good, answer.get("comment").asText().isEmpty(), answer.toString());
            assertTrue(!answer.get("note").asText().isEmpty(), "a text without that allowance is always written");
            if (good) {
                empty++;
            } else {
                written++;
            }
        }
        assertTrue(empty > 150 && written > 10, empty + " empty, " + written + " written");
    }

    @Test
    void generatedExamplesSchemaIsFilledToo() {
        JsonNode schema = TaskApiSeeds.json("generated-examples-schema.json");
        for (int run = 0; run < 50; run++) {
            SchemaAssertions.assertFits(schema, filler.fill(schema, new SplittableRandom(run)));
        }
    }

    @Test
    void boundsFormatsAndArraysAreRespected() throws Exception {
        JsonNode schema = TaskApiSeeds.MAPPER.readTree("""
                {"type": "object", "properties": {
                  "score": {"type": "number", "minimum": 0.5, "exclusiveMaximum": 0.9},
                  "count": {"type": "integer", "minimum": 100, "maximum": 200, "multipleOf": 10},
                  "when": {"type": "string", "format": "date"},
                  "id": {"type": "string", "format": "uuid"},
                  "tags": {"type": "array", "items": {"type": "string", "enum": ["a", "b", "c", "d"]},
                           "minItems": 2, "uniqueItems": true},
                  "code": {"type": "string", "maxLength": 4},
                  "kind": {"const": "judge"},
                  "optional": {"type": ["string", "null"]},
                  "parts": {"allOf": [{"type": "object", "properties": {"x": {"type": "boolean"}}, "required": ["x"]},
                                      {"properties": {"y": {"type": "integer", "maximum": -5}}, "required": ["y"]}]}
                }, "required": ["score", "count", "when", "id", "tags", "code", "kind", "optional", "parts"],
                "additionalProperties": false}""");
        for (int run = 0; run < 200; run++) {
            JsonNode answer = filler.fill(schema, new SplittableRandom(run));
            SchemaAssertions.assertFits(schema, answer);
            assertEquals(0, answer.get("count").asInt() % 10);
        }
    }

    @Test
    void sameRandomSameAnswer() {
        JsonNode schema = TaskApiSeeds.json("judge-schema.json");
        assertEquals(filler.fill(schema, new SplittableRandom(5)), filler.fill(schema, new SplittableRandom(5)));
    }
}
