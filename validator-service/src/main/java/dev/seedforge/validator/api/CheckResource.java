package dev.seedforge.validator.api;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.ExampleCheck;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.Reason;
import dev.seedforge.contracts.ReasonCode;
import dev.seedforge.contracts.SchemaVersions;
import dev.seedforge.contracts.Verdict;
import dev.seedforge.validator.service.JobChecks;

/**
 * Checks one example against a job's rules, the same checks a generated candidate gets (not the judge): how the
 * exporter vets a reviewer's edit before it replaces an exported example. Runs on a worker thread (the job's spec may
 * be read from the generator).
 */
@Path("/checks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "checks", description = "Checking one example against a job's rules")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Tokens are configured and the request carries none, or an unknown one")
public class CheckResource {

    private final JobChecks checks;

    public CheckResource(JobChecks checks) {
        this.checks = checks;
    }

    @POST
    @Path("/{jobId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check an example against a job's rules", description = "Runs the checks a generated "
            + "candidate gets (format, schema, the job's rules; not the judge) on one example, as the exporter does "
            + "for a reviewer's edit.")
    @APIResponse(responseCode = "200", description = "Whether the example passes, with every reason it does not")
    public ExampleCheck check(@RestPath String jobId, JsonNode example) {
        ExampleFormat format;
        try {
            format = ExampleFormat.detect(example);
        } catch (IllegalArgumentException e) {
            ReasonCode code = example != null && example.isObject() ? ReasonCode.MISSING_FIELD
                    : ReasonCode.NOT_AN_OBJECT;
            return new ExampleCheck(false, List.of(code.reason(e.getMessage())));
        }
        Candidate candidate = new Candidate(SchemaVersions.CURRENT, "review-edit", jobId, Candidate.DEFAULT_CELL,
                format, example, null);
        Verdict verdict = checks.forJob(jobId).validator().validate(candidate);
        List<Reason> reasons = verdict.reasons();
        return new ExampleCheck(verdict.accepted(), reasons);
    }
}
