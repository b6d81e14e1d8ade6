package dev.seedforge.exporter.domain;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.contracts.Candidate;
import dev.seedforge.contracts.CostEstimate;
import dev.seedforge.contracts.ExampleFormat;
import dev.seedforge.contracts.ExportSpec;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.Plan;
import dev.seedforge.contracts.PlanCell;
import dev.seedforge.contracts.PreferenceSpec;
import dev.seedforge.contracts.ReasoningSpec;
import dev.seedforge.contracts.ToolDefinitions;

/**
 * What the export needs to know of a job: from its spec and plan (served by the generator) and its FINALIZING event.
 * {@code cells} is never empty: without a plan it is the one cell {@code all} with the target as quota. {@code spec}
 * is the complete spec (for extra formats, tools, gate, dataset card); {@code null} only in tests of the basics.
 */
public record ExportJob(String jobId, String name, ExampleFormat format, int target, double validationRatio,
        long randomSeed, long candidatesEmitted, List<PlanCell> cells, boolean planned, JobSpec spec,
        CostEstimate estimate) {

    /** Without the plan's cost estimate (the report then shows no estimate beside the actual cost). */
    public ExportJob(String jobId, String name, ExampleFormat format, int target, double validationRatio,
            long randomSeed, long candidatesEmitted, List<PlanCell> cells, boolean planned, JobSpec spec) {
        this(jobId, name, format, target, validationRatio, randomSeed, candidatesEmitted, cells, planned, spec, null);
    }

    public ExportJob {
        cells = cells == null || cells.isEmpty() ? List.of(defaultCell(target)) : List.copyOf(cells);
    }

    /** A job without a plan or spec: one cell {@code all} with the target as quota. */
    public ExportJob(String jobId, String name, ExampleFormat format, int target, double validationRatio,
            long randomSeed, long candidatesEmitted) {
        this(jobId, name, format, target, validationRatio, randomSeed, candidatesEmitted, null, false, null);
    }

    public static ExportJob of(String jobId, JobSpec spec, long candidatesEmitted) {
        return of(jobId, spec, null, candidatesEmitted);
    }

    public static ExportJob of(String jobId, JobSpec spec, Plan plan, long candidatesEmitted) {
        JobSpec complete = spec.withDefaults();
        if (complete.format() == null || complete.target() == null) {
            throw new IllegalArgumentException("job " + jobId + ": the generator served a spec without format or target");
        }
        boolean planned = plan != null && !plan.cells().isEmpty();
        return new ExportJob(jobId, complete.name(), complete.format(), complete.target(),
                complete.validationRatio(), complete.randomSeed(), candidatesEmitted,
                planned ? plan.cells() : null, planned, complete, plan == null ? null : plan.estimate());
    }

    public static PlanCell defaultCell(int target) {
        return new PlanCell(Candidate.DEFAULT_CELL, Map.of(), null, false, Math.max(target, 0));
    }

    /** The cell an outcome counts for: its own with a plan; {@code all} without one, whatever the candidate says. */
    public String cellOf(Outcome outcome) {
        return planned ? outcome.cell() : Candidate.DEFAULT_CELL;
    }

    /** Formats written besides the job's own, without repeats. */
    public List<ExampleFormat> extraFormats() {
        if (spec == null || spec.export() == null) {
            return List.of();
        }
        return spec.export().formats().stream().filter(f -> f != format).distinct().toList();
    }

    /** The job's own tool list; empty for a job whose examples declare their own ({@link #toolsOfferedIn}). */
    public List<JsonNode> tools() {
        return spec == null || spec.tools() == null ? List.of() : spec.tools();
    }

    /** Whether each example declares its own tools instead of calling the job's ({@link JobSpec#perExampleTools}). */
    public boolean perExampleTools() {
        return spec != null && spec.perExampleTools();
    }

    /** Whether the job's examples may call tools at all: the job's list or each example's own. */
    public boolean withTools() {
        return spec != null && spec.withTools();
    }

    /** The tools {@code record} (of the job's format) offers: the job's, or the record's own where it declares them. */
    public List<JsonNode> toolsOfferedIn(JsonNode record) {
        return spec == null ? List.of() : ToolDefinitions.offeredIn(spec, format, record);
    }

    /** The job's reasoning traces ({@link ReasoningSpec#OFF} without a spec or without traces). */
    public ReasoningSpec reasoning() {
        return spec == null ? ReasoningSpec.OFF : ReasoningSpec.of(spec);
    }

    /** Whether the job writes preference pairs ({@code task_type: preference}). */
    public boolean preference() {
        return spec != null && PreferenceSpec.on(spec);
    }

    public ExportSpec export() {
        return spec == null || spec.export() == null ? ExportSpec.DEFAULT : spec.export();
    }
}
