package dev.seedforge.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

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

@Command(name = "run", mixinStandardHelpOptions = true, description = "Runs jobs on this machine from start to finish: starts the local stack, the teacher"
        + " simulator (unless OPENAI_API_KEY is set) and the four services once, submits every job, shows their"
        + " progress and leaves each dataset in --out/<job id>/. Every spec is checked before anything starts. Exits 0"
        + " when every job did, otherwise with the code of the first job (in argument order) that did not.")
public class RunCommand implements Callable<Integer> {

    /** The job ended FAILED or CANCELLED, or the pipeline could not start or broke (a process of it exited). */
    static final int EXIT_JOB_FAILED = 1;
    static final int EXIT_INVALID_SPEC = 2;
    /** The dataset was written but its quality gate failed (quality_report.json says which checks). */
    static final int EXIT_GATE_FAILED = 3;
    /** The generator paused the job early with a diagnosis; it can be resumed after a spec change. */
    static final int EXIT_PAUSED = 4;

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "JOB", description = "job specs (YAML or JSON); several"
            + " run together on one local stack")
    List<Path> jobFiles;

    @Option(names = "--out", defaultValue = "out", description = "where datasets go, one directory per job"
            + " (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--data-dir", defaultValue = ".seedforge", description = "the local stack's data and the"
            + " services' logs (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--simulator", description = "use the teacher simulator even when OPENAI_API_KEY is set")
    boolean forceSimulator;

    @Option(names = "--plan-only", description = "show each job's plan and cost estimate, then stop without"
            + " generating (the jobs stay PLANNED)")
    boolean planOnly;

    @Option(names = "--timeout", defaultValue = "PT30M", description = "give up after this long, for all the jobs"
            + " together (ISO-8601, default: ${DEFAULT-VALUE})")
    Duration timeout;

    private final PrintStream console = System.out;

    /** One spec of this run and what became of it; {@code exit} stays null while its job runs. */
    static final class Run {
        final JobSpec spec;
        final String label;
        JobView job;
        Integer exit;
        String lastLine = "";
        boolean reviewHinted;

        Run(JobSpec spec, String label) {
            this.spec = spec;
            this.label = label;
        }
    }

    @Override
    public Integer call() throws Exception {
        List<JobSpec> specs = loadAll(jobFiles);
        if (specs == null) {
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
                return runJobs(pipeline, specs);
            } finally {
                console.println("Stopping the services");
            }
        }
    }

    /**
     * Every spec loaded and checked before anything starts, so that a typo in the last file does not cost a stack
     * start; null (after naming each bad file and its field errors) when any is invalid.
     */
    private List<JobSpec> loadAll(List<Path> files) {
        List<JobSpec> specs = new ArrayList<>();
        boolean valid = true;
        for (Path file : files) {
            try {
                specs.add(JobSpecs.load(file));
            } catch (InvalidJobSpecException e) {
                System.err.println("error: " + file + " is not a valid job spec:");
                for (FieldError error : e.errors()) {
                    System.err.println("  - " + error);
                }
                valid = false;
            } catch (IOException e) {
                System.err.println("error: cannot read " + file + ": " + e.getMessage());
                valid = false;
            }
        }
        return valid ? specs : null;
    }

    private LocalPipeline.Teacher chooseTeacher() {
        return Teachers.choose(forceSimulator, console);
    }

    /**
     * Submits (and approves) every job first so that they generate together, follows them all, then handles each
     * finished job's dataset in argument order ({@code out/latest} ends at the last one written).
     */
    private int runJobs(LocalPipeline pipeline, List<JobSpec> specs) throws Exception {
        GeneratorApi generator = Clients.generator(pipeline.generator());
        List<String> labels = labels(specs.stream().map(JobSpec::name).toList());
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            Run run = new Run(specs.get(i), specs.size() > 1 ? labels.get(i) : null);
            submit(generator, run);
            runs.add(run);
        }
        follow(generator, runs, pipeline.console(), pipeline.exporter(), pipeline::exitedProcess);
        List<Integer> exits = new ArrayList<>();
        for (Run run : runs) {
            if (run.exit == null) {
                run.exit = finish(pipeline, generator, run.job);
            }
            exits.add(run.exit);
        }
        return combinedExitCode(exits);
    }

    /**
     * The exit code of a run of several jobs: 0 when every job gave 0, otherwise the code of the first job (in
     * argument order) that did not, so that a script reads the same codes as for one job.
     */
    static int combinedExitCode(List<Integer> exits) {
        for (int exit : exits) {
            if (exit != 0) {
                return exit;
            }
        }
        return 0;
    }

    /** How progress lines name each job: its spec name, numbered by position when two specs share a name. */
    static List<String> labels(List<String> names) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            boolean shared = names.stream().filter(name::equals).count() > 1;
            labels.add(shared ? name + "#" + (i + 1) : name);
        }
        return labels;
    }

    /** Submits the job and approves its plan (unless --plan-only); a refusal or a plan-only stop settles its exit. */
    private void submit(GeneratorApi generator, Run run) {
        JobSpec spec = run.spec;
        JobView job;
        try {
            job = generator.submit(spec, UUID.randomUUID().toString());
        } catch (WebApplicationException e) {
            System.err.println("error: the generator refused the job" + (run.label == null ? "" : " " + run.label)
                    + ": " + e.getResponse().readEntity(String.class));
            run.exit = EXIT_INVALID_SPEC;
            return;
        }
        console.printf(Locale.ROOT, "Submitted job %s (%s): %d examples in %s format, %d seeds%s%n", job.jobId(),
                spec.name(), spec.target(), spec.format().id(), spec.seeds().size(),
                spec.perExampleTools() ? ", each example declaring its own tools (tools_per_example)" : "");
        if (job.plan() != null) {
            printPlan(job.plan(), console);
        }
        if (job.status() == JobStatus.PLANNED) {
            if (planOnly) {
                console.println("Stopping at the plan (--plan-only); the job stays PLANNED.");
                run.job = job;
                run.exit = 0;
                return;
            }
            job = generator.approve(job.jobId());
            console.println("Approved; generating.");
        }
        run.job = job;
    }

    /** Writes what the run adds beside a finished job's dataset; answers the job's exit code. */
    private int finish(LocalPipeline pipeline, GeneratorApi generator, JobView job) throws Exception {
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

    /**
     * A job with {@code review} waits in FINALIZING for a person, which the progress line alone does not say: without
     * this the command looks stuck until its --timeout.
     */
    static String reviewMessage(JobView job, Integer sample, URI consoleUrl, URI exporterUrl) {
        return "Job " + job.jobId() + " holds its dataset until a person reviews " + sample + " example"
                + (sample != null && sample == 1 ? "" : "s") + " per cell (review.sample): open "
                + consoleUrl.resolve("/jobs/" + job.jobId()) + " to review and approve it, or POST "
                + exporterUrl.resolve("/datasets/" + job.jobId() + "/review/approve")
                + ". This command waits for the approval (--timeout).";
    }

    /**
     * Polls every running job once a second until each has ended or paused (a job that outlives --timeout fails); a
     * line is printed when a job's progress changes, prefixed with its name when there are several. A process of the
     * pipeline that exits meanwhile ({@code exitedProcess}) fails the jobs still running at once, naming it: nothing
     * would finish them.
     */
    void follow(GeneratorApi generator, List<Run> runs, URI consoleUrl, URI exporterUrl,
            Supplier<Optional<String>> exitedProcess) throws InterruptedException {
        Instant start = Instant.now();
        Instant deadline = start.plus(timeout);
        List<Run> running = new ArrayList<>(runs.stream().filter(run -> run.exit == null).toList());
        int width = runs.stream().map(run -> run.label == null ? 0 : run.label.length()).max(Integer::compare)
                .orElse(0);
        while (!running.isEmpty()) {
            Optional<String> exited = exitedProcess.get();
            if (exited.isPresent()) {
                System.err.println("error: the local pipeline broke while its jobs ran: " + exited.get());
                for (Run run : running) {
                    System.err.println("error: job " + run.job.jobId() + " (" + run.spec.name() + ") did not finish");
                    run.exit = EXIT_JOB_FAILED;
                }
                return;
            }
            if (!Instant.now().isBefore(deadline)) {
                for (Run run : running) {
                    System.err.println("error: job " + run.job.jobId() + " (" + run.spec.name()
                            + ") did not finish within " + timeout);
                    run.exit = EXIT_JOB_FAILED;
                }
                return;
            }
            for (var it = running.iterator(); it.hasNext();) {
                Run run = it.next();
                JobView job = generator.job(run.job.jobId());
                run.job = job;
                String line = progressLine(job, run.spec.target());
                if (!line.equals(run.lastLine)) {
                    String prefix = run.label == null ? "" : String.format(Locale.ROOT, "%-" + width + "s  ", run.label);
                    console.printf(Locale.ROOT, "%s%5ds  %s%n", prefix, Duration.between(start, Instant.now())
                            .toSeconds(), line);
                    run.lastLine = line;
                }
                if (!run.reviewHinted && run.spec.review() != null && job.status() == JobStatus.FINALIZING) {
                    console.println(reviewMessage(job, run.spec.review().sample(), consoleUrl, exporterUrl));
                    run.reviewHinted = true;
                }
                if (job.status().terminal() || job.status() == JobStatus.PAUSED) {
                    it.remove();
                }
            }
            if (!running.isEmpty()) {
                Thread.sleep(1000);
            }
        }
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

    /** "1 cell", "2 cells": a count as a person says it. */
    static String counted(long count, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", count, noun, count == 1 ? "" : "s");
    }

    /** The plan as a person reads it before approving: cost, yield, the first cells, and any warning. */
    static void printPlan(Plan plan, PrintStream console) {
        CostEstimate estimate = plan.estimate();
        console.printf(Locale.ROOT, "Plan: %s, %s; about %s (%,d input and %,d output tokens) and %s: estimated"
                + " $%.4f%n", counted(plan.cells().size(), "cell"), counted(plan.totalQuota(), "example"),
                counted(estimate.teacherCalls(), "teacher call"), estimate.inputTokens(), estimate.outputTokens(),
                counted(estimate.judgeCalls(), "judge call"), estimate.totalUsd());
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
            console.printf(Locale.ROOT, "  ... and %s more%n", counted(plan.cells().size() - shown, "cell"));
        }
        plan.warnings().forEach(warning -> console.println("warning: " + warning.field() + ": " + warning.message()));
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
