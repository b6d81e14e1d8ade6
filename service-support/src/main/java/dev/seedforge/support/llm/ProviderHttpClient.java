package dev.seedforge.support.llm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;

/**
 * The HTTP client under the Anthropic, Gemini and OpenAI-compatible models of {@link ProviderChatModels}: LangChain4j's
 * own JDK client drops a failed answer's headers, so this one reads every answer's rate-limit figures
 * ({@link ProviderRateLimits}, Gemini's {@code retryDelay} from a 429's body) into the provider's
 * {@link ProviderRateLimitFilter.Listener} first, and refuses locally while a 429 has closed the window. A failed
 * answer becomes LangChain4j's {@link HttpException} (mapped by the model to its rate-limit, server or request
 * exceptions), its body with the key masked; requests and keys are never logged.
 */
public final class ProviderHttpClient implements HttpClient {

    private final java.net.http.HttpClient http;
    private final Duration readTimeout;
    private final ProviderRateLimitFilter.Listener listener;
    private final UnaryOperator<String> redact;

    ProviderHttpClient(Duration connectTimeout, Duration readTimeout, ProviderRateLimitFilter.Listener listener,
            UnaryOperator<String> redact) {
        // HTTP/1.1: the JDK's cleartext HTTP/2 upgrade of a POST made a refused request come back as a later success
        // in tests (a local OpenAI-compatible server is cleartext too); providers answer 1.1 alike
        this.http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout).build();
        this.readTimeout = readTimeout == null ? Duration.ofSeconds(120) : readTimeout;
        this.listener = listener;
        this.redact = redact;
    }

    /** A builder LangChain4j's model builders take ({@code httpClientBuilder}); their timeouts are kept. */
    static HttpClientBuilder builder(ProviderRateLimitFilter.Listener listener, UnaryOperator<String> redact) {
        return new HttpClientBuilder() {
            private Duration connectTimeout;
            private Duration readTimeout;

            @Override
            public Duration connectTimeout() {
                return connectTimeout;
            }

            @Override
            public HttpClientBuilder connectTimeout(Duration timeout) {
                this.connectTimeout = timeout;
                return this;
            }

            @Override
            public Duration readTimeout() {
                return readTimeout;
            }

            @Override
            public HttpClientBuilder readTimeout(Duration timeout) {
                this.readTimeout = timeout;
                return this;
            }

            @Override
            public HttpClient build() {
                return new ProviderHttpClient(connectTimeout, readTimeout, listener, redact);
            }
        };
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        Instant now = Instant.now();
        Instant reopens = listener.closedUntil();
        if (now.isBefore(reopens)) {
            throw new HttpException(429, "Rate limit: the " + listener.client() + "'s window is closed for another "
                    + Math.max(1, Duration.between(now, reopens).toMillis()) + " ms (refused locally, not sent)");
        }
        HttpResponse<String> response;
        try {
            response = http.send(toJdk(request), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new dev.langchain4j.exception.TimeoutException(
                    "the " + listener.client() + "'s provider did not answer: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the " + listener.client(), e);
        }
        Map<String, List<String>> headers = response.headers().map();
        ProviderRateLimits limits = ProviderRateLimits
                .from(name -> response.headers().firstValue(name).orElse(null), Instant.now());
        if (response.statusCode() == 429) {
            limits = limits.withRetryAfter(ProviderRateLimits.retryDelayInBody(response.body()));
        }
        if (!limits.isEmpty() || response.statusCode() == 429) {
            listener.onProviderAnswer(response.statusCode(), limits, Instant.now());
        }
        if (response.statusCode() < 200 || response.statusCode() >= 300) {
            throw new HttpException(response.statusCode(), redact.apply(response.body()));
        }
        return SuccessfulHttpResponse.builder().statusCode(response.statusCode()).headers(headers)
                .body(response.body()).build();
    }

    /** Streaming is not used: the teacher and the judge wait for whole answers. */
    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        throw new UnsupportedOperationException("streaming is not used by SeedForge's model clients");
    }

    private java.net.http.HttpRequest toJdk(HttpRequest request) {
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url()))
                .timeout(readTimeout);
        request.headers().forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
        java.net.http.HttpRequest.BodyPublisher body = request.body() == null
                ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(request.body());
        return builder.method(request.method().name(), body).build();
    }
}
