package dev.seedforge.generator.llm;

import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.seedforge.support.llm.ProviderRateLimitFilter;

/**
 * The shared {@link ProviderRateLimitFilter} for the teacher: every answer's rate-limit headers go to the
 * {@link TeacherRateLimiter}, and a request is refused locally while a 429 has closed the teacher's window.
 */
@Provider
public class RateLimitHeadersFilter extends ProviderRateLimitFilter {

    public RateLimitHeadersFilter(TeacherRateLimiter limiter,
            @ConfigProperty(name = "quarkus.langchain4j.openai.teacher.base-url") String teacherBaseUrl) {
        super(limiter, teacherBaseUrl);
    }
}
