package dev.seedforge.generator.api;

import java.net.URI;
import java.util.List;

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

import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.FieldError;
import dev.seedforge.contracts.InvalidJobSpecException;
import dev.seedforge.contracts.JobView;
import dev.seedforge.generator.service.JobService;

/** Submits jobs (a spec in YAML or JSON), approves or cancels them, and shows them with their plan and progress. */
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** A refused spec, with every field at fault. */
    public record SpecProblem(String title, List<FieldError> errors) {
    }

    private final JobService jobs;

    public JobResource(JobService jobs) {
        this.jobs = jobs;
    }

    @POST
    @Consumes({ MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml",
            MediaType.TEXT_PLAIN })
    public Uni<Response> submit(String spec, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey) {
        return jobs.submit(spec, idempotencyKey).map(submission -> {
            if (!submission.created()) {
                return Response.ok(submission.job()).build();
            }
            return Response.created(URI.create("/jobs/" + submission.job().jobId())).entity(submission.job())
                    .build();
        });
    }

    @GET
    public Uni<List<JobView>> list() {
        return jobs.list();
    }

    @GET
    @Path("/{jobId}")
    public Uni<RestResponse<JobView>> find(@PathParam("jobId") String jobId) {
        return jobs.find(jobId).map(job -> job == null ? RestResponse.notFound() : RestResponse.ok(job));
    }

    /** The teacher calls a job made: how many, how many failed, tokens and cost, from the call log. */
    @GET
    @Path("/{jobId}/usage")
    public Uni<RestResponse<dev.seedforge.generator.persistence.JobStore.Usage>> usage(
            @PathParam("jobId") String jobId) {
        return jobs.usage(jobId).map(usage -> usage == null ? RestResponse.notFound() : RestResponse.ok(usage));
    }

    @POST
    @Path("/{jobId}/approve")
    public Uni<Response> approve(@PathParam("jobId") String jobId) {
        return jobs.approve(jobId).map(JobResource::answer);
    }

    @POST
    @Path("/{jobId}/cancel")
    public Uni<Response> cancel(@PathParam("jobId") String jobId) {
        return jobs.cancel(jobId).map(JobResource::answer);
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
