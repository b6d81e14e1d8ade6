package dev.seedforge.support.rules;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.ValidationMessage;

import dev.seedforge.contracts.ChatTurn;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.ReasonCode;
import dev.seedforge.contracts.format.Problems;
import dev.seedforge.support.schema.OfflineSchemas;

/**
 * {@code rules.reply_json_schema}: the final assistant reply must be JSON valid against the job's schema (an
 * extraction job's output, say). Compiled once per job with the offline factory, so nothing the schema names is ever
 * fetched; each mismatch names the JSON pointer in the reply where it is.
 */
public class ReplyJsonSchema {

    private static final SchemaValidatorsConfig POINTERS = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER).build();

    private final JsonSchema schema;

    public ReplyJsonSchema(JsonNode replyJsonSchema) {
        this.schema = OfflineSchemas.FACTORY.getSchema(replyJsonSchema, POINTERS);
    }

    /** Every way the example's final reply misses the schema; empty when it matches. */
    public List<Reason> check(List<ChatTurn> turns) {
        int finalReply = ChatTurn.finalReplyIndex(turns);
        Problems problems = new Problems();
        if (finalReply < 0) {
            problems.add(ReasonCode.REPLY_SCHEMA_MISMATCH, "there is no assistant reply to check against reply_json_schema");
            return problems.reasons();
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(turns.get(finalReply).content());
        } catch (JsonProcessingException e) {
            problems.add(ReasonCode.REPLY_SCHEMA_MISMATCH, "the final reply is not JSON (" + e.getOriginalMessage()
                    .lines().findFirst().orElse("unreadable") + "); reply_json_schema wants a JSON reply");
            return problems.reasons();
        }
        try {
            for (ValidationMessage error : schema.validate(json)) {
                String pointer = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
                problems.add(ReasonCode.REPLY_SCHEMA_MISMATCH, "the final reply at '" + (pointer.isEmpty() ? "/"
                        : pointer) + "' does not match reply_json_schema: " + withoutEmptyLocation(error.getMessage()));
            }
        } catch (RuntimeException e) {
            problems.add(ReasonCode.REPLY_SCHEMA_MISMATCH, "reply_json_schema cannot be applied: "
                    + firstLine(e.getMessage()));
        }
        return problems.reasons();
    }

    /** networknt starts a message at the reply's root with an empty location: ": required property 'city' not found". */
    private static String withoutEmptyLocation(String message) {
        return message != null && message.startsWith(": ") ? message.substring(2) : message;
    }

    /** The first line of a schema library's message: what an error names, without its stack of causes. */
    public static String firstLine(String message) {
        if (message == null) {
            return "unreadable schema";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
