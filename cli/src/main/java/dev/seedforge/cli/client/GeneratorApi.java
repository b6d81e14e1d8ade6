package dev.seedforge.cli.client;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobView;

/** The generator's job API, as the command line uses it. */
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
public interface GeneratorApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    JobView submit(JobSpec spec, @HeaderParam("Idempotency-Key") String idempotencyKey);

    @POST
    @Path("/{jobId}/approve")
    JobView approve(@PathParam("jobId") String jobId);

    @POST
    @Path("/{jobId}/cancel")
    JobView cancel(@PathParam("jobId") String jobId);

    @GET
    @Path("/{jobId}")
    JobView job(@PathParam("jobId") String jobId);

    @GET
    List<JobView> jobs();

    @GET
    @Path("/{jobId}/usage")
    com.fasterxml.jackson.databind.JsonNode usage(@PathParam("jobId") String jobId);
}
