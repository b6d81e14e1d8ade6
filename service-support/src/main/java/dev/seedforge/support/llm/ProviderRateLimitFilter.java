package dev.seedforge.support.llm;

import java.time.Duration;
import java.time.Instant;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

/**
 * Reads the rate-limit headers of every answer of one model provider ({@link ProviderRateLimits}: {@code retry-after},
 * {@code retry-after-ms}, {@code x-ratelimit-*}) before LangChain4j turns a 429 into an exception that no longer has
 * them, and keeps requests from reaching the provider while a 429 has closed its window. The latter is for
 * LangChain4j's own retry (quarkus-langchain4j allows no fewer than one), which would otherwise resend a refused
 * request at once: it is answered here with a 429 instead, and the caller's retry waits for the window.
 * <p>
 * A service registers a {@code @Provider} subclass naming its client's base URL and its {@link Listener} (the
 * generator's teacher rate limiter, the validator's judge {@link ProviderWindow}); the Quarkus REST Client applies
 * {@code @Provider} filters to every client it builds, the OpenAI client of quarkus-langchain4j included, and requests
 * to other hosts are left alone.
 */
public abstract class ProviderRateLimitFilter implements ClientRequestFilter, ClientResponseFilter {

    /** Marks a 429 this filter made, so it is not read as the provider's. */
    public static final String REFUSED_LOCALLY = "x-seedforge-refused-locally";

    /** What takes in the provider's answers and says when its window opens again. */
    public interface Listener {
        void onProviderAnswer(int status, ProviderRateLimits limits, Instant now);

        /** When the provider's window opens again; in the past when it is open. */
        Instant closedUntil();

        /** The model client, for the local refusal's message: {@code teacher}, {@code judge}. */
        String client();
    }

    private final Listener listener;
    private final String baseUrl;

    protected ProviderRateLimitFilter(Listener listener, String baseUrl) {
        this.listener = listener;
        this.baseUrl = baseUrl;
    }

    @Override
    public void filter(ClientRequestContext request) {
        if (!toProvider(request)) {
            return;
        }
        Instant now = Instant.now();
        Instant reopens = listener.closedUntil();
        if (now.isBefore(reopens)) {
            long waitMs = Math.max(1, Duration.between(now, reopens).toMillis());
            request.abortWith(Response.status(429).type(MediaType.APPLICATION_JSON_TYPE)
                    .header(REFUSED_LOCALLY, "true").header("retry-after-ms", waitMs)
                    .entity("{\"error\":{\"message\":\"Rate limit: the " + listener.client()
                            + "'s window is closed for another " + waitMs + " ms (refused locally, not sent)\","
                            + "\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}")
                    .build());
        }
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        MultivaluedMap<String, String> headers = response.getHeaders();
        if (!toProvider(request) || header(headers, REFUSED_LOCALLY) != null) {
            return;
        }
        ProviderRateLimits limits = ProviderRateLimits.from(name -> header(headers, name), Instant.now());
        if (!limits.isEmpty() || response.getStatus() == 429) {
            listener.onProviderAnswer(response.getStatus(), limits, Instant.now());
        }
    }

    private boolean toProvider(ClientRequestContext request) {
        return request.getUri() != null && request.getUri().toString().startsWith(baseUrl);
    }

    /** Header names are case-insensitive; the map may not be. */
    private static String header(MultivaluedMap<String, String> headers, String name) {
        String exact = headers.getFirst(name);
        if (exact != null) {
            return exact;
        }
        for (var entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                return entry.getValue().get(0);
            }
        }
        return null;
    }
}
