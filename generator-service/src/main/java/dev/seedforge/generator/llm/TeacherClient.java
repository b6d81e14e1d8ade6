package dev.seedforge.generator.llm;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.inject.ConfigProperty;
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
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.seedforge.contracts.LlmSpec;
import dev.seedforge.contracts.tokens.TokenCounter;
import dev.seedforge.generator.config.GeneratorConfig;
import dev.seedforge.generator.domain.GenerationPrompt;
import dev.seedforge.support.llm.LlmUsage;
import dev.seedforge.support.llm.ProviderChatModels;
import dev.seedforge.support.llm.ProviderKeys;

/**
 * Calls the teacher model for new examples with structured output (a JSON schema of records in the job's format,
 * {@link ExampleSchemas}): the named LangChain4j model {@code teacher} for provider openai at the configured endpoint
 * (every spec with only {@code teacher_model}), else the spec's provider's model from the shared
 * {@link ProviderChatModels} (Anthropic, Gemini, an OpenAI-compatible {@code base_url}), after that provider's own
 * rate-limit window. Each attempt waits for the client-side rate limits;
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
    private final ProviderChatModels providers;

    public TeacherClient(@ModelName("teacher") ChatModel teacher, TeacherRateLimiter limiter,
            GeneratorConfig config, Instance<ChatModelListener> listeners,
            @ConfigProperty(name = "quarkus.langchain4j.openai.teacher.timeout", defaultValue = "120s") Duration timeout) {
        this.teacher = teacher;
        this.limiter = limiter;
        this.providers = new ProviderChatModels("teacher", ProviderKeys.fromConfig(), timeout,
                config.rateLimit().maxProviderPause(), listeners.stream().toList());
    }

    @Retry(maxRetries = 6, delay = 500, jitter = 250, delayUnit = ChronoUnit.MILLIS, abortOn = {
            CircuitBreakerOpenException.class, InterruptedException.class, ProviderKeys.MissingProviderKeyException.class })
    @ExponentialBackoff(factor = 2, maxDelay = 30, maxDelayUnit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 30, delayUnit = ChronoUnit.SECONDS, skipOn = RateLimitException.class)
    @Timeout(value = 120, unit = ChronoUnit.SECONDS)
    public TeacherAnswer generate(LlmSpec llm, GenerationPrompt prompt, long expectedOutputTokens)
            throws InterruptedException {
        String model = llm.model();
        limiter.acquire(() -> TokenCounter.o200k().countPrompt(prompt.system(), prompt.user()) + expectedOutputTokens);
        ChatModel chat = teacher;
        if (!llm.usesConfiguredEndpoint()) {
            ProviderChatModels.ProviderModel provider = providers.modelFor(llm);
            provider.window().awaitOpen();
            chat = provider.model();
        }
        ChatResponse response = chat.chat(chatRequest(model, prompt));
        LlmUsage usage = LlmUsage.of(response);
        return new TeacherAnswer(response.aiMessage().text(),
                response.modelName() == null ? model : response.modelName(), usage.inputTokens(),
                usage.cachedInputTokens(), usage.outputTokens(),
                response.finishReason() == null ? null : response.finishReason().name());
    }

    /** The chat request of one teacher call: what real time sends, and what batch requests are checked against. */
    static ChatRequest chatRequest(String model, GenerationPrompt prompt) {
        return ChatRequest.builder()
                .messages(List.of(SystemMessage.from(prompt.system()), UserMessage.from(prompt.user())))
                .modelName(model)
                .temperature(prompt.temperature())
                .responseFormat(ExampleSchemas.of(prompt))
                .build();
    }
}
