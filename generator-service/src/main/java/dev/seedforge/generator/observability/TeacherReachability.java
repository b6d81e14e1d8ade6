package dev.seedforge.generator.observability;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.Readiness;

import dev.seedforge.support.health.ProviderCheckConfig;
import dev.seedforge.support.health.ProviderReachabilityCheck;

/**
 * Readiness data on the teacher's provider; DOWN only after a long outage (see {@link ProviderReachabilityCheck} for
 * why it is readiness and why it tolerates brief absences).
 */
@Readiness
@jakarta.inject.Singleton
public class TeacherReachability extends ProviderReachabilityCheck {

    public TeacherReachability(@ConfigProperty(name = "quarkus.langchain4j.openai.teacher.base-url") String baseUrl,
            @ConfigProperty(name = "quarkus.langchain4j.openai.teacher.api-key") String apiKey,
            ProviderCheckConfig config) {
        super("teacher provider", baseUrl, apiKey, config);
    }
}
