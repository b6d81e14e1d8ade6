package dev.seedforge.contracts;

import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An example in the neutral form: its messages in order. Seeds arrive in any supported format and are read into this
 * form; candidates leave the generator rendered into the job's format.
 */
public record Conversation(List<ChatTurn> messages) {

    public Conversation {
        messages = messages == null ? List.of() : List.copyOf(messages);
    }

    /** Reads an example written in any of the supported formats, detected from its fields. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Conversation fromJson(JsonNode node) {
        return new Conversation(ExampleFormat.detect(node).turns(node));
    }

    /** The text of every turn with the given role, joined by newlines (what dedup compares, for instance). */
    public String textOf(String role) {
        return messages.stream().filter(m -> role.equals(m.role()) && m.content() != null).map(ChatTurn::content)
                .collect(Collectors.joining("\n"));
    }

    @JsonIgnore
    public String systemPrompt() {
        return messages.stream().filter(m -> ChatTurn.SYSTEM.equals(m.role())).map(ChatTurn::content).findFirst()
                .orElse(null);
    }
}
