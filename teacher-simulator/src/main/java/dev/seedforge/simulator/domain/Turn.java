package dev.seedforge.simulator.domain;

/** One message of a seed or generated conversation, as the generator shows and expects it. */
public record Turn(String role, String content) {

    public static final String SYSTEM = "system";
    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";

    public Turn {
        content = content == null ? "" : content;
    }

    public boolean isUser() {
        return USER.equals(role);
    }

    public boolean isAssistant() {
        return ASSISTANT.equals(role);
    }

    public Turn withContent(String newContent) {
        return new Turn(role, newContent);
    }
}
