package dev.seedforge.dedup.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

import dev.seedforge.dedup.service.DecisionStore;
import dev.seedforge.dedup.service.StoredDecision;

/** Whether a candidate was unique, or whose duplicate it was, for operators and the command line. */
@Path("/decisions")
@Produces(MediaType.APPLICATION_JSON)
public class DecisionResource {

    private final DecisionStore decisions;

    public DecisionResource(DecisionStore decisions) {
        this.decisions = decisions;
    }

    @GET
    @Path("/{candidateId}")
    public Uni<RestResponse<StoredDecision>> get(@RestPath String candidateId) {
        return decisions.find(candidateId)
                .map(found -> found == null ? RestResponse.notFound() : RestResponse.ok(found));
    }
}
