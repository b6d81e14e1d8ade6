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

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.FieldError;
import dev.seedforge.contracts.InvalidJobSpecException;
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
public class JobResource {

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
    public Uni<Response> submit(String spec, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey) {
        return jobs.submit(spec, idempotencyKey, caller().owner()).map(submission -> {
            if (!submission.created()) {
                return Response.ok(submission.job()).build();
            }
            return Response.created(URI.create("/jobs/" + submission.job().jobId())).entity(submission.job())
                    .build();
        });
    }

    @GET
    public Uni<List<JobView>> list() {
        Caller caller = caller();
        return jobs.list().map(all -> all.stream().filter(job -> caller.maySee(job.owner())).toList());
    }

    @GET
    @Path("/{jobId}")
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
    public Uni<Response> usage(@PathParam("jobId") String jobId) {
        return visible(jobId, () -> jobs.usage(jobId).map(usage -> usage == null
                ? Response.status(Response.Status.NOT_FOUND).build()
                : Response.ok(usage).build()));
    }

    @POST
    @Path("/{jobId}/approve")
    public Uni<Response> approve(@PathParam("jobId") String jobId) {
        return visible(jobId, () -> jobs.approve(jobId).map(JobResource::answer));
    }

    @POST
    @Path("/{jobId}/cancel")
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
