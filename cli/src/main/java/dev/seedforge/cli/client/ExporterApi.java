package dev.seedforge.cli.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

/** The exporter's dataset API: where a finished job's files are. */
@Path("/datasets")
@Produces(MediaType.APPLICATION_JSON)
public interface ExporterApi {

    @GET
    @Path("/{jobId}")
    JsonNode dataset(@PathParam("jobId") String jobId);
}
