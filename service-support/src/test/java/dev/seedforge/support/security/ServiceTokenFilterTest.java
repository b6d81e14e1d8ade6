package dev.seedforge.support.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import java.util.Optional;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.junit.jupiter.api.Test;

class ServiceTokenFilterTest {

    @Test
    void sendsTheOperatorTokenWhenOneIsConfigured() {
        MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
        new ServiceTokenFilter(Optional.of(" operator-secret ")).filter(requestWith(headers));
        assertEquals("Bearer operator-secret", headers.getFirst(HttpHeaders.AUTHORIZATION));
    }

    @Test
    void sendsNothingWithoutAToken() {
        for (Optional<String> none : java.util.List.of(Optional.<String> empty(), Optional.of("  "))) {
            MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
            new ServiceTokenFilter(none).filter(requestWith(headers));
            assertNull(headers.getFirst(HttpHeaders.AUTHORIZATION));
        }
    }

    private static ClientRequestContext requestWith(MultivaluedMap<String, Object> headers) {
        return (ClientRequestContext) Proxy.newProxyInstance(ServiceTokenFilterTest.class.getClassLoader(),
                new Class<?>[] { ClientRequestContext.class }, (proxy, method, args) -> {
                    if (method.getName().equals("getHeaders")) {
                        return headers;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
