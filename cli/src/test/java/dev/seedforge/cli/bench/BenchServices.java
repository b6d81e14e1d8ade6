package dev.seedforge.cli.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;

import com.fasterxml.jackson.databind.JsonNode;

import dev.seedforge.cli.faults.ServiceProcess;
import dev.seedforge.cli.launch.FreePorts;
import dev.seedforge.contracts.JobSpec;
import dev.seedforge.contracts.JobView;
import dev.seedforge.contracts.Json;
import dev.seedforge.localstack.LocalStack;

/**
 * The packaged services as separate JVMs over a local stack in the benchmark's own JVM: what {@code bench/scale} and
 * {@code bench/pipeline} start, each service with the settings a benchmark gives it on top of the stack's addresses.
 */
final class BenchServices implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final LocalStack stack;
    private final Path logs;
    private final List<ServiceProcess> started = new CopyOnWriteArrayList<>();

    BenchServices(LocalStack stack, Path logs) {
        this.stack = stack;
        this.logs = logs;
        // a benchmark stopped with Ctrl-C or kill stops its services too, as the local stack in its JVM stops
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "bench-services-stop"));
    }

    /** The benchmark's working directory (the logs' parent). */
    Path work() {
        return logs.getParent();
    }

    /** The Kafka and database addresses every service needs. */
    Map<String, String> common() {
        return Map.of("kafka.bootstrap.servers", stack.kafkaBootstrapServers(), "quarkus.datasource.reactive.url",
                stack.postgresReactiveUrl());
    }

    /** Starts a packaged module under this name with these settings and waits until it answers. */
    ServiceProcess start(String name, String module, String heap, Map<String, String> settings) throws Exception {
        return startAll(List.of(new Launch(name, module, heap, settings))).get(0);
    }

    record Launch(String name, String module, String heap, Map<String, String> settings) {
    }

    /** The ports given to the services: each its own (a port given twice left the slower service unbound). */
    private final Set<Integer> ports = new HashSet<>();

    /** Starts several at once (their boots overlap) and waits until each answers. */
    List<ServiceProcess> startAll(List<Launch> launches) throws Exception {
        List<ServiceProcess> processes = new ArrayList<>();
        for (Launch launch : launches) {
            ServiceProcess process = new ServiceProcess(launch.name(), launch.module(),
                    FreePorts.take(ports), launch.heap(), new LinkedHashMap<>(launch.settings()),
                    logs.resolve(launch.name() + ".log"));
            started.add(process);
            processes.add(process.start());
        }
        try (ExecutorService waiters = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> waits = new ArrayList<>();
            for (ServiceProcess process : processes) {
                waits.add(waiters.submit(() -> {
                    process.awaitReady();
                    return null;
                }));
            }
            for (Future<?> wait : waits) {
                wait.get();
            }
        }
        return processes;
    }

    /** The whole pipeline's processes, by role. */
    record Pipeline(ServiceProcess teacher, ServiceProcess generator, ServiceProcess validator, ServiceProcess dedup,
            ServiceProcess exporter) {

        List<ServiceProcess> services() {
            return List.of(generator, validator, dedup, exporter);
        }

        void close() {
            for (ServiceProcess process : List.of(exporter, dedup, validator, generator, teacher)) {
                process.close();
            }
        }
    }

    /**
     * The simulator (with {@code simulatorSettings}) as teacher and judge, and one instance of each service, started
     * together; {@code output} receives the datasets.
     */
    Pipeline startPipeline(Map<String, String> simulatorSettings, Path output) throws Exception {
        return startPipeline(simulatorSettings, output, Map.of());
    }

    /** As above, with {@code everyService} (API tokens, for instance) given to the four services. */
    Pipeline startPipeline(Map<String, String> simulatorSettings, Path output, Map<String, String> everyService)
            throws Exception {
        ServiceProcess teacher = start("teacher-simulator", "teacher-simulator", "-Xmx768m", simulatorSettings);
        String teacherUrl = teacher.base().resolve("/v1").toString();
        Map<String, String> generator = new LinkedHashMap<>(common());
        generator.putAll(Map.of("quarkus.langchain4j.openai.teacher.base-url", teacherUrl,
                "generator.max-concurrent-calls", "8", "generator.rate-limit.requests-per-minute", "0",
                "generator.rate-limit.tokens-per-minute", "0"));
        generator.putAll(everyService);
        Map<String, String> validator = new LinkedHashMap<>(common());
        validator.put("quarkus.langchain4j.openai.judge.base-url", teacherUrl);
        validator.putAll(everyService);
        Map<String, String> exporter = new LinkedHashMap<>(common());
        exporter.put("exporter.output-dir", output.toString());
        exporter.putAll(everyService);
        Map<String, String> dedup = new LinkedHashMap<>(common());
        dedup.putAll(everyService);
        List<ServiceProcess> started = startAll(List.of(
                new Launch("generator-service", "generator-service", "-Xmx768m", generator),
                new Launch("validator-service", "validator-service", "-Xmx512m", validator),
                new Launch("dedup-service", "dedup-service", "-Xmx1g", dedup),
                new Launch("exporter-service", "exporter-service", "-Xmx768m", exporter)));
        return new Pipeline(teacher, started.get(0), started.get(1), started.get(2), started.get(3));
    }

    /** Submits a job to the generator (the spec's approval decides whether it waits) and answers its id. */
    static String submit(URI generator, JobSpec spec) throws Exception {
        return submit(generator, spec, null);
    }

    /** As above, with a bearer token (null: none). */
    static String submit(URI generator, JobSpec spec, String token) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(generator.resolve("/jobs")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(spec)));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpRequest request = builder.build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST /jobs answered " + response.statusCode() + ": " + response.body());
        }
        return Json.MAPPER.readTree(response.body()).get("jobId").asText();
    }

    /** The job as the generator serves it, or null while it does not answer. */
    static JobView job(URI generator, String jobId) {
        try {
            JsonNode node = getJson(generator, "/jobs/" + jobId);
            return node == null ? null : Json.MAPPER.treeToValue(node, JobView.class);
        } catch (IOException e) {
            return null;
        }
    }

    /** GET of a JSON document, or null on any status but 200. */
    static JsonNode getJson(URI base, String path) throws IOException {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Json.MAPPER.readTree(response.body()) : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** A GET with a bearer token: its status and body. */
    static HttpResponse<String> get(URI base, String path, String token) throws IOException {
        try {
            return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    static String getText(URI base, String path) throws IOException {
        try {
            return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /**
     * Waits until the consumer group has {@code members} members, each holding partitions of {@code topic}, and all
     * {@code partitions} of it are held; answers the partitions each member holds.
     */
    Map<String, Set<Integer>> awaitGroup(String group, String topic, int members, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafkaBootstrapServers()))) {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            Map<String, Set<Integer>> owners = Map.of();
            while (Instant.now().isBefore(deadline)) {
                try {
                    ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get()
                            .get(group);
                    owners = new LinkedHashMap<>();
                    for (MemberDescription member : description.members()) {
                        Set<Integer> held = new TreeSet<>();
                        member.assignment().topicPartitions().stream().filter(tp -> tp.topic().equals(topic))
                                .forEach(tp -> held.add(tp.partition()));
                        owners.put(member.clientId(), held);
                    }
                    long total = owners.values().stream().mapToLong(Set::size).sum();
                    if (owners.size() == members && total == partitions
                            && owners.values().stream().noneMatch(Set::isEmpty)) {
                        return owners;
                    }
                } catch (java.util.concurrent.ExecutionException notYet) {
                    // the group exists once its first member joins
                }
                Thread.sleep(500);
            }
            throw new IllegalStateException("group " + group + " never settled on " + members + " members holding "
                    + partitions + " partitions of " + topic + "; last seen " + owners);
        }
    }

    /** Stops every process started so far, the last first. */
    synchronized void stopAll() {
        List<ServiceProcess> reversed = new ArrayList<>(started);
        java.util.Collections.reverse(reversed);
        reversed.forEach(ServiceProcess::close);
        started.clear();
    }

    @Override
    public void close() {
        stopAll();
    }
}
