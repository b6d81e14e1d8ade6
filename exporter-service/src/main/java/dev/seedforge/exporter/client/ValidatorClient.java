package dev.seedforge.exporter.client;

import java.time.temporal.ChronoUnit;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.ExampleCheck;

/**
 * The validator's rule checks of one example ({@code POST /checks/{jobId}}), which a reviewer's edit must pass: the
 * validator's rules, in the validator, never copied here. URL from {@code quarkus.rest-client.validator.url}.
 */
@RegisterRestClient(configKey = "validator")
@Path("/checks")
@Produces(MediaType.APPLICATION_JSON)
public interface ValidatorClient {

    @POST
    @Path("/{jobId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 300)
    Uni<ExampleCheck> check(@PathParam("jobId") String jobId, JsonNode example);
}
