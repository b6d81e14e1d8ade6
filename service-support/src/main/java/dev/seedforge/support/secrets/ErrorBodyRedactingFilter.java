package dev.seedforge.support.secrets;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Masks the process's secrets in the body of every error answer a REST client receives, before the client turns it
 * into an exception. A provider that refuses a key often quotes it back; from the exception the text would reach
 * logs, stored call problems, metric tags and trace spans, each of which would otherwise need masking on its own.
 * The Quarkus REST Client applies {@code @Provider} filters to every client, quarkus-langchain4j's OpenAI client
 * included.
 */
@Provider
public class ErrorBodyRedactingFilter implements ClientResponseFilter {

    /** Error bodies are short; a larger one is cut rather than held in memory whole. */
    static final int MAX_BODY_BYTES = 1 << 20;

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) throws IOException {
        if (response.getStatus() < 400 || !response.hasEntity()) {
            return;
        }
        byte[] body;
        try (InputStream in = response.getEntityStream()) {
            body = in.readNBytes(MAX_BODY_BYTES);
        }
        byte[] redacted = Secrets.redact(new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        response.getHeaders().remove("Content-Length");
        response.setEntityStream(new ByteArrayInputStream(redacted));
    }
}
