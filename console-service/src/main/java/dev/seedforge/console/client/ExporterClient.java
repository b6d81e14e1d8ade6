package dev.seedforge.console.client;

import java.io.InputStream;
import java.time.temporal.ChronoUnit;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;

import dev.seedforge.contracts.ReviewSample;

/**
 * The exporter's dataset and review API as the console calls it, with the caller's {@code Authorization} header.
 * URL from {@code quarkus.rest-client.exporter.url}.
 */
@RegisterRestClient(configKey = "exporter")
@RegisterClientHeaders
@Path("/datasets")
public interface ExporterClient {

    /** The manifest and quality report; {@link NotFoundAnswer} until the job is finished. */
    @GET
    @Path("/{jobId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, abortOn = { ServiceRefusal.class, NotFoundAnswer.class })
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS, skipOn = {
            ServiceRefusal.class, NotFoundAnswer.class })
    JsonNode dataset(@PathParam("jobId") String jobId);

    @GET
    @Path("/{jobId}/files/{name}")
    @Produces(MediaType.WILDCARD)
    @Timeout(value = 60, unit = ChronoUnit.SECONDS)
    InputStream file(@PathParam("jobId") String jobId, @PathParam("name") String name);

    @GET
    @Path("/{jobId}/review")
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, abortOn = { ServiceRefusal.class, NotFoundAnswer.class })
    ReviewSample review(@PathParam("jobId") String jobId, @QueryParam("sample") int sample);

    @POST
    @Path("/{jobId}/review/examples/{candidateId}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(value = 60, unit = ChronoUnit.SECONDS)
    ReviewSample.Review reject(@PathParam("jobId") String jobId, @PathParam("candidateId") String candidateId,
            ReviewSample.Rejection rejection);

    @PUT
    @Path("/{jobId}/review/examples/{candidateId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(value = 60, unit = ChronoUnit.SECONDS)
    ReviewSample.Review edit(@PathParam("jobId") String jobId, @PathParam("candidateId") String candidateId,
            ReviewSample.Edit edit);

    @POST
    @Path("/{jobId}/review/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(value = 60, unit = ChronoUnit.SECONDS)
    ReviewSample.Review approve(@PathParam("jobId") String jobId, ReviewSample.Approval approval);

    @ClientExceptionMapper
    static RuntimeException refusal(Response response) {
        return ServiceRefusal.of(response);
    }
}
