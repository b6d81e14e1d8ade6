package dev.seedforge.contracts.format;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.seedforge.contracts.ChatTurn;

/**
 * Everything SeedForge knows about one dataset format, in one place: reading a record into neutral turns, writing
 * turns back, checking a record to the letter, and the two shapes a record takes on its way through the teacher
 * (without the system prompt and tools in the prompt, with them in the candidate).
 * {@link dev.seedforge.contracts.ExampleFormat}
 * is the entry point; each constant delegates to its home.
 */
public interface FormatHome {

    /** The field that tells a record of this format from the others ({@code messages}, {@code conversations}, ...). */
    String keyField();

    /** Reads a record into neutral turns; names the field it cannot read. */
    List<ChatTurn> turns(JsonNode record);

    /** Writes neutral turns as a record (without tool definitions). */
    ObjectNode render(List<ChatTurn> turns);

    /** Checks a record known to be an object holding {@link #keyField()} against the letter of the format. */
    void check(JsonNode record, Problems problems);

    /** The tool definitions a record carries, in OpenAI's {@code {"type":"function","function":{...}}} form. */
    List<JsonNode> tools(JsonNode record);

    /** Puts tool definitions on a record the way this format's trainers read them. */
    void putTools(ObjectNode record, List<JsonNode> tools);

    /** The record as the teacher is shown it and answers it: no system prompt, no tool list (both given once). */
    ObjectNode withoutSystemAndTools(JsonNode record);

    /** Puts the system prompt on a record (replacing one it has); {@code null} leaves it as it is. */
    ObjectNode withSystemPrompt(JsonNode record, String systemPrompt);

    /**
     * The record as it is, except for a shape SeedForge itself once wrote and no trainer reads, brought to the
     * format's own (OpenAI tool calls stored flat before formats had one home); never changes a well-formed record.
     */
    default ObjectNode upgraded(ObjectNode record) {
        return record;
    }
}
