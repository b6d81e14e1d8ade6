package dev.seedforge.validator.api;

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

import dev.seedforge.validator.service.StoredVerdict;
import dev.seedforge.validator.service.VerdictService;

/** Why a candidate was accepted or rejected, for operators and the command line. */
@Path("/verdicts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "verdicts", description = "Why a candidate was accepted or rejected")
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", description = "An API token (SEEDFORGE_API_TOKEN, a tenant's from SEEDFORGE_API_TOKENS, or the services' own); "
        + "needed only when tokens are configured")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Tokens are configured and the request carries none, or an unknown one")
public class VerdictResource {

    private final VerdictService verdicts;

    public VerdictResource(VerdictService verdicts) {
        this.verdicts = verdicts;
    }

    @GET
    @Path("/{candidateId}")
    @Operation(summary = "Show a candidate's verdict", description = "The stored verdict of a candidate: accepted or "
            + "rejected, with every reason (format, rules, judge scores).")
    @APIResponse(responseCode = "200", description = "The verdict")
    @APIResponse(responseCode = "404", description = "No verdict for this candidate (yet)")
    public Uni<RestResponse<StoredVerdict>> get(@RestPath String candidateId) {
        return verdicts.find(candidateId)
                .map(found -> found == null ? RestResponse.notFound() : RestResponse.ok(found));
    }
}
