package dev.seedforge.generator.llm;

/** The raw text of a teacher answer with its usage; parsing is the caller's, so a broken answer can be salvaged. */
public record TeacherAnswer(String text, String model, long inputTokens, long cachedInputTokens, long outputTokens,
        String finishReason) {
}
