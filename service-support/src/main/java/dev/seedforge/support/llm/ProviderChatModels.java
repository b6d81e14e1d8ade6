package dev.seedforge.support.llm;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.seedforge.contracts.LlmSpec;
import dev.seedforge.support.secrets.Secrets;

/**
 * The chat models a stage (the teacher, the judge) calls for the providers a spec names, through LangChain4j's provider
 * modules: Anthropic's Messages API, Gemini's generateContent, or an OpenAI-compatible endpoint at a spec's
 * {@code base_url}. Each (provider, base URL) gets one model, built on first use and kept, with its own
 * {@link ProviderWindow} (a 429 from Anthropic does not pause calls to Gemini) fed by {@link ProviderHttpClient}. The
 * models make no retries of their own: the stage's client retries, waiting for the window first. Keys come from
 * {@link ProviderKeys}; the models log neither requests nor responses, and error bodies come back with the key masked.
 * <p>
 * Structured output: every provider gets the JSON schema of the request's {@code responseFormat}: OpenAI as
 * {@code response_format: json_schema}, Anthropic as {@code output_config.format} (its structured outputs), Gemini as
 * {@code generationConfig.responseSchema} with {@code responseMimeType: application/json}, its raw JSON Schema parts
 * made typed first ({@link PlainSchemas}: Gemini's mapping takes no raw schema, so bounds go into descriptions).
 */
public final class ProviderChatModels {

    /** Anthropic requires {@code max_tokens}; a call that sets none may write this many. */
    public static final int DEFAULT_MAX_OUTPUT_TOKENS = 8192;

    /** One provider endpoint's model and its rate-limit window. */
    public record ProviderModel(String provider, String baseUrl, ChatModel model, ProviderWindow window) {
    }

    private final String stage;
    private final ProviderKeys keys;
    private final Duration timeout;
    private final Duration maxPause;
    private final List<ChatModelListener> listeners;
    private final Map<String, ProviderModel> models = new ConcurrentHashMap<>();

    /** {@code stage} names the calls in logs and refusals ({@code teacher}, {@code judge}). */
    public ProviderChatModels(String stage, ProviderKeys keys, Duration timeout, Duration maxPause) {
        this(stage, keys, timeout, maxPause, List.of());
    }

    /** {@code listeners} see every call of every model (the stage's call metrics). */
    public ProviderChatModels(String stage, ProviderKeys keys, Duration timeout, Duration maxPause,
            List<ChatModelListener> listeners) {
        this.stage = stage;
        this.keys = keys;
        this.timeout = timeout;
        this.maxPause = maxPause;
        this.listeners = List.copyOf(listeners);
    }

    /** The model for {@code llm}'s provider and base URL (the model name travels with each request). */
    public ProviderModel modelFor(LlmSpec llm) {
        String provider = llm.providerOrDefault();
        String baseUrl = llm.baseUrl() == null || llm.baseUrl().isBlank() ? null : llm.baseUrl().strip();
        return models.computeIfAbsent(provider + " " + baseUrl, k -> build(provider, baseUrl));
    }

    private ProviderModel build(String provider, String baseUrl) {
        String key = keys.keyFor(provider);
        UnaryOperator<String> redact = text -> text == null ? null
                : Secrets.redact(key.length() >= 8 ? text.replace(key, Secrets.MASK) : text);
        ProviderWindow window = new ProviderWindow(stage + " (" + provider + ")", maxPause);
        HttpClientBuilder http = ProviderHttpClient.builder(window, redact);
        ChatModel model = switch (provider) {
            case LlmSpec.ANTHROPIC -> AnthropicChatModel.builder().httpClientBuilder(http).baseUrl(baseUrl).apiKey(key)
                    .maxTokens(DEFAULT_MAX_OUTPUT_TOKENS).timeout(timeout).maxRetries(0).logRequests(false)
                    .logResponses(false).listeners(listeners).supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
                    .build();
            case LlmSpec.GEMINI -> PlainSchemas.wrap(GoogleAiGeminiChatModel.builder().httpClientBuilder(http).baseUrl(baseUrl)
                    .apiKey(key).timeout(timeout).maxRetries(0).logRequests(false).logResponses(false).listeners(listeners)
                    .build());
            case LlmSpec.OPENAI, LlmSpec.OPENAI_COMPATIBLE -> OpenAiChatModel.builder().httpClientBuilder(http)
                    .baseUrl(baseUrl).apiKey(key).timeout(timeout).maxRetries(0).logRequests(false).logResponses(false)
                    .listeners(listeners).supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
                    .strictJsonSchema(true).build();
            default -> throw new IllegalArgumentException("unknown provider '" + provider + "'; one of "
                    + String.join(", ", LlmSpec.PROVIDERS));
        };
        return new ProviderModel(provider, baseUrl, model, window);
    }
}
