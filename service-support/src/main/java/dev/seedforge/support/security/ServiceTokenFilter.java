package dev.seedforge.support.security;

import java.util.Optional;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Sends the operator token ({@code SEEDFORGE_API_TOKEN}) on a call to another SeedForge service, which wants it once
 * tokens are configured (the exporter asking the validator to check a reviewer's edit). Registered per client by
 * configuration ({@code quarkus.rest-client.<client>.providers}), never globally: the LLM clients are REST clients
 * too, and the token must not reach a model provider.
 */
public class ServiceTokenFilter implements ClientRequestFilter {

    private final Optional<String> token;

    public ServiceTokenFilter() {
        this(ConfigProvider.getConfig().getOptionalValue("seedforge.api.token", String.class));
    }

    ServiceTokenFilter(Optional<String> token) {
        this.token = token.map(String::strip).filter(t -> !t.isEmpty());
    }

    @Override
    public void filter(ClientRequestContext request) {
        token.ifPresent(t -> request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + t));
    }
}
