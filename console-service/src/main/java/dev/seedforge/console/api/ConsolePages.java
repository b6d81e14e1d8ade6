package dev.seedforge.console.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;

import dev.seedforge.console.client.ExporterClient;
import dev.seedforge.console.client.GeneratorClient;
import dev.seedforge.console.client.NotFoundAnswer;
import dev.seedforge.console.client.ServiceRefusal;
import dev.seedforge.console.config.ConsoleConfig;
import dev.seedforge.console.domain.JobRow;
import dev.seedforge.console.domain.ProgressView;
import dev.seedforge.console.domain.ReviewView;
import dev.seedforge.console.domain.SpecUpload;
import dev.seedforge.console.messaging.PipelineEvents;
import dev.seedforge.contracts.FieldError;
import dev.seedforge.contracts.InvalidJobSpecException;
import dev.seedforge.contracts.JobEvent;
import dev.seedforge.contracts.JobProgress;
import dev.seedforge.contracts.JobView;
import dev.seedforge.contracts.ReviewSample;
import dev.seedforge.contracts.TextFiles;

/**
 * The console's pages. Each action is one call on a service's REST API (the same call the command line or a script
 * makes); the answers are rendered as whole pages or as the fragments htmx swaps in. Methods run on worker threads
 * (the REST clients block).
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class ConsolePages {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9]+)*");

    private final GeneratorClient generator;
    private final ExporterClient exporter;
    private final PipelineEvents events;
    private final ConsoleConfig config;

    public ConsolePages(@RestClient GeneratorClient generator, @RestClient ExporterClient exporter,
            PipelineEvents events, ConsoleConfig config) {
        this.generator = generator;
        this.exporter = exporter;
        this.events = events;
        this.config = config;
    }

    @GET
    public TemplateInstance jobs() {
        try {
            return Templates.jobs(rows(), null);
        } catch (RuntimeException e) {
            return Templates.jobs(List.of(), "The generator did not answer: " + e.getMessage());
        }
    }

    /** The jobs table alone, which the list page refreshes every few seconds. */
    @GET
    @Path("jobs-table")
    public TemplateInstance jobTable() {
        try {
            return Templates.jobs$jobTable(rows(), null);
        } catch (RuntimeException e) {
            return Templates.jobs$jobTable(List.of(), "The generator did not answer: " + e.getMessage());
        }
    }

    private List<JobRow> rows() {
        return generator.jobs().stream().sorted(java.util.Comparator.comparing(JobView::createdAt,
                java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder()))).map(JobRow::of).toList();
    }

    /**
     * Submits a pasted or uploaded spec, with an optional seeds file. A refused spec answers 200 with the errors per
     * field (htmx swaps 2xx only); an accepted one sends the browser to the job's page.
     */
    @POST
    @Path("jobs")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response submit(@RestForm String spec, @RestForm("specFile") FileUpload specFile,
            @RestForm("seedsFile") FileUpload seedsFile) {
        try {
            String text = spec;
            if (present(specFile)) {
                text = TextFiles.read(specFile.uploadedFile(), specFile.fileName(), "specFile");
            }
            String document = SpecUpload.document(text, present(seedsFile) ? seedsFile.uploadedFile() : null,
                    present(seedsFile) ? seedsFile.fileName() : null);
            JobView job = generator.submit(document);
            return Response.ok().header("HX-Redirect", "/jobs/" + job.jobId()).build();
        } catch (InvalidJobSpecException e) {
            return Response.ok(Templates.submitErrors("invalid job spec", e.errors())).build();
        } catch (ServiceRefusal e) {
            return Response.ok(Templates.submitErrors(e.getMessage(), e.errors())).build();
        } catch (IOException e) {
            return Response.ok(Templates.submitErrors("unreadable upload",
                    List.of(new FieldError("specFile", e.getMessage())))).build();
        }
    }

    private static boolean present(FileUpload upload) {
        return upload != null && upload.fileName() != null && !upload.fileName().isBlank() && upload.size() > 0;
    }

    @GET
    @Path("jobs/{jobId}")
    public Response job(@RestPath String jobId) {
        JobView job;
        try {
            job = generator.job(jobId);
        } catch (NotFoundAnswer e) {
            return Response.status(Response.Status.NOT_FOUND).entity("No job " + jobId).type(MediaType.TEXT_PLAIN)
                    .build();
        }
        List<Templates.PlanTurn> prompt = job.plan() == null ? List.of()
                : job.plan().examplePrompt().stream().map(turn -> new Templates.PlanTurn(turn.role(), turn.content()))
                        .toList();
        return Response.ok(Templates.job(job, ProgressView.of(job.plan(), job.progress()), prompt, null)).build();
    }

    @POST
    @Path("jobs/{jobId}/approve")
    public TemplateInstance approve(@RestPath String jobId) {
        return change(jobId, () -> generator.approve(jobId));
    }

    @POST
    @Path("jobs/{jobId}/cancel")
    public TemplateInstance cancel(@RestPath String jobId) {
        return change(jobId, () -> generator.cancel(jobId));
    }

    /** The job's status and actions after a change, or as they are with the reason it was refused. */
    private TemplateInstance change(String jobId, java.util.function.Supplier<JobView> action) {
        try {
            return Templates.job$status(action.get(), null);
        } catch (ServiceRefusal e) {
            return Templates.job$status(generator.job(jobId), e.getMessage());
        }
    }

    /** The job's status fragment, fetched when a {@code job-events} record says it changed. */
    @GET
    @Path("jobs/{jobId}/status")
    public TemplateInstance status(@RestPath String jobId) {
        return Templates.job$status(generator.job(jobId), null);
    }

    /**
     * Server-sent events for one job: {@code progress} carries the progress table rendered from each
     * {@code job-progress} record, {@code status} the new status from each {@code job-events} record (the page then
     * fetches its status fragment).
     */
    @GET
    @Path("jobs/{jobId}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    public Multi<OutboundSseEvent> stream(@RestPath String jobId, @Context Sse sse) {
        JobView job = generator.job(jobId);
        return events.of(jobId).map(event -> switch (event) {
            case JobProgress progress -> sse.newEventBuilder().name("progress")
                    .data(oneLine(Templates.job$progress(job, ProgressView.of(job.plan(), progress)).render()))
                    .build();
            case JobEvent jobEvent -> sse.newEventBuilder().name("status").data(jobEvent.status().name()).build();
            default -> sse.newEventBuilder().comment("skipped").build();
        });
    }

    private static String oneLine(String html) {
        return html.replace("\r", "").replace("\n", " ");
    }

    @GET
    @Path("jobs/{jobId}/review")
    public TemplateInstance review(@RestPath String jobId) {
        JobView job = generator.job(jobId);
        try {
            return Templates.review(job, ReviewView.of(exporter.review(jobId, config.reviewSample())), null);
        } catch (NotFoundAnswer e) {
            return Templates.review(job, null, "No dataset yet: the job is " + job.status() + ".");
        }
    }

    @POST
    @Path("jobs/{jobId}/review/{candidateId}/reject")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reject(@RestPath String jobId, @RestPath String candidateId, @RestForm String reason,
            @RestForm String reviewer) {
        return reviewAction(jobId,
                () -> exporter.reject(jobId, candidateId, new ReviewSample.Rejection(reason, reviewer)));
    }

    @POST
    @Path("jobs/{jobId}/review/{candidateId}/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response edit(@RestPath String jobId, @RestPath String candidateId, @RestForm String example,
            @RestForm String reviewer) {
        com.fasterxml.jackson.databind.JsonNode parsed;
        try {
            parsed = dev.seedforge.contracts.Json.MAPPER.readTree(example == null ? "" : example);
        } catch (IOException e) {
            return refused("example: not valid JSON: " + e.getMessage());
        }
        return reviewAction(jobId, () -> exporter.edit(jobId, candidateId, new ReviewSample.Edit(parsed, reviewer)));
    }

    @POST
    @Path("jobs/{jobId}/review/approve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response approveSample(@RestPath String jobId, @RestForm String reviewer) {
        return reviewAction(jobId, () -> exporter.approve(jobId, new ReviewSample.Approval(reviewer)));
    }

    /** A done action reloads the review page (the sample and the files changed); a refused one shows why. */
    private Response reviewAction(String jobId, java.util.function.Supplier<ReviewSample.Review> action) {
        try {
            action.get();
            return Response.ok().header("HX-Refresh", "true").build();
        } catch (ServiceRefusal e) {
            String details = e.errors().stream().map(FieldError::toString)
                    .reduce((a, b) -> a + "; " + b).map(s -> ": " + s).orElse("");
            return refused(e.getMessage() + details);
        }
    }

    private static Response refused(String message) {
        return Response.ok("<p class=\"refused\" role=\"alert\">Refused: " + escape(message) + "</p>")
                .type(MediaType.TEXT_HTML).build();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @GET
    @Path("jobs/{jobId}/dataset")
    public TemplateInstance dataset(@RestPath String jobId) {
        JobView job = generator.job(jobId);
        try {
            return Templates.dataset(job, exporter.dataset(jobId), null);
        } catch (NotFoundAnswer e) {
            return Templates.dataset(job, null, "No dataset yet: the job is " + job.status() + ".");
        }
    }

    /** A dataset file, streamed from the exporter. */
    @GET
    @Path("jobs/{jobId}/files/{name}")
    @Produces(MediaType.WILDCARD)
    public Response file(@RestPath String jobId, @RestPath String name) {
        if (!PLAIN_NAME.matcher(name).matches()) {
            return Response.status(Response.Status.BAD_REQUEST).build();
        }
        InputStream body = exporter.file(jobId, name);
        return Response.ok(body).type(name.endsWith(".html") ? MediaType.TEXT_HTML : MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        (name.endsWith(".html") ? "inline" : "attachment") + "; filename=\"" + name + "\"")
                .build();
    }

}
