package dev.seedforge.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An assistant's call of a tool; {@code arguments} is the JSON text the model wrote, kept verbatim for validation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolCall(String id, String name, String arguments) {
}
