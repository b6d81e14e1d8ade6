package dev.seedforge.validator.llm;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.quarkiverse.langchain4j.ModelName;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.seedforge.contracts.LlmSpec;
import dev.seedforge.support.llm.LlmUsage;
import dev.seedforge.support.llm.ProviderChatModels;
import dev.seedforge.support.llm.ProviderKeys;
import dev.seedforge.support.llm.ProviderWindow;
import dev.seedforge.validator.config.ValidatorConfig;
import dev.seedforge.validator.judge.JudgePrompt;
import dev.seedforge.validator.judge.JudgeScores;

/**
 * Calls the judge model with structured output: the named LangChain4j model {@code judge} for provider openai at the
 * configured endpoint, else the spec's provider's model from the shared {@link ProviderChatModels} (Anthropic, Gemini,
 * an OpenAI-compatible {@code base_url}), each provider endpoint with its own rate-limit window. A malformed answer throws,
 * so it is retried like a failed call; the circuit breaker stops hammering a judge that keeps failing. Each attempt
 * first waits for the judge's window: a 429 closes it for as long as its {@code retry-after} (or the reset of the
 * exhausted {@code x-ratelimit-*} limit) says ({@link JudgeRateLimitFilter}, shared with the teacher's client).
 */
@ApplicationScoped
public class JudgeClient {

    private final ChatModel judge;
    private final ProviderWindow window;
    private final ProviderChatModels providers;

    public JudgeClient(@ModelName("judge") ChatModel judge, ProviderWindow window, ValidatorConfig config,
            Instance<ChatModelListener> listeners,
            @ConfigProperty(name = "quarkus.langchain4j.openai.judge.timeout", defaultValue = "60s") Duration timeout) {
        this.judge = judge;
        this.window = window;
        this.providers = new ProviderChatModels("judge", ProviderKeys.fromConfig(), timeout,
                config.judge().maxProviderPause(), listeners.stream().toList());
    }

    /** The scores and the call's token usage. */
    public record JudgeAnswer(JudgeScores scores, LlmUsage usage) {
    }

    @Retry(maxRetries = 3, delay = 300, jitter = 100, delayUnit = ChronoUnit.MILLIS, abortOn = IllegalArgumentException.class)
    @Timeout(value = 60, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.8, delay = 10, delayUnit = ChronoUnit.SECONDS)
    public JudgeAnswer judge(LlmSpec llm, JudgePrompt prompt) {
        String model = llm.model();
        ChatModel chat = judge;
        ProviderWindow wait = window;
        if (!llm.usesConfiguredEndpoint()) {
            ProviderChatModels.ProviderModel provider = providers.modelFor(llm);
            chat = provider.model();
            wait = provider.window();
        }
        try {
            wait.awaitOpen();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the judge's rate-limit window was closed", e);
        }
        ChatRequest request = ChatRequest.builder()
                .messages(List.of(SystemMessage.from(prompt.system()), UserMessage.from(prompt.user())))
                .modelName(model)
                .temperature(0.0)
                .responseFormat(format(prompt.criteria(), prompt.count(), prompt.minScore()))
                .build();
        ChatResponse response = chat.chat(request);
        JudgeScores scores = JudgeScores.parse(response.aiMessage().text(), prompt.criteria(), prompt.count());
        return new JudgeAnswer(scores, LlmUsage.of(response));
    }

    static ResponseFormat format(List<String> criteria, int count, int minScore) {
        String row = "{\"type\":\"array\",\"minItems\":" + criteria.size() + ",\"maxItems\":" + criteria.size()
                + ",\"items\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":10},\"description\":\""
                + JudgePrompt.rowRule(criteria).replace("\"", "'") + "\"}";
        JsonObjectSchema.Builder examples = JsonObjectSchema.builder();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            examples.addProperty(JudgeScores.key(i), JsonRawSchema.from(row));
            keys.add(JudgeScores.key(i));
        }
        JsonObjectSchema weakness = JsonObjectSchema.builder()
                .addIntegerProperty("example", "the example's index")
                .addStringProperty("weakness", "its main weakness in one short sentence")
                .required("example", "weakness").additionalProperties(false).build();
        JsonObjectSchema root = JsonObjectSchema.builder()
                .addProperty("scores", examples.required(keys).additionalProperties(false).build())
                .addProperty(JudgeScores.WEAKNESSES, JsonArraySchema.builder().items(weakness)
                        .description(JudgePrompt.weaknessRule(minScore)).build())
                .required("scores", JudgeScores.WEAKNESSES)
                .additionalProperties(false)
                .build();
        return ResponseFormat.builder().type(ResponseFormatType.JSON)
                .jsonSchema(JsonSchema.builder().name(JudgePrompt.SCHEMA_NAME).rootElement(root).build()).build();
    }
}
