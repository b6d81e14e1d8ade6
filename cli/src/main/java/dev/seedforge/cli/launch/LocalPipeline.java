package dev.seedforge.cli.launch;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The whole pipeline on this machine: the local stack (Kafka and PostgreSQL), the teacher simulator when no real
 * provider is configured, the four services and the console, each its own process, as they would run when deployed.
 */
public final class LocalPipeline implements AutoCloseable {

    public static final String READY_MARKER = "SEEDFORGE_STACK_READY";
    private static final Pattern READY = Pattern.compile("kafka=(\\S+) postgres=(\\S+)");
    private static final List<String> SERVICES = List.of("generator-service", "validator-service", "dedup-service",
            "exporter-service", "console-service");
    /** How long each process may take to be ready; {@code -Dseedforge.start-timeout=PT10M} on a loaded machine. */
    private static final Duration START_TIMEOUT = Duration.parse(System.getProperty("seedforge.start-timeout",
            "PT180S"));

    /** Where the teacher is: the simulator this pipeline starts, or a provider's OpenAI-compatible URL. */
    public record Teacher(URI baseUrl, boolean simulated) {

        public static Teacher simulator() {
            return new Teacher(null, true);
        }
    }

    private final List<ManagedProcess> processes = new ArrayList<>();
    /** Guards {@link #processes} and {@link #closed}: a stop that comes while services start must catch them all. */
    private final Object lock = new Object();
    private boolean closed;
    private Thread stopOnExit;
    private URI generator;
    private URI exporter;
    private URI console;
    private URI teacherUrl;
    private String kafka;
    private boolean simulated;
    private Map<String, Integer> preferredPorts = Map.of();
    /** The ports given to the modules so far: each its own. */
    private final Set<Integer> assignedPorts = new HashSet<>();

    private LocalPipeline() {
    }

    public URI generator() {
        return generator;
    }

    public URI exporter() {
        return exporter;
    }

    /** The console's address: {@code http://localhost:PORT/}. */
    public URI console() {
        return console;
    }

    public URI teacherUrl() {
        return teacherUrl;
    }

    public boolean teacherSimulated() {
        return simulated;
    }

    public String kafkaBootstrapServers() {
        return kafka;
    }

    public static LocalPipeline start(Path dataDir, Path outputDir, Teacher teacher, PrintStream out)
            throws IOException, InterruptedException {
        return start(dataDir, outputDir, teacher, Map.of(), out);
    }

    /**
     * As {@link #start(Path, Path, Teacher, PrintStream)}, with the ports some modules should take when they are free
     * (module name to port; {@code seedforge up} asks for the services' usual ports so that addresses stay put).
     */
    public static LocalPipeline start(Path dataDir, Path outputDir, Teacher teacher, Map<String, Integer> ports,
            PrintStream out) throws IOException, InterruptedException {
        LocalPipeline pipeline = new LocalPipeline();
        pipeline.preferredPorts = Map.copyOf(ports);
        // Ctrl-C or SIGTERM at any time, starting included, stops what has been started
        pipeline.stopOnExit = new Thread(pipeline::close, "seedforge-stop");
        Runtime.getRuntime().addShutdownHook(pipeline.stopOnExit);
        try {
            pipeline.startAll(dataDir.toAbsolutePath(), outputDir.toAbsolutePath(), teacher, out);
            return pipeline;
        } catch (IOException | InterruptedException | RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    private void startAll(Path dataDir, Path outputDir, Teacher teacher, PrintStream out)
            throws IOException, InterruptedException {
        Path logs = dataDir.resolve("logs");
        String java = ProcessHandle.current().info().command().orElse("java");
        out.println("Starting the local stack (Kafka and PostgreSQL, data in " + dataDir.resolve("stack") + ")");
        ManagedProcess stack = ManagedProcess.start("local stack",
                // port 0: this data dir's ports when free, any free ports otherwise; a stack already running on
                // the default ports does not stop a run
                Stream.concat(ServiceJvm.localStack(java, dataDir.resolve("stack")).stream(),
                        Stream.of("--kafka-port", "0", "--postgres-port", "0")).toList(),
                Map.of(), logs.resolve("local-stack.log"));
        register(stack);
        Matcher ready = READY.matcher(stack.awaitLine(READY_MARKER, START_TIMEOUT));
        if (!ready.find()) {
            throw new IllegalStateException("the local stack printed an unexpected ready line; see " + stack.log());
        }
        kafka = ready.group(1);
        String postgres = ready.group(2);

        List<ManagedProcess> services = new ArrayList<>();
        List<URI> bases = new ArrayList<>();
        simulated = teacher.simulated();
        if (teacher.simulated()) {
            int port = portFor("teacher-simulator");
            teacherUrl = URI.create("http://127.0.0.1:" + port + "/v1");
            services.add(start(java, "teacher-simulator", port, List.of(), logs));
            bases.add(URI.create("http://127.0.0.1:" + port));
        } else {
            teacherUrl = teacher.baseUrl();
        }
        Map<String, Integer> ports = new java.util.HashMap<>();
        for (String service : SERVICES) {
            ports.put(service, portFor(service));
        }
        generator = URI.create("http://127.0.0.1:" + ports.get("generator-service"));
        exporter = URI.create("http://127.0.0.1:" + ports.get("exporter-service"));
        console = URI.create("http://localhost:" + ports.get("console-service") + "/");
        for (String service : SERVICES) {
            int port = ports.get(service);
            URI base = URI.create("http://127.0.0.1:" + port);
            List<String> properties = new ArrayList<>(List.of("-Dkafka.bootstrap.servers=" + kafka,
                    "-Dquarkus.datasource.reactive.url=" + postgres));
            switch (service) {
                case "generator-service" -> properties.add("-Dquarkus.langchain4j.openai.teacher.base-url=" + teacherUrl);
                case "validator-service" -> properties.add("-Dquarkus.langchain4j.openai.judge.base-url=" + teacherUrl);
                case "dedup-service" -> {
                    // learns jobs from job-specs, like the validator and the exporter
                }
                case "console-service" -> properties.addAll(List.of("-Dquarkus.rest-client.generator.url="
                        + generator, "-Dquarkus.rest-client.exporter.url=" + exporter));
                default -> properties.addAll(List.of(
                        "-Dquarkus.rest-client.validator.url=http://127.0.0.1:" + ports.get("validator-service"),
                        "-Dexporter.output-dir=" + outputDir));
            }
            services.add(start(java, service, port, properties, logs));
            bases.add(base);
        }
        out.println(
                "Starting " + (teacher.simulated() ? "the teacher simulator and " : "") + "the four services and the console"
                        + " (logs in " + logs + ")");
        awaitAll(services, bases);
    }

    /** The module's preferred port when it is free, any free port otherwise; never one given to another module. */
    private int portFor(String module) {
        Integer preferred = preferredPorts.get(module);
        if (preferred != null && !assignedPorts.contains(preferred) && FreePorts.isFree(preferred)) {
            assignedPorts.add(preferred);
            return preferred;
        }
        return FreePorts.take(assignedPorts);
    }

    private ManagedProcess start(String java, String module, int port, List<String> properties, Path logs)
            throws IOException {
        String heap = module.equals("dedup-service") ? "-Xmx1g" : "-Xmx384m";
        List<String> options = new ArrayList<>(properties);
        options.add(ServiceJvm.crashReportIn(logs, module));
        ManagedProcess process = ManagedProcess.start(module, ServiceJvm.service(java, module, heap, port, options),
                Map.of(), logs.resolve(module + ".log"));
        register(process);
        return process;
    }

    private static void awaitAll(List<ManagedProcess> services, List<URI> bases) throws InterruptedException {
        try (ExecutorService waiters = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> waits = new ArrayList<>();
            for (int i = 0; i < services.size(); i++) {
                ManagedProcess service = services.get(i);
                URI base = bases.get(i);
                waits.add(waiters.submit(() -> {
                    service.awaitReady(base, START_TIMEOUT);
                    return null;
                }));
            }
            for (Future<?> wait : waits) {
                try {
                    wait.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException runtime ? runtime
                            : new IllegalStateException(e.getCause());
                }
            }
        }
    }

    /**
     * Empty while every process of the pipeline runs; once one has exited (a crash, the system's out-of-memory killer)
     * while the pipeline is meant to run, why: nothing would process a job's records any more, and a command waiting
     * for the job would wait for good.
     */
    public Optional<String> exitedProcess() {
        List<ManagedProcess> started;
        synchronized (lock) {
            if (closed) {
                return Optional.empty();
            }
            started = List.copyOf(processes);
        }
        return started.stream().map(ManagedProcess::exit).flatMap(Optional::stream).findFirst();
    }

    /** Keeps a started process for {@link #close()}; one started after the pipeline was closed is stopped at once. */
    private void register(ManagedProcess process) {
        synchronized (lock) {
            if (!closed) {
                processes.add(process);
                return;
            }
        }
        process.close();
        throw new IllegalStateException("stopped while starting " + process.name());
    }

    /**
     * Stops the services first and the stack last, so nothing loses its broker or database mid-write. Once: a second
     * call (the shutdown hook after a normal stop) waits for the first and returns.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            // the services stop side by side (each leaves its consumer groups and closes its pools), then the stack
            for (int i = processes.size() - 1; i >= 1; i--) {
                processes.get(i).askToStop();
            }
            for (int i = processes.size() - 1; i >= 1; i--) {
                processes.get(i).close();
            }
            if (!processes.isEmpty()) {
                processes.get(0).close();
            }
        }
        if (stopOnExit != null && Thread.currentThread() != stopOnExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: it finds the pipeline closed
            }
        }
    }
}
