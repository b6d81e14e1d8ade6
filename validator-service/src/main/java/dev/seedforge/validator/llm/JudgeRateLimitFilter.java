package dev.seedforge.validator.llm;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.seedforge.support.llm.ProviderRateLimitFilter;
import dev.seedforge.support.llm.ProviderWindow;
import dev.seedforge.validator.config.ValidatorConfig;

/**
 * The shared {@link ProviderRateLimitFilter} for the judge, as the generator has it for the teacher: every judge
 * answer's {@code retry-after} / {@code x-ratelimit-*} headers go to the judge's {@link ProviderWindow}, a request is
 * refused locally while a 429 has closed it, and {@link JudgeClient} waits for it before each attempt.
 */
@Provider
public class JudgeRateLimitFilter extends ProviderRateLimitFilter {

    public JudgeRateLimitFilter(ProviderWindow judgeWindow,
            @ConfigProperty(name = "quarkus.langchain4j.openai.judge.base-url") String judgeBaseUrl) {
        super(judgeWindow, judgeBaseUrl);
    }

    /** The judge's window, at most {@code validator.judge.max-provider-pause} long. */
    @Singleton
    public static class Window {

        @Produces
        @Singleton
        ProviderWindow judgeWindow(ValidatorConfig config) {
            return new ProviderWindow("judge", config.judge().maxProviderPause());
        }
    }
}
