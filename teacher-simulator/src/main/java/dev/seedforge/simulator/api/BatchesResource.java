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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.seedforge.simulator.domain.BatchQueue;

/**
 * OpenAI's Batch API on {@code /v1/chat/completions}: create a batch from an uploaded file, poll it, list and cancel
 * batches. The lifecycle and the answers are {@link BatchQueue}'s.
 */
@Path("/v1/batches")
@Produces(MediaType.APPLICATION_JSON)
public class BatchesResource {

    private final BatchQueue batches;

    public BatchesResource(BatchQueue batches) {
        this.batches = batches;
    }

    /** The create request's body; unknown fields (such as {@code output_expires_after}) are accepted and ignored. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CreateBatch(@JsonProperty("input_file_id") String inputFileId, String endpoint,
            @JsonProperty("completion_window") String completionWindow, Map<String, String> metadata) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateBatch request, @HeaderParam("Authorization") String authorization) {
        if (request == null) {
            return error(new BatchQueue.BatchApiException(400, "input_file_id", null,
                    "Missing required parameter: 'input_file_id'."));
        }
        try {
            return Response.ok(batches.create(ChatCompletionsResource.apiKey(authorization), request.inputFileId(),
                    request.endpoint(), request.completionWindow(), request.metadata())).build();
        } catch (BatchQueue.BatchApiException e) {
            return error(e);
        }
    }

    @GET
    public Response list(@QueryParam("after") String after, @QueryParam("limit") @DefaultValue("20") int limit) {
        try {
            return Response.ok(batches.list(after, limit)).build();
        } catch (BatchQueue.BatchApiException e) {
            return error(e);
        }
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id) {
        return found(id, batches.get(id));
    }

    @POST
    @Path("/{id}/cancel")
    public Response cancel(@PathParam("id") String id) {
        try {
            return found(id, batches.cancel(id));
        } catch (BatchQueue.BatchApiException e) {
            return error(e);
        }
    }

    private static Response found(String id, Optional<Map<String, Object>> batch) {
        return batch.map(b -> Response.ok(b).build()).orElseGet(() -> error(new BatchQueue.BatchApiException(404,
                "batch_id", null, "No such batch: " + id)));
    }

    private static Response error(BatchQueue.BatchApiException e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new OpenAiError(new OpenAiError.Detail(e.getMessage(), "invalid_request_error", e.param(),
                        e.code())))
                .build();
    }
}
