package dev.seedforge.simulator.api;

import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.simulator.domain.MessageBatches;

/**
 * Anthropic's Message Batches API: create a batch with its requests inline, retrieve, list, cancel, and stream its
 * results as JSONL; each request is answered as the OpenAI-style endpoint answers the same request
 * ({@link MessageBatches}). Like Anthropic it asks for the {@code anthropic-version} header; the {@code x-api-key} is
 * taken as given (it keys the prompt cache, as the bearer key does on the OpenAI side).
 */
@Path("/v1/messages/batches")
@Produces(MediaType.APPLICATION_JSON)
public class MessageBatchesResource {

    private final MessageBatches batches;

    public MessageBatchesResource(MessageBatches batches) {
        this.batches = batches;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonNode body, @HeaderParam("x-api-key") String apiKey,
            @HeaderParam("anthropic-version") String version, @Context UriInfo uri) {
        return answer(version, () -> Optional.of(batches.create(apiKey == null ? "" : apiKey, body, base(uri))), null);
    }

    @GET
    public Response list(@QueryParam("after_id") String afterId, @QueryParam("limit") @DefaultValue("20") int limit,
            @HeaderParam("anthropic-version") String version, @Context UriInfo uri) {
        return answer(version, () -> Optional.of(batches.list(afterId, limit, base(uri))), null);
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id, @HeaderParam("anthropic-version") String version,
            @Context UriInfo uri) {
        return answer(version, () -> batches.get(id, base(uri)), id);
    }

    @POST
    @Path("/{id}/cancel")
    public Response cancel(@PathParam("id") String id, @HeaderParam("anthropic-version") String version,
            @Context UriInfo uri) {
        return answer(version, () -> batches.cancel(id, base(uri)), id);
    }

    @GET
    @Path("/{id}/results")
    @Produces("application/binary")
    public Response results(@PathParam("id") String id, @HeaderParam("anthropic-version") String version) {
        if (version == null || version.isBlank()) {
            return error(400, "invalid_request_error", "anthropic-version: header is required");
        }
        try {
            return batches.results(id).map(text -> Response.ok(text, "application/binary").build())
                    .orElseGet(() -> error(404, "not_found_error", "No such message batch: " + id));
        } catch (MessageBatches.MessageBatchException e) {
            return error(e.status(), e.type(), e.getMessage());
        }
    }

    private interface Call {
        Optional<Map<String, Object>> run();
    }

    private static Response answer(String version, Call call, String id) {
        if (version == null || version.isBlank()) {
            return error(400, "invalid_request_error", "anthropic-version: header is required");
        }
        try {
            return call.run().map(batch -> Response.ok(batch).build())
                    .orElseGet(() -> error(404, "not_found_error", "No such message batch: " + id));
        } catch (MessageBatches.MessageBatchException e) {
            return error(e.status(), e.type(), e.getMessage());
        }
    }

    /** Where a batch's results are served: this resource's URL, as {@code results_url} gives it. */
    private static String base(UriInfo uri) {
        return uri.getBaseUriBuilder().path("v1/messages/batches/").build().toString();
    }

    private static Response error(int status, String type, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("type", "error", "error", Map.of("type", type, "message", message))).build();
    }
}
