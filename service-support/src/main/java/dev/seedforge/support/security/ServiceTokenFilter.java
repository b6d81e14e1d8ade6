package dev.seedforge.support.security;

import java.util.Optional;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Sends the operator token ({@code SEEDFORGE_API_TOKEN}) on calls to another SeedForge service. It is registered per
 * client by configuration ({@code quarkus.rest-client.generator.providers}), never globally: the LLM clients are REST
 * clients too, and the token must not reach a model provider.
 */
public class ServiceTokenFilter implements ClientRequestFilter {

    private final Optional<String> token = ConfigProvider.getConfig().getOptionalValue("seedforge.api.token",
            String.class).map(String::strip).filter(t -> !t.isEmpty());

    @Override
    public void filter(ClientRequestContext request) {
        token.ifPresent(t -> request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + t));
    }
}
