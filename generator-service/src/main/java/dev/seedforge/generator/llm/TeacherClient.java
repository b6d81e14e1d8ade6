package dev.seedforge.generator.llm;

import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import io.quarkiverse.langchain4j.ModelName;
import io.smallrye.faulttolerance.api.ExponentialBackoff;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.seedforge.contracts.tokens.TokenCounter;
import dev.seedforge.generator.domain.GenerationPrompt;
import dev.seedforge.support.llm.LlmUsage;

/**
 * Calls the teacher model (the named LangChain4j model {@code teacher}) for new examples with structured output (a
 * JSON schema of records in the job's format, {@link ExampleSchemas}). Each attempt waits for the client-side rate limits;
 * transient failures (429s included) are retried
 * with exponential backoff and jitter, and a provider that keeps failing opens the circuit, which pauses generation
 * instead of spinning. A 429 is the provider working as agreed, not failing: it never opens the circuit, and the next
 * attempt waits as long as its headers say ({@link RateLimitHeadersFilter}). A malformed answer is returned as is, for the
 * caller to salvage.
 */
@ApplicationScoped
public class TeacherClient {

    public static final String SCHEMA_NAME = ExampleSchemas.SCHEMA_NAME;

    private final ChatModel teacher;
    private final TeacherRateLimiter limiter;

    public TeacherClient(@ModelName("teacher") ChatModel teacher, TeacherRateLimiter limiter) {
        this.teacher = teacher;
        this.limiter = limiter;
    }

    @Retry(maxRetries = 6, delay = 500, jitter = 250, delayUnit = ChronoUnit.MILLIS, abortOn = {
            CircuitBreakerOpenException.class, InterruptedException.class })
    @ExponentialBackoff(factor = 2, maxDelay = 30, maxDelayUnit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 30, delayUnit = ChronoUnit.SECONDS, skipOn = RateLimitException.class)
    @Timeout(value = 120, unit = ChronoUnit.SECONDS)
    public TeacherAnswer generate(String model, GenerationPrompt prompt, long expectedOutputTokens)
            throws InterruptedException {
        limiter.acquire(TokenCounter.o200k().countPrompt(prompt.system(), prompt.user()) + expectedOutputTokens);
        ChatRequest request = ChatRequest.builder()
                .messages(List.of(SystemMessage.from(prompt.system()), UserMessage.from(prompt.user())))
                .modelName(model)
                .temperature(prompt.temperature())
                .responseFormat(ExampleSchemas.of(prompt.format(), prompt.withTools(), prompt.reasoningMaxTokens()))
                .build();
        ChatResponse response = teacher.chat(request);
        LlmUsage usage = LlmUsage.of(response);
        return new TeacherAnswer(response.aiMessage().text(),
                response.modelName() == null ? model : response.modelName(), usage.inputTokens(),
                usage.cachedInputTokens(), usage.outputTokens(),
                response.finishReason() == null ? null : response.finishReason().name());
    }
}
