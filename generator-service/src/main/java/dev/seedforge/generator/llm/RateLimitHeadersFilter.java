package dev.seedforge.generator.llm;

import java.time.Duration;
import java.time.Instant;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads the rate-limit headers of every teacher answer before LangChain4j turns a 429 into an exception that no
 * longer has them, and keeps requests from reaching the teacher while a 429 has closed its window. The latter is for
 * LangChain4j's own retry (quarkus-langchain4j allows no fewer than one), which would otherwise resend a refused
 * request at once, past the limiter: it is answered here with a 429 instead, and SmallRye Fault Tolerance's retry
 * waits for the window. The Quarkus REST Client applies {@code @Provider} filters to every client it builds, the
 * OpenAI client of quarkus-langchain4j included; requests to other hosts are left alone.
 */
@Provider
public class RateLimitHeadersFilter implements ClientRequestFilter, ClientResponseFilter {

    /** Marks a 429 this filter made, so it is not read as the provider's. */
    static final String REFUSED_LOCALLY = "x-seedforge-refused-locally";

    private final TeacherRateLimiter limiter;
    private final String teacherBaseUrl;

    public RateLimitHeadersFilter(TeacherRateLimiter limiter,
            @ConfigProperty(name = "quarkus.langchain4j.openai.teacher.base-url") String teacherBaseUrl) {
        this.limiter = limiter;
        this.teacherBaseUrl = teacherBaseUrl;
    }

    @Override
    public void filter(ClientRequestContext request) {
        if (!toTeacher(request)) {
            return;
        }
        Instant now = Instant.now();
        Instant reopens = limiter.closedUntil();
        if (now.isBefore(reopens)) {
            long waitMs = Math.max(1, Duration.between(now, reopens).toMillis());
            request.abortWith(Response.status(429).type(MediaType.APPLICATION_JSON_TYPE)
                    .header(REFUSED_LOCALLY, "true").header("retry-after-ms", waitMs)
                    .entity("{\"error\":{\"message\":\"Rate limit: the teacher's window is closed for another "
                            + waitMs + " ms (refused by the generator, not sent)\",\"type\":\"requests\","
                            + "\"code\":\"rate_limit_exceeded\"}}")
                    .build());
        }
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        MultivaluedMap<String, String> headers = response.getHeaders();
        if (!toTeacher(request) || header(headers, REFUSED_LOCALLY) != null) {
            return;
        }
        ProviderRateLimits limits = ProviderRateLimits.from(name -> header(headers, name), Instant.now());
        if (!limits.isEmpty() || response.getStatus() == 429) {
            limiter.onProviderAnswer(response.getStatus(), limits, Instant.now());
        }
    }

    private boolean toTeacher(ClientRequestContext request) {
        return request.getUri() != null && request.getUri().toString().startsWith(teacherBaseUrl);
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
