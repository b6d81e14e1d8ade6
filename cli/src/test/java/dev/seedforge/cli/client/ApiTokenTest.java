package dev.seedforge.cli.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Map;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.junit.jupiter.api.Test;

class ApiTokenTest {

    @Test
    void theTokenFromTheEnvironmentIsSentAsABearerTokenAndNeverShown() {
        ApiToken token = ApiToken.fromEnvironment(Map.of(ApiToken.VARIABLE, " secret-cli-token ")).orElseThrow();
        MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
        ClientRequestContext request = (ClientRequestContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { ClientRequestContext.class }, (proxy, method, args) -> {
                    if (method.getName().equals("getHeaders")) {
                        return headers;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        token.filter(request);
        assertEquals("Bearer secret-cli-token", headers.getFirst("Authorization"));
        assertFalse(token.toString().contains("secret-cli-token"));
    }

    @Test
    void withoutTheVariableNothingIsSent() {
        assertTrue(ApiToken.fromEnvironment(Map.of()).isEmpty());
        assertTrue(ApiToken.fromEnvironment(Map.of(ApiToken.VARIABLE, "  ")).isEmpty());
    }
}
