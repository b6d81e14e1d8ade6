package dev.seedforge.validator.observability;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.Readiness;

import dev.seedforge.support.health.ProviderCheckConfig;
import dev.seedforge.support.health.ProviderReachabilityCheck;

/**
 * Readiness data on the judge's provider; DOWN only after a long outage (see {@link ProviderReachabilityCheck} for
 * why it is readiness and why it tolerates brief absences). A job without a judge does not need it, so the check
 * never blocks format validation for long.
 */
@Readiness
@Singleton
public class JudgeReachability extends ProviderReachabilityCheck {

    public JudgeReachability(@ConfigProperty(name = "quarkus.langchain4j.openai.judge.base-url") String baseUrl,
            @ConfigProperty(name = "quarkus.langchain4j.openai.judge.api-key") String apiKey,
            ProviderCheckConfig config) {
        super("judge provider", baseUrl, apiKey, config);
    }
}
