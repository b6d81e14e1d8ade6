package dev.seedforge.validator.client;

import java.time.temporal.ChronoUnit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestPath;

import dev.seedforge.contracts.JobView;

/** The generator's job API, read for a job's spec (rules, tools, judge) the first time the validator meets the job. */
@RegisterRestClient(configKey = "generator")
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
public interface GeneratorClient {

    @GET
    @Path("/{jobId}")
    @Retry(maxRetries = 4, delay = 300, jitter = 100)
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    JobView job(@RestPath String jobId);
}
