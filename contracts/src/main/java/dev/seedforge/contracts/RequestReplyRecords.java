package dev.seedforge.contracts;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Records that hold a request and its reply under names no trainer format uses, read as Alpaca (as OpenAI's messages
 * when both are lists of messages): Dolly's {@code instruction}, {@code context} and {@code response}, GSM8K's
 * {@code question} and {@code answer}, the {@code prompt}/{@code response}, {@code query}/{@code response} and
 * {@code input}/{@code output} pairs of many published sets, a preference set's {@code prompt} and {@code chosen}
 * answer (TRL's), and a spreadsheet's columns of the same names. One table of names, for the seed file reader and its
 * errors alike.
 */
final class RequestReplyRecords {

    /** Where the request may be, in this order: the first a record has is its request. */
    static final List<String> REQUESTS = List.of("instruction", "question", "prompt", "query", "input", "user");
    /** Where the reply may be, in this order; a preference set's {@code chosen} answer is its reply. */
    static final List<String> REPLIES = List.of("output", "response", "answer", "assistant", "completion", "chosen");
    /** What a request is about (Alpaca's {@code input}, Dolly's {@code context}), when the request is elsewhere. */
    static final List<String> CONTEXTS = List.of("input", "context");

    private RequestReplyRecords() {
    }

    /**
     * A record these names read that the trainer formats do not: a request and a reply, and neither a chat format's
     * own field nor Alpaca's {@code instruction} with its {@code output}.
     */
    static boolean isOne(JsonNode record) {
        if (!record.isObject() || record.has("messages") || record.has("conversations")
                || record.has("instruction") && record.has("output")) {
            return false;
        }
        String request = request(record);
        return request != null && reply(record, request) != null;
    }

    /** An Alpaca record of a request without a reply under any of the names: the names it was looked for under. */
    static String missingReply(JsonNode record) {
        if (!record.isObject() || record.has("messages") || record.has("conversations")) {
            return null;
        }
        String request = request(record);
        if (request == null || reply(record, request) != null) {
            return null;
        }
        return "'" + request + "' has no reply beside it: looked for " + quoted(REPLIES) + "; got fields "
                + ExampleFormat.fieldNames(record);
    }

    /**
     * For a record in no shape at all: the names a seed file would read a request and its reply under, so a file of
     * {@code text} and {@code label} can be renamed to one that reads.
     */
    static String names() {
        return "a seeds_file also reads a request and its reply under " + quoted(REQUESTS) + " and "
                + quoted(REPLIES);
    }

    /**
     * The record as an example: Alpaca, or OpenAI when request and reply are lists of messages (TRL's conversational
     * preference records, {@code prompt} and {@code chosen}). A preference set's {@code rejected} answer is not carried:
     * a preference job's teacher writes rejected answers along the failure modes the job names.
     */
    static ObjectNode asExample(JsonNode record) {
        String request = request(record);
        String reply = reply(record, request);
        if (record.get(request).isArray() && record.get(reply).isArray()) {
            ObjectNode openAi = Json.MAPPER.createObjectNode();
            ArrayNode messages = openAi.putArray("messages");
            record.get(request).forEach(message -> messages.add(message.deepCopy()));
            record.get(reply).forEach(message -> messages.add(message.deepCopy()));
            return openAi;
        }
        ObjectNode alpaca = Json.MAPPER.createObjectNode();
        String instruction = text(record, request);
        if (instruction.isBlank()) {
            throw new IllegalArgumentException("'" + request + "' is empty");
        }
        alpaca.put("instruction", instruction);
        for (String context : CONTEXTS) {
            if (!context.equals(request) && record.has(context)) {
                String value = text(record, context);
                if (!value.isBlank()) {
                    alpaca.put("input", value);
                }
                break;
            }
        }
        alpaca.put("output", text(record, reply));
        String system = record.has("system") ? text(record, "system") : "";
        if (!system.isBlank()) {
            alpaca.put("system", system);
        }
        return alpaca;
    }

    private static String request(JsonNode record) {
        return REQUESTS.stream().filter(record::has).findFirst().orElse(null);
    }

    private static String reply(JsonNode record, String request) {
        return REPLIES.stream().filter(name -> !name.equals(request) && record.has(name)
                && !(name.equals("completion") && record.has("prompt") && !record.has("instruction"))).findFirst()
                .orElse(null);
    }

    /** A field's text: a number or a truth value as written (GSM8K-like sets give answers as numbers). */
    private static String text(JsonNode record, String field) {
        JsonNode value = record.get(field);
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isValueNode() && !value.isNull()) {
            return value.asText();
        }
        throw new IllegalArgumentException("'" + field + "' must be text, got "
                + value.getNodeType().name().toLowerCase(Locale.ROOT));
    }

    private static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(name -> "'" + name + "'").toList());
    }
}
