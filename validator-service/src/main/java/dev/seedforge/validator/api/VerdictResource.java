package dev.seedforge.validator.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

import dev.seedforge.validator.service.StoredVerdict;
import dev.seedforge.validator.service.VerdictService;

/** Why a candidate was accepted or rejected, for operators and the command line. */
@Path("/verdicts")
@Produces(MediaType.APPLICATION_JSON)
public class VerdictResource {

    private final VerdictService verdicts;

    public VerdictResource(VerdictService verdicts) {
        this.verdicts = verdicts;
    }

    @GET
    @Path("/{candidateId}")
    public Uni<RestResponse<StoredVerdict>> get(@RestPath String candidateId) {
        return verdicts.find(candidateId)
                .map(found -> found == null ? RestResponse.notFound() : RestResponse.ok(found));
    }
}
