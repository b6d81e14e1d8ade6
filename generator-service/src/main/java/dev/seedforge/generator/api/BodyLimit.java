package dev.seedforge.generator.api;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

import dev.seedforge.contracts.FieldError;
import dev.seedforge.contracts.Json;

/**
 * Answers a request whose declared body is over {@code quarkus.http.limits.max-body-size} with 413 and an error that
 * names the limit, before any of it is read (Vert.x alone would answer 413 with no body).
 */
@ApplicationScoped
public class BodyLimit {

    private final long maxBytes;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBytes = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            long declared = declaredLength(context.request().getHeader(HttpHeaders.CONTENT_LENGTH));
            if (declared <= maxBytes) {
                context.next();
                return;
            }
            String body;
            try {
                body = Json.MAPPER.writeValueAsString(new JobResource.SpecProblem("request body too large",
                        List.of(new FieldError("body", "is " + declared + " bytes; the limit is " + maxBytes
                                + " bytes (quarkus.http.limits.max-body-size)"))));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body);
        });
    }

    private static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
