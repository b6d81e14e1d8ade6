package dev.seedforge.cli.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.cli.launch.FreePorts;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobView;
import dev.seedforge.contracts.Json;
import dev.seedforge.localstack.LocalStack;

/**
 * The pipeline as separate processes, for fault tests: the local stack (Kafka and PostgreSQL) runs in the test JVM so
 * that the test can stop and start the broker or the database alone; the teacher simulator and the packaged services
 * are child JVMs that the test can kill -9 and start again on the same port.
 */
final class FaultPipeline implements AutoCloseable {

    static final String GENERATOR = "generator-service";
    static final String VALIDATOR = "validator-service";
    static final String VALIDATOR_B = "validator-service-b";
    /** A third validator, defined but started only by the test that spreads a job over three. */
    static final String VALIDATOR_C = "validator-service-c";
    static final String DEDUP = "dedup-service";
    static final String EXPORTER = "exporter-service";
    static final String SIMULATOR = "teacher-simulator";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final LocalStack stack;
    final Path outputDir;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    /** Settings added to every service of a module, by module name. */
    private Map<String, Map<String, String>> moduleSettings = Map.of();
    private boolean closed;

    private FaultPipeline(LocalStack stack, Path outputDir) {
        this.stack = stack;
        this.outputDir = outputDir;
    }

    /**
     * Starts the stack, the simulator (with {@code simulatorSettings}) and the services, two validators ({@link
     * #VALIDATOR_C} is left for a test to start).
     */
    static FaultPipeline start(Path work, Map<String, String> simulatorSettings) throws Exception {
        return start(work, simulatorSettings, Map.of());
    }

    /**
     * As {@link #start(Path, Map)}, with settings added to the services of a module ({@link #GENERATOR}, {@link
     * #VALIDATOR} for all three validators, ...), e.g. the batch mode's short polls and lease for a test of it.
     */
    static FaultPipeline start(Path work, Map<String, String> simulatorSettings,
            Map<String, Map<String, String>> moduleSettings) throws Exception {
        LocalStack stack = new LocalStack(work.resolve("stack"), 0, 0).start();
        FaultPipeline pipeline = new FaultPipeline(stack, work.resolve("out"));
        // a test JVM stopped from outside still takes its service processes with it
        Runtime.getRuntime().addShutdownHook(new Thread(pipeline::close, "fault-pipeline-shutdown"));
        try {
            stack.createPipelineTopics();
            pipeline.define(work.resolve("logs"), simulatorSettings, moduleSettings);
            pipeline.startAll(pipeline.services.keySet().stream().filter(name -> !name.equals(VALIDATOR_C)).toList());
            return pipeline;
        } catch (Exception | Error e) {
            pipeline.close();
            throw e;
        }
    }

    /** The ports given to the services: each its own (a port given twice left the slower service unbound). */
    private final Set<Integer> ports = new HashSet<>();

    private void define(Path logs, Map<String, String> simulatorSettings,
            Map<String, Map<String, String>> moduleSettings) {
        this.moduleSettings = moduleSettings;
        String kafka = stack.kafkaBootstrapServers();
        String postgres = stack.postgresReactiveUrl();
        int simulatorPort = FreePorts.take(ports);
        int generatorPort = FreePorts.take(ports);
        String teacher = "http://127.0.0.1:" + simulatorPort + "/v1";
        String generator = "http://127.0.0.1:" + generatorPort;

        Map<String, String> simulator = new LinkedHashMap<>(Map.of("simulator.latency-ms", "200"));
        simulator.putAll(simulatorSettings);
        add(SIMULATOR, SIMULATOR, simulatorPort, "-Xmx256m", simulator, logs);

        Map<String, String> common = Map.of("kafka.bootstrap.servers", kafka, "quarkus.datasource.reactive.url",
                postgres);
        Map<String, String> generatorSettings = new LinkedHashMap<>(common);
        generatorSettings.putAll(Map.of("quarkus.langchain4j.openai.teacher.base-url", teacher,
                // timed-out answers must time out at the client; the simulator's timeout-ms is set to match
                "quarkus.langchain4j.openai.teacher.timeout", "4s",
                "generator.max-concurrent-calls", "2"));
        add(GENERATOR, GENERATOR, generatorPort, "-Xmx384m", generatorSettings, logs);

        for (String validator : List.of(VALIDATOR, VALIDATOR_B, VALIDATOR_C)) {
            Map<String, String> settings = new LinkedHashMap<>(common);
            settings.putAll(Map.of("quarkus.rest-client.generator.url", generator,
                    "quarkus.langchain4j.openai.judge.base-url", teacher,
                    "quarkus.langchain4j.openai.judge.timeout", "4s",
                    // the consumer's client id names the instance in the group's assignment
                    "mp.messaging.incoming.candidates.client.id", validator,
                    // a killed member's partitions move after its session expires: 10 s instead of 45 s
                    "mp.messaging.incoming.candidates.session.timeout.ms", "10000",
                    "mp.messaging.incoming.candidates.heartbeat.interval.ms", "3000"));
            add(validator, VALIDATOR, FreePorts.take(ports), "-Xmx384m", settings, logs);
        }
        Map<String, String> dedup = new LinkedHashMap<>(common);
        dedup.put("quarkus.rest-client.generator.url", generator);
        add(DEDUP, DEDUP, FreePorts.take(ports), "-Xmx1g", dedup, logs);

        Map<String, String> exporter = new LinkedHashMap<>(common);
        exporter.putAll(Map.of("quarkus.rest-client.generator.url", generator, "exporter.output-dir",
                outputDir.toString(), "exporter.finalize-retry-interval", "5s"));
        add(EXPORTER, EXPORTER, FreePorts.take(ports), "-Xmx384m", exporter, logs);
    }

    private void add(String name, String module, int port, String heap, Map<String, String> settings, Path logs) {
        settings.putAll(this.moduleSettings.getOrDefault(module, Map.of()));
        services.put(name, new ServiceProcess(name, module, port, heap, settings,
                logs.resolve(name + ".log")));
    }

    ServiceProcess service(String name) {
        return services.get(name);
    }

    URI generator() {
        return services.get(GENERATOR).base();
    }

    URI exporter() {
        return services.get(EXPORTER).base();
    }

    /** Starts the named services at once and waits until each answers. */
    void startAll(List<String> names) throws Exception {
        for (String name : names) {
            services.get(name).start();
        }
        try (ExecutorService waiters = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> waits = new ArrayList<>();
            for (String name : names) {
                waits.add(waiters.submit(() -> {
                    services.get(name).awaitReady();
                    return null;
                }));
            }
            for (Future<?> wait : waits) {
                wait.get();
            }
        }
    }

    /** Stops one service the usual way (SIGTERM), as an operator scaling it down would. */
    void stop(String name) {
        services.get(name).close();
    }

    /** kill -9 of one service, then the same process started again; answers how long it was gone. */
    Duration killAndRestart(String name) throws Exception {
        ServiceProcess service = services.get(name);
        Instant killed = Instant.now();
        service.kill();
        service.start();
        service.awaitReady();
        return Duration.between(killed, Instant.now());
    }

    /** Submits a job (approval: auto) and answers its id. */
    String submit(JobSpec spec) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(generator().resolve("/jobs")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(spec))).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new AssertionError("POST /jobs answered " + response.statusCode() + ": " + response.body());
        }
        return Json.MAPPER.readTree(response.body()).get("jobId").asText();
    }

    /** The job as the generator serves it, or null while the generator does not answer. */
    JobView job(String jobId) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(generator().resolve("/jobs/" + jobId))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Json.MAPPER.readValue(response.body(), JobView.class) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the job satisfies {@code condition}, failing on a terminal status that does not. */
    JobView awaitJob(String jobId, String what, Duration timeout, Predicate<JobView> condition)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JobView last = null;
        while (Instant.now().isBefore(deadline)) {
            JobView job = job(jobId);
            if (job != null) {
                last = job;
                if (condition.test(job)) {
                    return job;
                }
                if (job.status().terminal()) {
                    throw new AssertionError("job " + jobId + " ended " + job.status() + " (" + job.reason()
                            + ") before " + what);
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("job " + jobId + " did not reach " + what + " within " + timeout + "; last seen "
                + (last == null ? "never"
                        : last.status() + " emitted " + last.candidatesEmitted() + " progress "
                                + last.progress() + " reason " + last.reason()));
    }

    JsonNode getJson(URI base, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return Json.MAPPER.readTree(response.body());
    }

    Connection database() throws SQLException {
        return DriverManager.getConnection(stack.postgresJdbcUrl(), stack.postgresUser(), stack.postgresPassword());
    }

    /**
     * Services first (all at once: each takes seconds to leave its consumer groups), the stack last, so nothing loses
     * its broker or database while it writes.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (ExecutorService stops = Executors.newVirtualThreadPerTaskExecutor()) {
            services.values().forEach(service -> stops.submit(service::close));
        }
        stack.close();
    }
}
