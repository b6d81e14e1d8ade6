package dev.seedforge.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.ws.rs.WebApplicationException;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.cli.client.Clients;
import dev.seedforge.cli.client.GeneratorApi;
import dev.seedforge.cli.launch.LocalPipeline;
import dev.seedforge.contracts.CostEstimate;
import dev.seedforge.contracts.FieldError;
import dev.seedforge.contracts.InvalidJobSpecException;
import dev.seedforge.contracts.JobProgress;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobSpecs;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.JobView;
import dev.seedforge.contracts.Json;
import dev.seedforge.contracts.Plan;
import dev.seedforge.contracts.PlanCell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true, description = "Runs a job on this machine from start to finish: starts the local stack, the teacher"
        + " simulator (unless OPENAI_API_KEY is set) and the four services, submits the job, shows its"
        + " progress and leaves the dataset in --out/<job id>/.")
public class RunCommand implements Callable<Integer> {

    /** The job ended FAILED or CANCELLED, or the pipeline could not start. */
    static final int EXIT_JOB_FAILED = 1;
    static final int EXIT_INVALID_SPEC = 2;
    /** The dataset was written but its quality gate failed (quality_report.json says which checks). */
    static final int EXIT_GATE_FAILED = 3;
    /** The generator paused the job early with a diagnosis; it can be resumed after a spec change. */
    static final int EXIT_PAUSED = 4;

    @Parameters(index = "0", paramLabel = "JOB", description = "the job spec (YAML or JSON)")
    Path jobFile;

    @Option(names = "--out", defaultValue = "out", description = "where datasets go, one directory per job"
            + " (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--data-dir", defaultValue = ".seedforge", description = "the local stack's data and the"
            + " services' logs (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--simulator", description = "use the teacher simulator even when OPENAI_API_KEY is set")
    boolean forceSimulator;

    @Option(names = "--plan-only", description = "show the job's plan and cost estimate, then stop without"
            + " generating (the job stays PLANNED)")
    boolean planOnly;

    @Option(names = "--timeout", defaultValue = "PT30M", description = "give up after this long (ISO-8601,"
            + " default: ${DEFAULT-VALUE})")
    Duration timeout;

    private final PrintStream console = System.out;

    @Override
    public Integer call() throws Exception {
        JobSpec spec;
        try {
            spec = JobSpecs.load(jobFile);
        } catch (InvalidJobSpecException e) {
            System.err.println("error: " + jobFile + " is not a valid job spec:");
            for (FieldError error : e.errors()) {
                System.err.println("  - " + error);
            }
            return EXIT_INVALID_SPEC;
        } catch (IOException e) {
            System.err.println("error: cannot read " + jobFile + ": " + e.getMessage());
            return EXIT_INVALID_SPEC;
        }
        Files.createDirectories(out);
        LocalPipeline.Teacher teacher = chooseTeacher();
        LocalPipeline started;
        try {
            started = LocalPipeline.start(dataDir, out, teacher, console);
        } catch (IllegalStateException e) {
            System.err.println("error: " + e.getMessage());
            return EXIT_JOB_FAILED;
        }
        // Ctrl-C stops the services through the pipeline's own shutdown hook
        try (LocalPipeline pipeline = started) {
            console.println("Console (while this runs): " + pipeline.console());
            try {
                return runJob(pipeline, spec);
            } finally {
                console.println("Stopping the services");
            }
        }
    }

    private LocalPipeline.Teacher chooseTeacher() {
        return Teachers.choose(forceSimulator, console);
    }

    private int runJob(LocalPipeline pipeline, JobSpec spec) throws Exception {
        GeneratorApi generator = Clients.generator(pipeline.generator());
        JobView job;
        try {
            job = generator.submit(spec, UUID.randomUUID().toString());
        } catch (WebApplicationException e) {
            System.err.println("error: the generator refused the job: " + e.getResponse().readEntity(String.class));
            return EXIT_INVALID_SPEC;
        }
        console.printf(Locale.ROOT, "Submitted job %s (%s): %d examples in %s format, %d seeds%n", job.jobId(),
                spec.name(), spec.target(), spec.format().id(), spec.seeds().size());
        if (job.plan() != null) {
            printPlan(job.plan());
        }
        if (job.status() == JobStatus.PLANNED) {
            if (planOnly) {
                console.println("Stopping at the plan (--plan-only); the job stays PLANNED.");
                return 0;
            }
            job = generator.approve(job.jobId());
            console.println("Approved; generating.");
        }
        job = follow(generator, job.jobId(), spec.target());
        if (job.status() == JobStatus.PAUSED) {
            System.err.println(pausedMessage(job));
            return EXIT_PAUSED;
        }
        if (job.status() != JobStatus.COMPLETED) {
            System.err.println("Job " + job.jobId() + " ended " + job.status() + ": " + job.reason());
            return EXIT_JOB_FAILED;
        }
        Path directory = datasetDirectory(pipeline, job.jobId());
        Files.writeString(directory.resolve("job.json"), Json.MAPPER.writerWithDefaultPrettyPrinter()
                .writeValueAsString(job));
        Files.writeString(directory.resolve("teacher-usage.json"), generator.usage(job.jobId()).toPrettyString());
        if (pipeline.teacherSimulated()) {
            saveSimulatorStats(pipeline, directory);
        }
        int exit = gateExitCode(directory);
        link(directory);
        return exit;
    }

    /** Lists the dataset and its quality gate: 0 when the gate passed (or there is no report), else its own code. */
    int gateExitCode(Path directory) throws IOException {
        return report(directory) ? 0 : EXIT_GATE_FAILED;
    }

    /** What a user reads when the generator paused the job: its diagnosis, and how to go on. */
    static String pausedMessage(JobView job) {
        return "Job " + job.jobId() + " PAUSED after " + job.candidatesEmitted() + " candidates.\n" + job.reason()
                + "\nThe job, its candidates and its books stay in the data directory. While the services run, send"
                + " the changed spec fields to the generator, e.g.\n  POST /jobs/" + job.jobId() + "/resume"
                + "  {\"seeds\": [...], \"diversity\": {\"pause_duplicate_rate\": 0.9}}\n(exit code " + EXIT_PAUSED
                + ": paused)";
    }

    private JobView follow(GeneratorApi generator, String jobId, int target) throws InterruptedException {
        Instant start = Instant.now();
        Instant deadline = start.plus(timeout);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            JobView job = generator.job(jobId);
            String line = progressLine(job, target);
            if (!line.equals(last)) {
                console.printf(Locale.ROOT, "%5ds  %s%n", Duration.between(start, Instant.now()).toSeconds(), line);
                last = line;
            }
            if (job.status().terminal() || job.status() == JobStatus.PAUSED) {
                return job;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("job " + jobId + " did not finish within " + timeout);
    }

    /** What the simulated provider saw (requests, 429s, tokens), for benchmarks and curious users. */
    private void saveSimulatorStats(LocalPipeline pipeline, Path directory) {
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    URI.create(pipeline.teacherUrl().toString().replaceFirst("/v1$", "") + "/simulator/stats"))
                    .GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                Files.writeString(directory.resolve("simulator-stats.json"), response.body());
            }
            // the batches it received (the newest 100), whose metadata tell the teacher's rounds from the judge's
            var batches = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    URI.create(pipeline.teacherUrl().toString().replaceFirst("/v1$", "") + "/v1/batches?limit=100"))
                    .GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            if (batches.statusCode() == 200) {
                Files.writeString(directory.resolve("simulator-batches.json"), batches.body());
            }
        } catch (IOException | InterruptedException e) {
            console.println("(no simulator statistics: " + e.getMessage() + ")");
        }
    }

    private void printPlan(Plan plan) {
        CostEstimate estimate = plan.estimate();
        console.printf(Locale.ROOT, "Plan: %d cells, %d examples; about %d teacher calls (%,d input and %,d output"
                + " tokens) and %d judge calls: estimated $%.4f%n", plan.cells().size(), plan.totalQuota(),
                estimate.teacherCalls(), estimate.inputTokens(), estimate.outputTokens(), estimate.judgeCalls(),
                estimate.totalUsd());
        if (estimate.expectedYield() != null) {
            console.printf(Locale.ROOT, "  expecting %.0f%% to pass the judge and %.0f%% of those to be duplicates:"
                    + " a yield of %.0f%%, about %d candidates%n", 100 * estimate.judgePassRate(),
                    100 * estimate.duplicateRate(), 100 * estimate.expectedYield(), estimate.candidates());
        }
        int shown = Math.min(plan.cells().size(), 8);
        for (PlanCell cell : plan.cells().subList(0, shown)) {
            console.printf(Locale.ROOT, "  %4d  %s%n", cell.quota(), cell.id());
        }
        if (shown < plan.cells().size()) {
            console.printf(Locale.ROOT, "  ... and %d more cells%n", plan.cells().size() - shown);
        }
    }

    static String progressLine(JobView job, int target) {
        JobProgress progress = job.progress();
        return String.format(Locale.ROOT, "%-10s generated %4d   accepted %4d/%d   rejected %4d   duplicates %4d"
                + "   cost $%.5f", job.status(), job.candidatesEmitted(), progress == null ? 0 : progress.accepted(),
                target, progress == null ? 0 : progress.rejected(), progress == null ? 0 : progress.duplicates(),
                progress == null ? 0.0 : progress.costUsd());
    }

    /** The exporter announces completion after writing the files; its manifest says where they are. */
    private Path datasetDirectory(LocalPipeline pipeline, String jobId) throws InterruptedException {
        for (int attempt = 0; attempt < 30; attempt++) {
            try {
                JsonNode directory = Clients.exporter(pipeline.exporter()).dataset(jobId).path("manifest")
                        .path("directory");
                if (directory.isTextual()) {
                    return Path.of(directory.asText());
                }
            } catch (WebApplicationException notYet) {
                // the manifest is written in the same step that completes the job; wait for it
            }
            Thread.sleep(500);
        }
        return out.toAbsolutePath().resolve(jobId);
    }

    /** Lists the files and the quality gate; answers whether the gate passed (true when there is no report). */
    private boolean report(Path directory) throws IOException {
        console.println();
        console.println("Dataset written to " + directory);
        try (var files = Files.list(directory)) {
            files.sorted().forEach(file -> console.println("  " + file.getFileName()));
        }
        Path report = directory.resolve("quality_report.json");
        if (!Files.exists(report)) {
            return true;
        }
        JsonNode quality = Json.MAPPER.readTree(report.toFile());
        JsonNode gate = quality.path("gate");
        JsonNode cost = quality.path("cost");
        if (cost.path("estimatedUsd").isNumber()) {
            console.printf(Locale.ROOT, "Cost: $%.4f actual for an approved estimate of $%.4f (%+.0f%%)%n",
                    cost.path("totalUsd").asDouble(), cost.path("estimatedUsd").asDouble(),
                    100 * cost.path("estimateError").asDouble());
        }
        if (gate.isMissingNode()) {
            return true;
        }
        boolean passed = gate.path("passed").asBoolean();
        console.println("Quality gate: " + (passed ? "PASSED" : "FAILED " + gate.path("failures")));
        gate.path("warnings").forEach(warning -> console.println("  warning: " + warning.asText()));
        if (!passed) {
            System.err.println("The quality gate failed: the files are written, see quality_report.json (exit code "
                    + EXIT_GATE_FAILED + ")");
        }
        return passed;
    }

    /** {@code out/latest} always points at the newest dataset, so a newcomer finds it without the job id. */
    private void link(Path directory) {
        Path latest = out.resolve("latest");
        try {
            Files.deleteIfExists(latest);
            Files.createSymbolicLink(latest, out.toAbsolutePath().relativize(directory.toAbsolutePath()));
        } catch (IOException | UnsupportedOperationException e) {
            console.println("(could not link " + latest + ": " + e.getMessage() + ")");
        }
    }
}
