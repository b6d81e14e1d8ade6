package dev.seedforge.console.api;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import dev.seedforge.console.domain.JobRow;
import dev.seedforge.console.domain.ProgressView;
import dev.seedforge.console.domain.ReviewView;
import dev.seedforge.contracts.FieldError;
import dev.seedforge.contracts.JobView;

/** The console's pages and the fragments htmx swaps in, type-checked when the application is built. */
@CheckedTemplate
public class Templates {

    private Templates() {
    }

    public static native TemplateInstance jobs(List<JobRow> jobs, String problem);

    public static native TemplateInstance jobs$jobTable(List<JobRow> jobs, String problem);

    public static native TemplateInstance submitErrors(String title, List<FieldError> errors);

    public static native TemplateInstance job(JobView job, ProgressView progress, List<PlanTurn> prompt, String problem);

    public static native TemplateInstance job$progress(JobView job, ProgressView progress);

    public static native TemplateInstance job$status(JobView job, String problem);

    public static native TemplateInstance review(JobView job, ReviewView review, String problem);

    public static native TemplateInstance dataset(JobView job, JsonNode dataset, String problem);

    public static native TemplateInstance signIn(String next, String problem);

    /** One message of the plan's example prompt. */
    public record PlanTurn(String role, String content) {
    }
}
