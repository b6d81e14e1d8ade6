package dev.seedforge.generator.llm;

import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.quarkiverse.langchain4j.ModelName;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.TokenUsage;
import dev.seedforge.generator.domain.GenerationPrompt;

/**
 * Calls the teacher model (the named LangChain4j model {@code teacher}) for new examples, asking for structured
 * output with a JSON schema. Transient failures are retried here; a malformed answer is returned as is.
 */
@ApplicationScoped
public class TeacherClient {

    public static final String SCHEMA_NAME = "generated_examples";

    private static final ResponseFormat EXAMPLES_FORMAT = ResponseFormat.builder()
            .type(ResponseFormatType.JSON)
            .jsonSchema(JsonSchema.builder().name(SCHEMA_NAME).rootElement(examplesSchema()).build())
            .build();

    private final ChatModel teacher;

    public TeacherClient(@ModelName("teacher") ChatModel teacher) {
        this.teacher = teacher;
    }

    @Retry(maxRetries = 3, delay = 500, jitter = 250, delayUnit = ChronoUnit.MILLIS)
    @Timeout(value = 120, unit = ChronoUnit.SECONDS)
    public TeacherAnswer generate(String model, GenerationPrompt prompt) {
        ChatRequest request = ChatRequest.builder()
                .messages(List.of(SystemMessage.from(prompt.system()), UserMessage.from(prompt.user())))
                .modelName(model)
                .temperature(prompt.temperature())
                .responseFormat(EXAMPLES_FORMAT)
                .build();
        ChatResponse response = teacher.chat(request);
        TokenUsage usage = response.tokenUsage();
        long cached = usage instanceof OpenAiTokenUsage openAi && openAi.inputTokensDetails() != null
                && openAi.inputTokensDetails().cachedTokens() != null ? openAi.inputTokensDetails().cachedTokens() : 0;
        return new TeacherAnswer(response.aiMessage().text(),
                response.modelName() == null ? model : response.modelName(),
                usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount(), cached,
                usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount(),
                response.finishReason() == null ? null : response.finishReason().name());
    }

    private static JsonObjectSchema examplesSchema() {
        JsonObjectSchema message = JsonObjectSchema.builder()
                .addEnumProperty("role", List.of("user", "assistant"))
                .addStringProperty("content")
                .required("role", "content")
                .additionalProperties(false)
                .build();
        JsonObjectSchema example = JsonObjectSchema.builder()
                .addProperty("messages", JsonArraySchema.builder().items(message).build())
                .required("messages")
                .additionalProperties(false)
                .build();
        return JsonObjectSchema.builder()
                .addProperty("examples", JsonArraySchema.builder().items(example).build())
                .required("examples")
                .additionalProperties(false)
                .build();
    }
}
