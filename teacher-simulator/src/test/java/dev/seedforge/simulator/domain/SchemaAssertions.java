package dev.seedforge.simulator.domain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** Checks JSON against a JSON Schema with an independent validator. */
public final class SchemaAssertions {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private SchemaAssertions() {
    }

    public static void assertFits(JsonNode schema, JsonNode value) {
        JsonSchema validator = FACTORY.getSchema(schema);
        Set<ValidationMessage> errors = validator.validate(value);
        assertTrue(errors.isEmpty(), () -> "does not fit the schema: " + errors + "\n" + value.toPrettyString());
    }
}
