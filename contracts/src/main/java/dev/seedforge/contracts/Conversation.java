package dev.seedforge.contracts;

import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An example: its messages in the neutral form, and, when it was read from a record, that record exactly as it was
 * written and its format. The record is what travels and is stored (JSON of a {@code Conversation} is the record
 * itself), so a seed keeps every field a trainer reads whichever way it comes and however often it is stored and
 * read again; the neutral messages serve comparisons, the judge and conversions to other formats.
 */
public record Conversation(List<ChatTurn> messages, @JsonIgnore ExampleFormat format, @JsonIgnore ObjectNode record) {

    public Conversation {
        if (record != null && format == null) {
            format = ExampleFormat.detect(record);
        }
        if (messages == null && record != null) {
            messages = format.turns(record);
        }
        messages = messages == null ? List.of() : List.copyOf(messages);
        record = record == null ? null : record.deepCopy();
    }

    /** An example made in code from neutral turns; it is written as an OpenAI record. */
    public Conversation(List<ChatTurn> messages) {
        this(messages, null, null);
    }

    /**
     * Reads an example written in any of the supported formats, detected from its fields, keeping the record (a shape
     * SeedForge once wrote itself is upgraded to the format's own, see
     * {@link dev.seedforge.contracts.format.FormatHome#upgraded}).
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Conversation fromJson(JsonNode node) {
        ExampleFormat format = ExampleFormat.detect(node);
        ObjectNode record = format.home().upgraded((ObjectNode) node);
        return new Conversation(format.turns(record), format, record);
    }

    /** The example as JSON: its own record, or for one made from turns, the OpenAI record of them. */
    @JsonValue
    public ObjectNode toJson() {
        return record != null ? record.deepCopy() : ExampleFormat.OPENAI.render(messages);
    }

    /** The tool definitions its record carries (OpenAI form), none for an example made from turns. */
    @JsonIgnore
    public List<com.fasterxml.jackson.databind.JsonNode> tools() {
        return record == null ? List.of() : format.tools(record);
    }

    /** The text of every turn with the given role, joined by newlines (what dedup compares, for instance). */
    public String textOf(String role) {
        return messages.stream().filter(m -> role.equals(m.role()) && m.content() != null).map(ChatTurn::content)
                .collect(Collectors.joining("\n"));
    }

    /** Whether any turn calls a tool. */
    public boolean callsTools() {
        return messages.stream().anyMatch(turn -> !turn.toolCalls().isEmpty());
    }

    @JsonIgnore
    public String systemPrompt() {
        return messages.stream().filter(m -> ChatTurn.SYSTEM.equals(m.role())).map(ChatTurn::content).findFirst()
                .orElse(null);
    }
}
