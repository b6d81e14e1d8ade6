package dev.seedforge.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.seedforge.contracts.Topics;

/**
 * docker-compose.yml: valid for docker-compose itself (when installed; .ci/run installs it), and consistent with the
 * services: each one built from its module's Dockerfile, health-checked on its Quarkus readiness endpoint, restarted
 * by policy, given every address and credential its application.properties reads, credentials only from the shell.
 */
class ComposeFileTest {

    private static final Path COMPOSE = Repo.path("docker-compose.yml");
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

    private static Map<String, Map<String, Object>> services;
    private static Map<String, Object> volumes;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() {
        Map<String, Object> compose = Manifests.yamlMap(COMPOSE);
        services = (Map<String, Map<String, Object>>) compose.get("services");
        volumes = (Map<String, Object>) compose.getOrDefault("volumes", Map.of());
        assertTrue(services != null && !services.isEmpty(), "docker-compose.yml has no services");
    }

    @Test
    void dockerComposeAcceptsTheFile() {
        Optional<String> binary = Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
                .map(d -> Path.of(d, "docker-compose")).filter(Files::isExecutable).map(Path::toString).findFirst();
        assumeTrue(binary.isPresent(), "skipped: no docker-compose on PATH (.ci/run installs the Debian package)");
        Manifests.run(List.of(binary.get(), "-f", COMPOSE.toString(), "config", "-q"), Repo.root());
        String version = Manifests.run(List.of(binary.get(), "version", "--short"), Repo.root()).strip();
        System.out.printf("docker-compose %s: config -q accepts docker-compose.yml%n", version);
    }

    @Test
    void theWholeStackIsThere() {
        Set<String> expected = new TreeSet<>(Repo.SERVICES);
        expected.addAll(List.of(Repo.SIMULATOR, "kafka", "postgres"));
        assertTrue(services.keySet().containsAll(expected), "compose services " + services.keySet() + " lack some of "
                + expected);
    }

    @Test
    void everyLongRunningServiceIsHealthCheckedAndRestarted() {
        Set<String> oneShots = oneShots();
        List<String> problems = new ArrayList<>();
        for (var entry : services.entrySet()) {
            String name = entry.getKey();
            Object restart = entry.getValue().get("restart");
            if (oneShots.contains(name)) {
                if (!"on-failure".equals(restart)) {
                    problems.add(name + " (one-shot) should restart on-failure, has " + restart);
                }
                continue;
            }
            if (!"unless-stopped".equals(restart) && !"always".equals(restart)) {
                problems.add(name + ": restart " + restart + ", expected unless-stopped or always");
            }
            Map<?, ?> healthcheck = (Map<?, ?>) entry.getValue().get("healthcheck");
            if (healthcheck == null || healthcheck.get("test") == null) {
                problems.add(name + " has no healthcheck");
            }
        }
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    @Test
    void eachQuarkusServiceIsBuiltFromItsModuleAndCheckedOnItsReadinessEndpoint() {
        List<String> problems = new ArrayList<>();
        for (String module : quarkusServices()) {
            Map<String, Object> service = services.get(module);
            int port = ServiceConfig.of(module).httpPort();
            Map<?, ?> build = (Map<?, ?>) service.get("build");
            if (build == null) {
                problems.add(module + " has no build section");
            } else {
                Path context = Repo.root().resolve(build.get("context").toString()).normalize();
                Path dockerfile = context.resolve(String.valueOf(build.get("dockerfile")));
                if (!context.equals(Repo.path(module))) {
                    problems.add(module + " is built from " + context + ", not its module");
                } else if (!Files.isRegularFile(dockerfile)) {
                    problems.add(module + ": no Dockerfile " + dockerfile);
                } else {
                    String text = Repo.read(dockerfile);
                    if (!text.contains("target/quarkus-app/") || !text.contains("quarkus-run.jar")) {
                        problems.add(dockerfile + " does not run the fast-jar in target/quarkus-app");
                    }
                    if (!text.contains("EXPOSE " + port)) {
                        problems.add(dockerfile + " does not EXPOSE " + port + " (quarkus.http.port)");
                    }
                    if (!Files.isRegularFile(context.resolve(".dockerignore"))) {
                        problems.add(module + " has no .dockerignore: the whole module would be the build context");
                    }
                }
            }
            Map<?, ?> healthcheck = (Map<?, ?>) service.get("healthcheck");
            String test = healthcheck == null ? "" : String.valueOf(healthcheck.get("test"));
            if (!test.contains("http://localhost:" + port + ClusterChecks.READY)) {
                problems.add(module + "'s healthcheck " + test + " is not on http://localhost:" + port
                        + ClusterChecks.READY);
            }
            if (publishedPorts(module).values().stream().noneMatch(p -> p == port)) {
                problems.add(module + " does not publish its HTTP port " + port);
            }
        }
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    @Test
    void hostPortsDoNotClash() {
        Map<Integer, String> byHostPort = new HashMap<>();
        List<String> clashes = new ArrayList<>();
        for (String name : services.keySet()) {
            for (int hostPort : publishedPorts(name).keySet()) {
                String other = byHostPort.put(hostPort, name);
                if (other != null) {
                    clashes.add("host port " + hostPort + ": " + other + " and " + name);
                }
            }
        }
        assertEquals(List.of(), clashes);
        assertTrue(byHostPort.size() >= Repo.SERVICES.size() + 1, "expected published ports, got " + byHostPort);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceGetsTheAddressesAndCredentialsItReads() {
        List<String> problems = new ArrayList<>();
        for (String module : Repo.SERVICES) {
            Map<String, String> env = environment(module);
            for (ServiceConfig.Setting setting : ServiceConfig.of(module).environmentSettings()) {
                Optional<String> name = setting.envNames().stream().filter(env::containsKey).findFirst();
                if (name.isEmpty()) {
                    problems.add(module + ": " + setting.key() + " not set: none of " + setting.envNames());
                    continue;
                }
                String raw = env.get(name.get());
                boolean credential = setting.key().endsWith("password") || setting.key().endsWith("api-key");
                if (credential) {
                    Matcher m = INTERPOLATION.matcher(raw);
                    if (!m.matches()) {
                        problems.add(module + ": " + name.get() + " is a literal; credentials come from the shell");
                    } else if (setting.key().endsWith("api-key") && m.group(3) != null && !m.group(3).isEmpty()) {
                        problems.add(module + ": " + name.get() + " has a default key " + m.group(3));
                    }
                    continue;
                }
                String value = interpolate(raw);
                if (setting.key().endsWith("bootstrap.servers")) {
                    String broker = ((Map<String, Object>) services.get("kafka").get("environment"))
                            .get("KAFKA_ADVERTISED_LISTENERS").toString();
                    if (!broker.contains("://" + value)) {
                        problems.add(module + ": " + name.get() + " = " + value + " is not an advertised listener of"
                                + " kafka (" + broker + ")");
                    }
                } else if (setting.key().endsWith("url")) {
                    URI uri = URI.create(value);
                    if (!services.containsKey(uri.getHost())) {
                        problems.add(module + ": " + name.get() + " = " + value + " names no compose service");
                    } else if (quarkusServices().contains(uri.getHost())
                            && uri.getPort() != ServiceConfig.of(uri.getHost()).httpPort()) {
                        problems.add(module + ": " + name.get() + " = " + value + " is not " + uri.getHost()
                                + "'s port");
                    }
                } else if (value.isBlank()) {
                    problems.add(module + ": " + name.get() + " is empty");
                }
            }
            Map<String, Map<String, Object>> dependsOn = (Map<String, Map<String, Object>>) services.get(module)
                    .get("depends_on");
            // the console keeps no state: it waits for Kafka only
            boolean usesDatabase = ServiceConfig.of(module).environmentSettings().stream()
                    .anyMatch(setting -> setting.key().contains("datasource"));
            for (String needed : usesDatabase ? List.of("kafka", "postgres") : List.of("kafka")) {
                if (dependsOn == null || !dependsOn.containsKey(needed)
                        || !"service_healthy".equals(dependsOn.get(needed).get("condition"))) {
                    problems.add(module + " does not wait for " + needed + " to be healthy");
                }
            }
        }
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theExporterWritesDatasetsToANamedVolume() {
        String outputDir = interpolate(environment("exporter-service").get("EXPORTER_OUTPUT_DIR"));
        List<String> mounts = (List<String>) services.get("exporter-service").getOrDefault("volumes", List.of());
        Optional<String> mount = mounts.stream().filter(m -> m.endsWith(":" + outputDir)).findFirst();
        assertTrue(mount.isPresent(), "exporter-service mounts nothing at its output dir " + outputDir);
        String volume = mount.get().substring(0, mount.get().indexOf(':'));
        assertTrue(volumes.containsKey(volume), "volume " + volume + " is not declared at the top level");
    }

    @Test
    @SuppressWarnings("unchecked")
    void kafkaKeepsItsLogOnANamedVolumeItCanWrite() {
        Map<String, String> kafka = environment("kafka");
        String logDirs = kafka.get("KAFKA_LOG_DIRS");
        assertTrue(logDirs != null, "kafka sets no KAFKA_LOG_DIRS: its log would stay in the container");
        List<String> mounts = (List<String>) services.get("kafka").getOrDefault("volumes", List.of());
        Optional<String> mount = mounts.stream().filter(m -> logDirs.startsWith(m.substring(m.indexOf(':') + 1)))
                .findFirst();
        assertTrue(mount.isPresent(), "kafka's log " + logDirs + " is on no volume: docker-compose down loses topics");
        String volume = mount.get().substring(0, mount.get().indexOf(':'));
        assertTrue(volumes.containsKey(volume), "volume " + volume + " is not declared at the top level");
        String mountPoint = mount.get().substring(mount.get().indexOf(':') + 1);
        assertTrue(!logDirs.equals(mountPoint), "the log must be a subdirectory a one-shot hands to the broker's user"
                + " (a fresh volume's root is root's)");
        String owner = oneShots().stream().filter(name -> String.valueOf(services.get(name).get("command"))
                .contains("chown") && String.valueOf(services.get(name).get("command")).contains(logDirs))
                .findFirst().orElseThrow(() -> new AssertionError("no one-shot gives " + logDirs
                        + " to the broker's user"));
        assertTrue(((List<String>) services.get(owner).getOrDefault("volumes", List.of())).contains(mount.get()),
                owner + " does not mount " + volume);
        Map<String, Object> dependsOn = (Map<String, Object>) services.get("kafka").get("depends_on");
        assertTrue(dependsOn != null && dependsOn.containsKey(owner), "kafka must start after " + owner);
    }

    @Test
    void exporterReadsTheDatabaseAddressAsEveryServiceDoes() {
        for (String module : Repo.SERVICES) {
            if (!Repo.read(Repo.path(module + "/src/main/resources/application.properties")).contains("datasource")) {
                continue; // the console keeps no state of its own: it has no database to be given
            }
            Map<String, String> environment = environment(module);
            assertTrue(environment.containsKey("DB_URL") && environment.containsKey("DB_USER")
                    && environment.containsKey("DB_PASSWORD"), module + " is not given DB_URL, DB_USER, DB_PASSWORD");
            assertTrue(environment.keySet().stream().noneMatch(k -> k.startsWith("QUARKUS_DATASOURCE")),
                    module + " is given QUARKUS_DATASOURCE_*: every service reads DB_URL");
        }
    }

    @Test
    void theTopicInitCreatesTheContractsTopics() {
        String oneShot = oneShots().stream().filter(name -> environment(name).containsKey("PIPELINE_TOPICS"))
                .findFirst().orElseThrow(() -> new AssertionError("no one-shot service creating the topics"));
        String spec = environment(oneShot).get("PIPELINE_TOPICS");
        assertTrue(spec != null, oneShot + " has no PIPELINE_TOPICS");
        Map<String, Integer> partitions = new LinkedHashMap<>();
        Map<String, Map<String, String>> settings = new LinkedHashMap<>();
        for (String entry : spec.trim().split("\\s+")) {
            String[] parts = entry.split(":");
            partitions.put(parts[0], Integer.parseInt(parts[1]));
            Map<String, String> topicSettings = new TreeMap<>();
            if (parts.length > 2) {
                for (String setting : parts[2].split(",")) {
                    topicSettings.put(setting.substring(0, setting.indexOf('=')),
                            setting.substring(setting.indexOf('=') + 1));
                }
            }
            settings.put(parts[0], topicSettings);
        }
        settings.forEach((topic, given) -> assertEquals(new TreeMap<>(Topics.settings(topic)), given,
                "the settings " + oneShot + " gives topic " + topic + " are not contracts Topics.settings"));
        assertEquals(new TreeSet<>(Topics.ALL), new TreeSet<>(partitions.keySet()),
                "the topics " + oneShot + " creates are not contracts Topics.ALL");
        assertTrue(partitions.get(Topics.CANDIDATES) > 1, "candidates needs partitions to scale the validator");
        String command = String.valueOf(services.get(oneShot).get("command"));
        assertTrue(command.contains("--config"),
                oneShot + " should pass each topic's settings to kafka-topics.sh");
        assertTrue(command.contains(Topics.DLQ_SUFFIX) && command.contains("--if-not-exists"),
                oneShot + " should create each topic's dead-letter topic, idempotently");
    }

    /** Services others wait on to complete: they run once and exit. */
    @SuppressWarnings("unchecked")
    private static Set<String> oneShots() {
        Set<String> oneShots = new TreeSet<>();
        for (Map<String, Object> service : services.values()) {
            Object dependsOn = service.get("depends_on");
            if (dependsOn instanceof Map<?, ?> map) {
                map.forEach((name, condition) -> {
                    if (condition instanceof Map<?, ?> c
                            && "service_completed_successfully".equals(c.get("condition"))) {
                        oneShots.add(name.toString());
                    }
                });
            }
        }
        return oneShots;
    }

    private static List<String> quarkusServices() {
        List<String> modules = new ArrayList<>(Repo.SERVICES);
        modules.add(Repo.SIMULATOR);
        return modules;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(String service) {
        Object environment = services.get(service).get("environment");
        Map<String, String> env = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> map) {
            map.forEach((k, v) -> env.put(k.toString(), v == null ? "" : v.toString()));
        } else if (environment instanceof List<?> list) {
            for (Object item : list) {
                String line = item.toString();
                int eq = line.indexOf('=');
                env.put(eq < 0 ? line : line.substring(0, eq), eq < 0 ? "" : line.substring(eq + 1));
            }
        }
        return env;
    }

    /** Host port to container port, from "host:container" entries. */
    private static Map<Integer, Integer> publishedPorts(String service) {
        Map<Integer, Integer> ports = new HashMap<>();
        Object list = services.get(service).get("ports");
        if (list instanceof List<?> entries) {
            for (Object entry : entries) {
                String[] parts = interpolate(entry.toString()).split(":");
                if (parts.length >= 2) {
                    ports.put(Integer.parseInt(parts[parts.length - 2]), Integer.parseInt(parts[parts.length - 1]));
                }
            }
        }
        return ports;
    }

    /** The value with an empty shell environment: each ${VAR:-default} becomes its default. */
    static String interpolate(String raw) {
        Matcher m = INTERPOLATION.matcher(raw);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String fallback = m.group(2) != null && m.group(2).endsWith("-") ? m.group(3) : "";
            m.appendReplacement(out, Matcher.quoteReplacement(fallback));
        }
        m.appendTail(out);
        return out.toString().replace("$$", "$");
    }
}
