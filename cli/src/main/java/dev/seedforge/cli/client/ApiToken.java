package dev.seedforge.cli.client;

import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Sends {@code SEEDFORGE_API_TOKEN} as a bearer token on every call to the services, which require it once it is set
 * (the services started by {@code seedforge run} inherit the same variable, so the local pipeline stays consistent).
 */
public final class ApiToken implements ClientRequestFilter {

    public static final String VARIABLE = "SEEDFORGE_API_TOKEN";

    private final String token;

    private ApiToken(String token) {
        this.token = token;
    }

    public static Optional<ApiToken> fromEnvironment(Map<String, String> environment) {
        return Optional.ofNullable(environment.get(VARIABLE)).map(String::strip).filter(t -> !t.isEmpty())
                .map(ApiToken::new);
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token);
    }

    /** Never the token itself: this object may end up in a log line. */
    @Override
    public String toString() {
        return "ApiToken[" + VARIABLE + "]";
    }
}
