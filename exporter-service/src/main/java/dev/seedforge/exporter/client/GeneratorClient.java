package dev.seedforge.exporter.client;

import java.time.temporal.ChronoUnit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.JobView;

/**
 * The generator's job API, read for a job's spec: its target on the job's first outcome (the quota of progress events),
 * its name, format, split ratio and seed when the job finishes. URL from {@code quarkus.rest-client.generator.url}.
 */
@RegisterRestClient(configKey = "generator")
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
public interface GeneratorClient {

    @GET
    @Path("/{jobId}")
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 4, delay = 500, jitter = 200, abortOn = UnknownJobException.class)
    Uni<JobView> job(@PathParam("jobId") String jobId);

    /** A 404 ends the retries at once; other errors get the default handling (and are retried). */
    @ClientExceptionMapper
    static RuntimeException unknownJob(Response response) {
        return response.getStatus() == 404 ? new UnknownJobException("the generator does not know this job") : null;
    }
}
