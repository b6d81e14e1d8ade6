package dev.seedforge.console.client;

import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;

import dev.seedforge.contracts.JobView;

/**
 * The generator's job API as the console calls it, with the caller's own {@code Authorization} header (propagated),
 * so a tenant sees through the console what its token sees. Reads are retried; submit, approve and cancel are not
 * (the person clicks again). URL from {@code quarkus.rest-client.generator.url}.
 */
@RegisterRestClient(configKey = "generator")
@RegisterClientHeaders
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
public interface GeneratorClient {

    @GET
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, abortOn = ServiceRefusal.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS, skipOn = ServiceRefusal.class)
    List<JobView> jobs();

    /** A job, or {@link NotFoundAnswer} when the generator does not know it. */
    @GET
    @Path("/{jobId}")
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, abortOn = { ServiceRefusal.class, NotFoundAnswer.class })
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS, skipOn = {
            ServiceRefusal.class, NotFoundAnswer.class })
    JobView job(@PathParam("jobId") String jobId);

    /** The spec as YAML or JSON; a refused spec comes back as {@link ServiceRefusal} with the generator's errors. */
    @POST
    @Consumes("application/yaml")
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    JobView submit(String spec);

    @POST
    @Path("/{jobId}/approve")
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    JobView approve(@PathParam("jobId") String jobId);

    @POST
    @Path("/{jobId}/cancel")
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    JobView cancel(@PathParam("jobId") String jobId);

    /** 404 is an answer, not a fault; other 4xx carry the service's reasons to the person. */
    @ClientExceptionMapper
    static RuntimeException refusal(Response response) {
        return ServiceRefusal.of(response);
    }
}
