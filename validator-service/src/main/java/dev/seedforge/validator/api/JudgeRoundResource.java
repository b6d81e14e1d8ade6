package dev.seedforge.validator.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;

import dev.seedforge.validator.persistence.JudgeBatchStore;

/** The judge's batch rounds, for following a batch-judged job (as the generator's {@code GET /jobs/{id}/batches}). */
@Path("/judge/rounds")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "judge rounds", description = "The judge's batch rounds (judge: {mode: batch})")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Tokens are configured and the request carries none, or an unknown one")
public class JudgeRoundResource {

    private final JudgeBatchStore store;

    public JudgeRoundResource(JudgeBatchStore store) {
        this.store = store;
    }

    @GET
    @Operation(summary = "List the judge's batch rounds", description = "Each round of the judge's batch mode, oldest"
            + " first: its state (PREPARED, UPLOADED, SUBMITTED, ENDED), the provider's batch status and id, its"
            + " calls and candidates, how many were answered, judged and left for the next round, and its cost at"
            + " batch prices.")
    @APIResponse(responseCode = "200", description = "The rounds, of one job when job_id is given")
    public Uni<List<JudgeBatchStore.Round>> list(@RestQuery("job_id") String jobId) {
        return store.view(jobId == null || jobId.isBlank() ? null : jobId);
    }
}
