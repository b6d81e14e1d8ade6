package dev.seedforge.exporter.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.FieldError;
import dev.seedforge.contracts.ReviewSample;
import dev.seedforge.exporter.service.ReviewService;
import dev.seedforge.support.security.ApiAccess;
import dev.seedforge.support.security.Caller;

/**
 * Review of a finished job's dataset: a sample per cell to read, and a reviewer's reject, edit and approve. Each
 * review is recorded with who (the name given, prefixed by the caller's tenant when tokens are configured) and when.
 * Only the job's tenant and the operator may review it.
 */
@jakarta.ws.rs.Path("/datasets/{jobId}/review")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "review", description = "Human review of a sample of a finished dataset before its release")
@SecurityRequirement(name = DatasetResource.BEARER)
@APIResponse(responseCode = "401", description = "Tokens are configured and the request carries none, or an unknown one")
@APIResponse(responseCode = "403", description = "The dataset belongs to another tenant's job")
public class ReviewResource {

    /** A refused review: what and which fields, as {@code POST /jobs} refuses a spec. */
    public record Problem(String title, java.util.List<FieldError> errors) {
    }

    private final ReviewService reviews;
    private final ApiAccess access;
    private final SecurityIdentity identity;
    private final DatasetAccess datasets;

    public ReviewResource(ReviewService reviews, ApiAccess access, SecurityIdentity identity,
            DatasetAccess datasets) {
        this.reviews = reviews;
        this.access = access;
        this.identity = identity;
        this.datasets = datasets;
    }

    private <T> Uni<RestResponse<T>> allowed(String jobId, java.util.function.Supplier<Uni<T>> action) {
        Caller caller = access.caller(identity);
        return datasets.mayRead(caller, jobId).flatMap(allowed -> allowed
                ? action.get().map(RestResponse::ok)
                : Uni.createFrom().item(RestResponse.status(Status.FORBIDDEN)));
    }

    /** Who reviews: the name given (or "anonymous"), with the tenant of the caller's token in front when there is one. */
    private String reviewer(String given) {
        Caller caller = access.caller(identity);
        String name = given == null || given.isBlank() ? "anonymous" : given.strip();
        if (name.length() > 100) {
            name = name.substring(0, 100);
        }
        return caller.operator() || caller.owner() == null ? name : caller.owner() + "/" + name;
    }

    @GET
    @Operation(summary = "Sample a dataset for review", description = "A sample per cell of the job's accepted "
            + "examples, with the reviews so far; ?sample=N overrides the spec's review.sample.")
    @APIResponse(responseCode = "200", description = "The sample")
    @APIResponse(responseCode = "404", description = "The job has no dataset yet", content = @Content(schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<ReviewSample>> sample(@RestPath String jobId, @QueryParam("sample") Integer sample) {
        return allowed(jobId, () -> reviews.sample(jobId, sample));
    }

    @POST
    @jakarta.ws.rs.Path("/examples/{candidateId}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reject an example", description = "Removes an example from the dataset with a reason; "
            + "the job makes a replacement when it has no surplus.")
    @APIResponse(responseCode = "200", description = "The review recorded")
    @APIResponse(responseCode = "400", description = "No reason given", content = @Content(schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The job has no dataset yet", content = @Content(schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The example cannot be reviewed now", content = @Content(schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<ReviewSample.Review>> reject(@RestPath String jobId, @RestPath String candidateId,
            ReviewSample.Rejection rejection) {
        return allowed(jobId, () -> reviews.reject(jobId, candidateId, rejection,
                reviewer(rejection == null ? null : rejection.reviewer())));
    }

    @PUT
    @jakarta.ws.rs.Path("/examples/{candidateId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Edit an example", description = "Replaces an example with a corrected one, which must "
            + "still keep the job's format and rules.")
    @APIResponse(responseCode = "200", description = "The review recorded")
    @APIResponse(responseCode = "400", description = "No example, an unwritable one, or one that breaks the job's "
            + "rules", content = @Content(schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The job has no dataset yet", content = @Content(schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The example cannot be reviewed now", content = @Content(schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<ReviewSample.Review>> edit(@RestPath String jobId, @RestPath String candidateId,
            ReviewSample.Edit edit) {
        return allowed(jobId, () -> reviews.edit(jobId, candidateId, edit, reviewer(edit == null ? null
                : edit.reviewer())));
    }

    @POST
    @jakarta.ws.rs.Path("/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve the review", description = "Releases a held dataset: its files are written "
            + "with the reviews applied and the job completes.")
    @APIResponse(responseCode = "200", description = "The review recorded")
    @APIResponse(responseCode = "404", description = "The job has no dataset yet", content = @Content(schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The dataset cannot be approved now", content = @Content(schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<ReviewSample.Review>> approve(@RestPath String jobId, ReviewSample.Approval approval) {
        return allowed(jobId, () -> reviews.approve(jobId, reviewer(approval == null ? null : approval.reviewer())));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> refused(ReviewService.Refused e) {
        return RestResponse.status(Status.fromStatusCode(e.status()), new Problem(e.getMessage(), e.errors()));
    }
}
