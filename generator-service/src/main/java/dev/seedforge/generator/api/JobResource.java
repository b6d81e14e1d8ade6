package dev.seedforge.generator.api;

import java.net.URI;
import java.util.List;
import java.util.function.Supplier;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.FieldError;
import dev.seedforge.contracts.InvalidJobSpecException;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobView;
import dev.seedforge.generator.service.JobService;
import dev.seedforge.support.security.ApiAccess;
import dev.seedforge.support.security.Caller;

/**
 * Submits jobs (a spec in YAML or JSON), approves or cancels them, and shows them with their plan and progress. When
 * API tokens are configured, a job belongs to the tenant that submitted it: others get 403 on it and do not see it
 * listed; the operator token sees every job.
 */
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "jobs", description = "Dataset jobs: submit a spec, approve, cancel, resume, follow progress and usage")
@SecurityScheme(securitySchemeName = JobResource.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer", description = "An API token (SEEDFORGE_API_TOKEN or a tenant's from SEEDFORGE_API_TOKENS); needed only when "
        + "tokens are configured")
@SecurityRequirement(name = JobResource.BEARER)
@APIResponse(responseCode = "401", description = "Tokens are configured and the request carries none, or an unknown one")
public class JobResource {

    /** The security scheme's name in the API description. */
    public static final String BEARER = "bearer";

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** A refused spec, with every field at fault. */
    public record SpecProblem(String title, List<FieldError> errors) {
    }

    /** A job the caller may not see. */
    public record Forbidden(String title) {
    }

    private final JobService jobs;
    private final ApiAccess access;
    private final SecurityIdentity identity;

    public JobResource(JobService jobs, ApiAccess access, SecurityIdentity identity) {
        this.jobs = jobs;
        this.access = access;
        this.identity = identity;
    }

    private Caller caller() {
        return access.caller(identity);
    }

    /** Runs {@code action} only for a job the caller may see: 404 for no such job, 403 for another tenant's. */
    private Uni<Response> visible(String jobId, Supplier<Uni<Response>> action) {
        Caller caller = caller();
        return jobs.find(jobId).flatMap(job -> {
            if (job == null) {
                return Uni.createFrom().item(Response.status(Response.Status.NOT_FOUND).build());
            }
            if (!caller.maySee(job.owner())) {
                return Uni.createFrom().item(Response.status(Response.Status.FORBIDDEN)
                        .entity(new Forbidden("job " + jobId + " belongs to another tenant")).build());
            }
            return action.get();
        });
    }

    @POST
    @Consumes({ MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml",
            MediaType.TEXT_PLAIN })
    @Operation(summary = "Submit a job", description = "Validates the job spec (YAML or JSON), plans the job and "
            + "stores it: PLANNED until approved, or started at once with approval: auto. A repeated Idempotency-Key "
            + "answers the job it created before (200) instead of a new one.")
    @RequestBody(required = true, description = "The job spec", content = {
            @Content(mediaType = "application/yaml", schema = @Schema(implementation = JobSpec.class)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobSpec.class)) })
    @APIResponse(responseCode = "201", description = "The job created, with its plan and cost estimate", content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "200", description = "The job this Idempotency-Key created before", content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "400", description = "An invalid spec, with every field at fault", content = @Content(schema = @Schema(implementation = SpecProblem.class)))
    public Uni<Response> submit(String spec,
            @Parameter(description = "Makes a retried submission answer the same job") @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey) {
        return jobs.submit(spec, idempotencyKey, caller().owner()).map(submission -> {
            if (!submission.created()) {
                return Response.ok(submission.job()).build();
            }
            return Response.created(URI.create("/jobs/" + submission.job().jobId())).entity(submission.job())
                    .build();
        });
    }

    @GET
    @Operation(summary = "List jobs", description = "Every job the caller may see: a tenant its own, the operator "
            + "(or anyone when no tokens are configured) all.")
    @APIResponse(responseCode = "200", description = "The jobs")
    public Uni<List<JobView>> list() {
        Caller caller = caller();
        return jobs.list().map(all -> all.stream().filter(job -> caller.maySee(job.owner())).toList());
    }

    @GET
    @Path("/{jobId}")
    @Operation(summary = "Show a job", description = "The job with its spec, plan, state and progress.")
    @APIResponse(responseCode = "200", description = "The job", content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "403", description = "The job belongs to another tenant", content = @Content(schema = @Schema(implementation = Forbidden.class)))
    @APIResponse(responseCode = "404", description = "No such job")
    public Uni<Response> find(@PathParam("jobId") String jobId) {
        Caller caller = caller();
        return jobs.find(jobId).map(job -> job == null ? Response.status(Response.Status.NOT_FOUND).build()
                : caller.maySee(job.owner()) ? Response.ok(job).build()
                        : Response.status(Response.Status.FORBIDDEN)
                                .entity(new Forbidden("job " + jobId + " belongs to another tenant")).build());
    }

    /** The teacher calls a job made: how many, how many failed, tokens and cost, from the call log. */
    @GET
    @Path("/{jobId}/usage")
    @Operation(summary = "Show a job's teacher usage", description = "The teacher calls the job made: how many, how "
            + "many failed, tokens and cost, from the call log.")
    @APIResponse(responseCode = "200", description = "The usage")
    @APIResponse(responseCode = "403", description = "The job belongs to another tenant", content = @Content(schema = @Schema(implementation = Forbidden.class)))
    @APIResponse(responseCode = "404", description = "No such job, or no usage yet")
    public Uni<Response> usage(@PathParam("jobId") String jobId) {
        return visible(jobId, () -> jobs.usage(jobId).map(usage -> usage == null
                ? Response.status(Response.Status.NOT_FOUND).build()
                : Response.ok(usage).build()));
    }

    /** A batch-mode job's rounds, each with its state at the provider. */
    @GET
    @Path("/{jobId}/batches")
    @Operation(summary = "Show a batch-mode job's rounds", description = "Each round of a job in batch mode (mode: "
            + "batch): its state (PREPARED, UPLOADED, SUBMITTED, ENDED), the provider's batch id and status, requests,"
            + " answered, failed, booked, left for the next round, cost at batch prices. Empty for a real-time job.")
    @APIResponse(responseCode = "200", description = "The rounds, oldest first")
    @APIResponse(responseCode = "403", description = "The job belongs to another tenant", content = @Content(schema = @Schema(implementation = Forbidden.class)))
    @APIResponse(responseCode = "404", description = "No such job")
    public Uni<Response> batches(@PathParam("jobId") String jobId) {
        return visible(jobId, () -> jobs.batchRounds(jobId).map(rounds -> Response.ok(rounds).build()));
    }

    @POST
    @Path("/{jobId}/approve")
    @Operation(summary = "Approve a planned job", description = "Starts a PLANNED job after its cost estimate has "
            + "been read.")
    @APIResponse(responseCode = "200", description = "The job, started", content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "403", description = "The job belongs to another tenant", content = @Content(schema = @Schema(implementation = Forbidden.class)))
    @APIResponse(responseCode = "404", description = "No such job")
    @APIResponse(responseCode = "409", description = "The job is not waiting for approval", content = @Content(schema = @Schema(implementation = Conflict.class)))
    public Uni<Response> approve(@PathParam("jobId") String jobId) {
        return visible(jobId, () -> jobs.approve(jobId).map(JobResource::answer));
    }

    @POST
    @Path("/{jobId}/cancel")
    @Operation(summary = "Cancel a job", description = "Stops a job that has not finished: no further teacher calls.")
    @APIResponse(responseCode = "200", description = "The job, cancelled", content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "403", description = "The job belongs to another tenant", content = @Content(schema = @Schema(implementation = Forbidden.class)))
    @APIResponse(responseCode = "404", description = "No such job")
    @APIResponse(responseCode = "409", description = "The job has already finished", content = @Content(schema = @Schema(implementation = Conflict.class)))
    public Uni<Response> cancel(@PathParam("jobId") String jobId) {
        return visible(jobId, () -> jobs.cancel(jobId).map(JobResource::answer));
    }

    /**
     * Continues a PAUSED job. The body (optional; JSON or YAML) holds the spec fields to change, in the spec's own
     * names: {@code seeds}, {@code dedup}, {@code judge}, {@code rules}, {@code diversity}, {@code max_candidates},
     * {@code budget_usd}, {@code temperature}, {@code temperature_range}, {@code examples_per_call}.
     */
    @POST
    @Path("/{jobId}/resume")
    @Consumes({ MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml",
            MediaType.TEXT_PLAIN, MediaType.WILDCARD })
    @Operation(summary = "Resume a paused job", description = "Continues a PAUSED job, optionally with spec fields "
            + "changed (seeds, dedup, judge, rules, diversity, max_candidates, budget_usd, temperature, "
            + "temperature_range, examples_per_call).")
    @RequestBody(required = false, description = "The spec fields to change, in the spec's own names", content = @Content(mediaType = "application/yaml", schema = @Schema(implementation = JobSpec.class)))
    @APIResponse(responseCode = "200", description = "The job, running again", content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "400", description = "A change that makes the spec invalid, with every field at fault", content = @Content(schema = @Schema(implementation = SpecProblem.class)))
    @APIResponse(responseCode = "403", description = "The job belongs to another tenant", content = @Content(schema = @Schema(implementation = Forbidden.class)))
    @APIResponse(responseCode = "404", description = "No such job")
    @APIResponse(responseCode = "409", description = "The job is not paused", content = @Content(schema = @Schema(implementation = Conflict.class)))
    public Uni<Response> resume(@PathParam("jobId") String jobId, String changes) {
        return visible(jobId, () -> jobs.resume(jobId, changes).map(JobResource::answer));
    }

    /** A state change that cannot happen now, and the job as it is. */
    public record Conflict(String title, JobView job) {
    }

    private static Response answer(JobService.Change change) {
        return switch (change) {
            case JobService.Change.Done done -> Response.ok(done.job()).build();
            case JobService.Change.NotFound notFound -> Response.status(Response.Status.NOT_FOUND).build();
            case JobService.Change.Refused refused -> Response.status(Response.Status.CONFLICT)
                    .entity(new Conflict(refused.why(), refused.job())).build();
        };
    }

    @ServerExceptionMapper
    public RestResponse<SpecProblem> invalidSpec(InvalidJobSpecException e) {
        return RestResponse.status(Response.Status.BAD_REQUEST, new SpecProblem("invalid job spec", e.errors()));
    }
}
