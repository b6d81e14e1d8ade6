package dev.seedforge.dedup.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

import dev.seedforge.dedup.service.DecisionStore;
import dev.seedforge.dedup.service.StoredDecision;

/** Whether a candidate was unique, or whose duplicate it was, for operators and the command line. */
@Path("/decisions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "decisions", description = "Why a candidate was kept or dropped as a duplicate")
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", description = "An API token (SEEDFORGE_API_TOKEN, a tenant's from SEEDFORGE_API_TOKENS, or the services' own); "
        + "needed only when tokens are configured")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Tokens are configured and the request carries none, or an unknown one")
public class DecisionResource {

    private final DecisionStore decisions;

    public DecisionResource(DecisionStore decisions) {
        this.decisions = decisions;
    }

    @GET
    @Path("/{candidateId}")
    @Operation(summary = "Show a candidate's dedup decision", description = "The stored decision on a candidate: "
            + "unique, or a duplicate (exact, near, semantic, or seed contamination) and of which candidate.")
    @APIResponse(responseCode = "200", description = "The decision")
    @APIResponse(responseCode = "404", description = "No decision for this candidate (yet)")
    public Uni<RestResponse<StoredDecision>> get(@RestPath String candidateId) {
        return decisions.find(candidateId)
                .map(found -> found == null ? RestResponse.notFound() : RestResponse.ok(found));
    }
}
