package dev.seedforge.cli.bench;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.cli.SeedforgeHome;
import dev.seedforge.contracts.Approval;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobSpecs;
import dev.seedforge.contracts.JobStatus;
import dev.seedforge.contracts.JobView;
import dev.seedforge.contracts.Json;
import dev.seedforge.localstack.LocalStack;

/**
 * {@code bench/scale --part b}: many jobs of several tenants submitted at once to the packaged services (simulator
 * as teacher and judge, no latency, API tokens on). The gallery's jobs (examples/*&#47;job.yaml, in turn, so the
 * formats mix) with targets spread over 100 to 300, the tenants taking turns. For each job: the time from submission
 * to its first accepted example and to its completion; its books (the exporter's outcomes equal the candidates the
 * generator emitted, the dataset holds exactly the target); that another tenant gets 403 for its job and its dataset
 * and does not see it in its list. A job "waited for another" when its first accepted example came after some other
 * job had completed. Last line: one JSON object.
 */
public final class ManyJobsBenchmark {

    static final List<String> TENANTS = List.of("acme", "globex", "initech");

    record Submitted(int index, String tenant, String jobId, JobSpec spec, Instant at) {
    }

    public static void main(String[] args) throws Exception {
        int jobs = Integer.parseInt(ScaleBenchmark.option(args, "--jobs", "10"));
        int minTarget = Integer.parseInt(ScaleBenchmark.option(args, "--min-target", "100"));
        int maxTarget = Integer.parseInt(ScaleBenchmark.option(args, "--max-target", "300"));
        double firstBound = Double.parseDouble(ScaleBenchmark.option(args, "--first-accepted-bound-s", "120"));
        Path work = Files.createTempDirectory("bench-jobs");
        ScaleBenchmark.log("work directory " + work + " (logs in " + work.resolve("logs") + ")");
        String operator = "op-" + UUID.randomUUID();
        Map<String, String> tokens = new LinkedHashMap<>();
        TENANTS.forEach(t -> tokens.put(t, t + "-" + UUID.randomUUID()));
        StringBuilder tenantTokens = new StringBuilder();
        tokens.forEach((t, token) -> tenantTokens.append(tenantTokens.isEmpty() ? "" : ",").append(t).append(':')
                .append(token));
        List<Path> gallery;
        try (Stream<Path> dirs = Files.list(SeedforgeHome.dir().resolve("examples"))) {
            gallery = dirs.map(d -> d.resolve("job.yaml")).filter(Files::exists).sorted().toList();
        }
        try (LocalStack stack = new LocalStack(work.resolve("stack"), 0, 0).start();
                BenchServices services = new BenchServices(stack, work.resolve("logs"))) {
            stack.createPipelineTopics();
            BenchServices.Pipeline pipeline = services.startPipeline(Map.of(), work.resolve("out"),
                    Map.of("seedforge.api.token", operator, "seedforge.api.tokens", tenantTokens.toString()));
            var generator = pipeline.generator().base();
            var exporter = pipeline.exporter().base();

            List<JobSpec> specs = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                JobSpec example = JobSpecs.load(gallery.get(i % gallery.size()));
                int target = jobs == 1 ? minTarget : minTarget + Math.round((maxTarget - minTarget) * i / (float) (jobs - 1));
                specs.add(example.toBuilder().name(example.name() + "-" + i)
                        .task(example.task() + " (many-jobs benchmark " + UUID.randomUUID() + ")").target(target)
                        .approval(Approval.AUTO).budgetUsd(null).maxCandidates(null).build());
            }
            ScaleBenchmark.log("submitting " + jobs + " jobs at once, load average " + PipelineBenchmark.loadAverage());
            List<Submitted> submitted = new ArrayList<>();
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<Submitted>> futures = new ArrayList<>();
                for (int i = 0; i < jobs; i++) {
                    int index = i;
                    String tenant = TENANTS.get(i % TENANTS.size());
                    futures.add(clients.submit(() -> {
                        Instant at = Instant.now();
                        String id = BenchServices.submit(generator, specs.get(index), tokens.get(tenant));
                        return new Submitted(index, tenant, id, specs.get(index), at);
                    }));
                }
                for (Future<Submitted> f : futures) {
                    submitted.add(f.get());
                }
            }
            Instant start = submitted.stream().map(Submitted::at).min(Instant::compareTo).orElseThrow();
            Map<String, Double> firstAccepted = new LinkedHashMap<>();
            Map<String, Double> completed = new LinkedHashMap<>();
            Map<String, JobView> last = new LinkedHashMap<>();
            Instant deadline = Instant.now().plus(Duration.ofMinutes(45));
            long lastLog = 0;
            while (Instant.now().isBefore(deadline) && completed.size() < jobs) {
                for (Submitted job : submitted) {
                    if (completed.containsKey(job.jobId())) {
                        continue;
                    }
                    HttpResponse<String> answer = BenchServices.get(generator, "/jobs/" + job.jobId(),
                            tokens.get(job.tenant()));
                    if (answer.statusCode() != 200) {
                        continue;
                    }
                    JobView view = Json.MAPPER.readValue(answer.body(), JobView.class);
                    last.put(job.jobId(), view);
                    double since = Duration.between(job.at(), Instant.now()).toMillis() / 1000.0;
                    if (view.progress() != null && view.progress().accepted() > 0) {
                        firstAccepted.putIfAbsent(job.jobId(), since);
                    }
                    if (view.status().terminal()) {
                        completed.put(job.jobId(), since);
                        ScaleBenchmark.log(job.spec().name() + " (" + job.tenant() + ", target "
                                + job.spec().target() + ") " + view.status() + " after " + ScaleBenchmark.round(since,
                                        1)
                                + " s");
                    }
                }
                if (System.nanoTime() - lastLog > 30_000_000_000L) {
                    lastLog = System.nanoTime();
                    ScaleBenchmark.log("after " + Duration.between(start, Instant.now()).toSeconds() + " s: "
                            + completed.size() + " of " + jobs + " ended, " + firstAccepted.size()
                            + " with an accepted example, load average " + PipelineBenchmark.loadAverage());
                }
                Thread.sleep(500);
            }
            double wall = Duration.between(start, Instant.now()).toMillis() / 1000.0;

            List<Map<String, Object>> perJob = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (Submitted job : submitted) {
                JobView view = last.get(job.jobId());
                String id = job.jobId();
                String name = job.spec().name();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", name);
                row.put("tenant", job.tenant());
                row.put("format", job.spec().format() == null ? null : job.spec().format().toString());
                row.put("target", job.spec().target());
                row.put("status", view == null ? "unseen" : view.status().toString());
                row.put("first_accepted_s", firstAccepted.get(id));
                row.put("completed_s", completed.get(id));
                if (view == null || view.status() != JobStatus.COMPLETED) {
                    problems.add(name + " ended " + (view == null ? "unseen" : view.status() + ": " + view.reason()));
                    perJob.add(row);
                    continue;
                }
                // the books: every candidate emitted has one outcome; the dataset holds exactly the target
                HttpResponse<String> dataset = BenchServices.get(exporter, "/datasets/" + id,
                        tokens.get(job.tenant()));
                JsonNode manifest = dataset.statusCode() == 200 ? Json.MAPPER.readTree(dataset.body()).get("manifest")
                        : null;
                long exported = manifest == null ? -1
                        : manifest.path("trainExamples").asLong() + manifest.path("validationExamples").asLong();
                long outcomes = manifest == null ? -1 : manifest.path("outcomes").asLong();
                row.put("candidates", view.candidatesEmitted());
                row.put("outcomes", outcomes);
                row.put("exported", exported);
                boolean books = outcomes == view.candidatesEmitted() && exported == job.spec().target();
                row.put("exact_books", books);
                if (!books) {
                    problems.add(name + ": " + view.candidatesEmitted() + " candidates, " + outcomes
                            + " outcomes, " + exported + " exported for a target of " + job.spec().target());
                }
                // isolation: every other tenant is refused the job and its dataset and does not list it
                boolean isolated = true;
                for (String other : TENANTS) {
                    if (other.equals(job.tenant())) {
                        continue;
                    }
                    int jobStatus = BenchServices.get(generator, "/jobs/" + id, tokens.get(other)).statusCode();
                    int datasetStatus = BenchServices.get(exporter, "/datasets/" + id, tokens.get(other))
                            .statusCode();
                    String list = BenchServices.get(generator, "/jobs", tokens.get(other)).body();
                    String datasets = BenchServices.get(exporter, "/datasets", tokens.get(other)).body();
                    if (jobStatus != 403 && jobStatus != 404 || datasetStatus != 403 && datasetStatus != 404
                            || list.contains(id) || datasets.contains(id)) {
                        isolated = false;
                        problems.add(name + " of " + job.tenant() + " seen by " + other + ": job " + jobStatus
                                + ", dataset " + datasetStatus + ", in its job list " + list.contains(id)
                                + ", in its dataset list " + datasets.contains(id));
                    }
                }
                row.put("isolated", isolated);
                perJob.add(row);
            }
            double firstCompletion = completed.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
            double slowestFirst = firstAccepted.values().stream().mapToDouble(Double::doubleValue).max().orElse(-1);
            long waited = submitted.stream().filter(job -> {
                Double first = firstAccepted.get(job.jobId());
                return first == null || completed.entrySet().stream().anyMatch(other -> !other.getKey()
                        .equals(job.jobId()) && other.getValue() < first);
            }).count();
            for (Map<String, Object> row : perJob) {
                ScaleBenchmark.log(String.format("%-28s %-8s target %3s: first accepted after %6s s, %s after %6s s",
                        row.get("name"), row.get("tenant"), row.get("target"), row.get("first_accepted_s"),
                        row.get("status"), row.get("completed_s")));
            }
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("benchmark", "scale-b");
            figures.put("jobs", jobs);
            figures.put("tenants", TENANTS.size());
            figures.put("wall_s", ScaleBenchmark.round(wall, 1));
            figures.put("completed", perJob.stream().filter(r -> "COMPLETED".equals(r.get("status"))).count());
            figures.put("exact_books", perJob.stream().filter(r -> Boolean.TRUE.equals(r.get("exact_books"))).count());
            figures.put("isolated", perJob.stream().filter(r -> Boolean.TRUE.equals(r.get("isolated"))).count());
            figures.put("first_accepted_bound_s", firstBound);
            figures.put("slowest_first_accepted_s", slowestFirst);
            figures.put("within_bound", slowestFirst >= 0 && slowestFirst <= firstBound
                    && firstAccepted.size() == jobs);
            figures.put("first_completion_s", firstCompletion);
            figures.put("jobs_whose_first_came_after_another_completed", waited);
            figures.put("load_average", PipelineBenchmark.loadAverage());
            figures.put("problems", problems);
            figures.put("per_job", perJob);
            pipeline.close();
            System.out.println(Json.MAPPER.writeValueAsString(figures));
        }
    }

    private ManyJobsBenchmark() {
    }
}
