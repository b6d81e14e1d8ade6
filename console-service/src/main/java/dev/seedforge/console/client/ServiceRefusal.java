package dev.seedforge.console.client;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.FieldError;
import dev.seedforge.contracts.Json;

/**
 * A service refused a request (4xx other than 404) and said why: {@code {"title", "errors":[{"field","message"}]}}
 * as the generator answers a bad spec, or a title alone (a 409 on approve). Not a fault: never retried, never opens
 * a circuit.
 */
public class ServiceRefusal extends RuntimeException {

    private final int status;
    private final List<FieldError> errors;

    public ServiceRefusal(int status, String title, List<FieldError> errors) {
        super(title, null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public int status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** The exception for a response, or null for one that is not a refusal (2xx, 5xx: those the caller handles). */
    static RuntimeException of(Response response) {
        int status = response.getStatus();
        if (status == 404) {
            return new NotFoundAnswer("not found");
        }
        if (status < 400 || status >= 500) {
            return null;
        }
        String title = "refused with HTTP " + status;
        List<FieldError> errors = new ArrayList<>();
        try {
            String body = response.readEntity(String.class);
            JsonNode node = body == null || body.isBlank() ? null : Json.MAPPER.readTree(body);
            if (node != null) {
                title = node.path("title").asText(title);
                for (JsonNode error : node.path("errors")) {
                    errors.add(new FieldError(error.path("field").asText(""), error.path("message").asText("")));
                }
            }
        } catch (Exception unreadable) {
            // the status alone says it was refused
        }
        return new ServiceRefusal(status, title, errors);
    }
}
