package dev.seedforge.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;

class SpecPathTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fieldsJoinWithDotsAndElementsTakeBrackets() {
        assertEquals("rules", SpecPath.field("", "rules"));
        assertEquals("rules.reply_must_match[0]", SpecPath.element(SpecPath.field("rules", "reply_must_match"), 0));
        assertEquals("seeds[2].messages[1]", SpecPath.element(SpecPath.field(SpecPath.element("seeds", 2), "messages"), 1));
    }

    @Test
    void aParsersPlaceIsSpelledTheSameWay() throws Exception {
        try (JsonParser parser = JSON
                .createParser("{\"seeds\": [{\"messages\": [{\"role\": \"user\"}, {\"role\": \"x\"}]}]}")) {
            String at = null;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_STRING && "x".equals(parser.getText())) {
                    at = SpecPath.of(parser.getParsingContext());
                }
            }
            assertEquals("seeds[0].messages[1].role", at);
        }
    }

    @Test
    void aMappingErrorsPlaceIsSpelledTheSameWay() {
        JsonMappingException e = new JsonMappingException(null, "bad");
        e.prependPath(new JsonMappingException.Reference(null, 3));
        e.prependPath(new JsonMappingException.Reference(null, "reply_must_match"));
        e.prependPath(new JsonMappingException.Reference(null, "rules"));
        assertEquals("rules.reply_must_match[3]", SpecPath.of(e.getPath()));
    }
}
