package dev.seedforge.deploy;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;

import dev.seedforge.contracts.Topics;

/**
 * Checks one environment's set of Kubernetes resources (an overlay, collected or rendered) against the services'
 * application.properties and the contracts: probes, resources, configuration and secrets, topics and partitions,
 * the validator's autoscaler. Collects every problem, so that one run names them all.
 */
final class ClusterChecks {

    static final String LIVE = "/q/health/live";
    static final String READY = "/q/health/ready";

    /** A Secret the manifests reference but do not contain: created by the operator, listed in deploy/README.md. */
    record ExternalSecret(String name, String key) {
    }

    private final List<HasMetadata> resources;
    private final String where;
    private final Set<ExternalSecret> documentedSecrets;
    private final List<String> problems = new ArrayList<>();

    private ClusterChecks(List<HasMetadata> resources, String where, Set<ExternalSecret> documentedSecrets) {
        this.resources = resources;
        this.where = where;
        this.documentedSecrets = documentedSecrets;
    }

    static List<String> check(List<HasMetadata> resources, String where, Set<ExternalSecret> documentedSecrets) {
        ClusterChecks checks = new ClusterChecks(resources, where, documentedSecrets);
        checks.services();
        checks.configMaps();
        checks.postgres();
        Map<String, Integer> partitions = checks.topics();
        String bootstrap = checks.kafka();
        checks.consumers(partitions, bootstrap);
        checks.validatorScaling(partitions, bootstrap);
        return checks.problems;
    }

    private void problem(String text) {
        problems.add(where + ": " + text);
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<GenericKubernetesResource> custom(String kind) {
        return all(GenericKubernetesResource.class).stream().filter(r -> kind.equals(r.getKind())).toList();
    }

    Optional<Deployment> deployment(String name) {
        return all(Deployment.class).stream().filter(d -> name.equals(d.getMetadata().getName())).findFirst();
    }

    // ---- the services

    private void services() {
        for (String module : Repo.SERVICES) {
            deployment(module).ifPresentOrElse(d -> service(d, ServiceConfig.of(module)),
                    () -> problem("no Deployment " + module));
        }
        deployment(Repo.SIMULATOR).ifPresent(d -> service(d, ServiceConfig.of(Repo.SIMULATOR)));
    }

    private void service(Deployment deployment, ServiceConfig config) {
        String name = deployment.getMetadata().getName();
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        if (containers.size() != 1) {
            problem("Deployment " + name + " has " + containers.size() + " containers, expected 1");
            return;
        }
        Container container = containers.get(0);
        String what = "Deployment " + name;
        if (container.getImage() == null || !container.getImage().contains(name)) {
            problem(what + ": image " + container.getImage() + " is not the " + name + " image");
        }
        int port = config.httpPort();
        if (container.getPorts().stream().noneMatch(p -> p.getContainerPort() == port)) {
            problem(what + ": no container port " + port + " (quarkus.http.port)");
        }
        probe(what, "livenessProbe", container.getLivenessProbe(), LIVE, container, port);
        probe(what, "readinessProbe", container.getReadinessProbe(), READY, container, port);
        resources(what, container.getResources());

        Map<String, EnvVar> env = new HashMap<>();
        for (EnvVar var : container.getEnv()) {
            env.put(var.getName(), var);
            envVar(what, var);
        }
        if (!container.getEnvFrom().isEmpty()) {
            problem(what + ": envFrom hides which variable comes from where; map each with env");
        }
        for (ServiceConfig.Setting setting : config.environmentSettings()) {
            Optional<EnvVar> given = setting.envNames().stream().map(env::get).filter(Objects::nonNull).findFirst();
            if (given.isEmpty()) {
                problem(what + ": " + setting.key() + " (read by " + config.module() + ") is not set: none of "
                        + setting.envNames());
                continue;
            }
            boolean credential = setting.key().endsWith("password") || setting.key().endsWith("api-key");
            if (credential && (given.get().getValueFrom() == null || given.get().getValueFrom().getSecretKeyRef() == null)) {
                problem(what + ": " + given.get().getName() + " (" + setting.key() + ") must come from a Secret");
            }
            resolve(given.get()).ifPresent(value -> address(what, setting, value));
        }
    }

    private void probe(String what, String kind, Probe probe, String path, Container container, int port) {
        if (probe == null || probe.getHttpGet() == null) {
            problem(what + ": no HTTP " + kind);
            return;
        }
        HTTPGetAction get = probe.getHttpGet();
        if (!path.equals(get.getPath())) {
            problem(what + ": " + kind + " on " + get.getPath() + ", expected " + path);
        }
        if (portNumber(get.getPort(), container) != port) {
            problem(what + ": " + kind + " on port " + get.getPort() + ", not the HTTP port " + port);
        }
    }

    private static int portNumber(IntOrString port, Container container) {
        if (port == null) {
            return -1;
        }
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst().orElse(-1);
    }

    private void resources(String what, ResourceRequirements resources) {
        Map<String, Quantity> requests = resources == null ? Map.of() : resources.getRequests();
        Map<String, Quantity> limits = resources == null ? Map.of() : resources.getLimits();
        for (String resource : List.of("cpu", "memory")) {
            if (requests == null || !requests.containsKey(resource)) {
                problem(what + ": no " + resource + " request");
            }
        }
        if (limits == null || !limits.containsKey("memory")) {
            problem(what + ": no memory limit (the JVM sizes its heap from it)");
        } else if (requests != null && requests.containsKey("memory") && Quantity.getAmountInBytes(limits.get("memory"))
                .compareTo(Quantity.getAmountInBytes(requests.get("memory"))) < 0) {
            problem(what + ": memory limit below its request");
        }
    }

    private void envVar(String what, EnvVar var) {
        boolean secretName = ServiceConfig.isSecretName(var.getName());
        if (var.getValueFrom() == null) {
            if (secretName) {
                problem(what + ": " + var.getName() + " is a literal; credentials come from a Secret");
            }
            return;
        }
        if (var.getValueFrom().getConfigMapKeyRef() != null) {
            if (secretName) {
                problem(what + ": " + var.getName() + " comes from a ConfigMap; credentials come from a Secret");
            }
            var ref = var.getValueFrom().getConfigMapKeyRef();
            boolean found = all(ConfigMap.class).stream().anyMatch(c -> ref.getName().equals(c.getMetadata().getName())
                    && c.getData() != null && c.getData().containsKey(ref.getKey()));
            if (!found) {
                problem(what + ": " + var.getName() + " refers to ConfigMap " + ref.getName() + " key " + ref.getKey()
                        + ", which does not exist");
            }
        }
        if (var.getValueFrom().getSecretKeyRef() != null) {
            SecretKeySelector ref = var.getValueFrom().getSecretKeyRef();
            if (!secretExists(ref)) {
                problem(what + ": " + var.getName() + " refers to Secret " + ref.getName() + " key " + ref.getKey()
                        + ", which is neither in the manifests nor listed in deploy/README.md");
            }
        }
    }

    private boolean secretExists(SecretKeySelector ref) {
        for (Secret secret : all(Secret.class)) {
            if (ref.getName().equals(secret.getMetadata().getName())) {
                Set<String> keys = new HashSet<>();
                if (secret.getData() != null) {
                    keys.addAll(secret.getData().keySet());
                }
                if (secret.getStringData() != null) {
                    keys.addAll(secret.getStringData().keySet());
                }
                return keys.contains(ref.getKey());
            }
        }
        return documentedSecrets.contains(new ExternalSecret(ref.getName(), ref.getKey()));
    }

    /** A value from a literal or a ConfigMap; secrets are not resolved. */
    Optional<String> resolve(EnvVar var) {
        if (var.getValue() != null) {
            return Optional.of(var.getValue());
        }
        if (var.getValueFrom() != null && var.getValueFrom().getConfigMapKeyRef() != null) {
            var ref = var.getValueFrom().getConfigMapKeyRef();
            return all(ConfigMap.class).stream().filter(c -> ref.getName().equals(c.getMetadata().getName()))
                    .map(c -> c.getData().get(ref.getKey())).filter(Objects::nonNull).findFirst();
        }
        return Optional.empty();
    }

    /** An address in the cluster (a host without dots) must be a Service of this set, on that port. */
    private void address(String what, ServiceConfig.Setting setting, String value) {
        if (!setting.key().endsWith("url")) {
            return; // bootstrap servers are checked against the Kafka resource in consumers()
        }
        URI uri = URI.create(value);
        String host = uri.getHost();
        int port = uri.getPort();
        if (host == null) {
            problem(what + ": " + setting.key() + " = " + value + " has no host");
            return;
        }
        if (host.contains(".")) {
            if (!"https".equals(uri.getScheme())) {
                problem(what + ": " + setting.key() + " = " + value + " leaves the cluster without TLS");
            }
            return;
        }
        Predicate<ServicePort> portMatches = p -> p.getPort() == port;
        boolean found = all(Service.class).stream().anyMatch(s -> host.equals(s.getMetadata().getName())
                && s.getSpec().getPorts().stream().anyMatch(portMatches));
        if (!found) {
            problem(what + ": " + setting.key() + " = " + value + " names no Service " + host + " on port " + port);
        }
    }

    private void configMaps() {
        for (ConfigMap configMap : all(ConfigMap.class)) {
            if (configMap.getData() != null) {
                configMap.getData().keySet().stream().filter(ServiceConfig::isSecretName)
                        .forEach(k -> problem("ConfigMap " + configMap.getMetadata().getName() + " holds " + k
                                + "; credentials belong in a Secret"));
            }
        }
    }

    private void postgres() {
        List<StatefulSet> postgres = all(StatefulSet.class).stream()
                .filter(s -> s.getSpec().getTemplate().getSpec().getContainers().stream()
                        .anyMatch(c -> c.getImage() != null && c.getImage().startsWith("postgres")))
                .toList();
        if (postgres.size() != 1) {
            problem(postgres.size() + " PostgreSQL StatefulSets, expected 1");
            return;
        }
        StatefulSet set = postgres.get(0);
        if (set.getSpec().getVolumeClaimTemplates().isEmpty()) {
            problem("StatefulSet " + set.getMetadata().getName() + " has no volume claim: data would not survive");
        }
        Container container = set.getSpec().getTemplate().getSpec().getContainers().get(0);
        if (container.getReadinessProbe() == null || container.getLivenessProbe() == null) {
            problem("StatefulSet " + set.getMetadata().getName() + " lacks liveness or readiness probe");
        }
        resources("StatefulSet " + set.getMetadata().getName(), container.getResources());
        container.getEnv().forEach(v -> envVar("StatefulSet " + set.getMetadata().getName(), v));
    }

    // ---- Kafka

    /** Topic name to partitions; checks the set is exactly the contracts' topics and their dead-letter topics. */
    private Map<String, Integer> topics() {
        Map<String, Integer> partitions = new HashMap<>();
        Set<String> clusters = new TreeSet<>();
        for (GenericKubernetesResource topic : custom("KafkaTopic")) {
            String name = Optional.<String> ofNullable(topic.get("spec", "topicName"))
                    .orElse(topic.getMetadata().getName());
            Object count = topic.get("spec", "partitions");
            if (!(count instanceof Number n) || n.intValue() < 1) {
                problem("KafkaTopic " + name + " has no partition count");
                continue;
            }
            partitions.put(name, n.intValue());
            Object given = topic.get("spec", "config");
            Map<?, ?> config = given instanceof Map<?, ?> m ? m : Map.of();
            Topics.settings(name).forEach((key, value) -> {
                if (!value.equals(String.valueOf(config.get(key)))) {
                    problem("KafkaTopic " + name + " has " + key + " " + config.get(key) + ", contracts Topics.settings "
                            + "says " + value);
                }
            });
            clusters.add(topic.getMetadata().getLabels() == null ? "(none)"
                    : topic.getMetadata().getLabels().getOrDefault("strimzi.io/cluster", "(none)"));
        }
        Set<String> expected = new TreeSet<>(Topics.ALL);
        Topics.ALL.forEach(t -> expected.add(Topics.deadLetter(t)));
        for (String module : Repo.SERVICES) {
            expected.addAll(ServiceConfig.of(module).deadLetterTopics());
        }
        if (!expected.equals(new TreeSet<>(partitions.keySet()))) {
            Set<String> missing = new TreeSet<>(expected);
            missing.removeAll(partitions.keySet());
            Set<String> extra = new TreeSet<>(partitions.keySet());
            extra.removeAll(expected);
            problem("KafkaTopics differ from contracts Topics and the services' dead-letter topics: missing " + missing
                    + ", unknown " + extra);
        }
        Set<String> kafkas = new TreeSet<>(custom("Kafka").stream().map(k -> k.getMetadata().getName()).toList());
        if (!kafkas.containsAll(clusters)) {
            problem("KafkaTopics labelled strimzi.io/cluster " + clusters + " but the Kafka clusters are " + kafkas);
        }
        return partitions;
    }

    /** Checks the Kafka cluster and its node pools; returns its plain bootstrap address. */
    @SuppressWarnings("unchecked")
    private String kafka() {
        List<GenericKubernetesResource> kafkas = custom("Kafka");
        if (kafkas.size() != 1) {
            problem(kafkas.size() + " Kafka resources, expected 1");
            return null;
        }
        GenericKubernetesResource kafka = kafkas.get(0);
        String name = kafka.getMetadata().getName();
        Set<String> roles = new TreeSet<>();
        for (GenericKubernetesResource pool : custom("KafkaNodePool")) {
            if (pool.getMetadata().getLabels() != null
                    && name.equals(pool.getMetadata().getLabels().get("strimzi.io/cluster"))) {
                List<String> poolRoles = pool.get("spec", "roles");
                roles.addAll(poolRoles == null ? List.of() : poolRoles);
            }
        }
        if (!roles.containsAll(List.of("broker", "controller"))) {
            problem("Kafka " + name + " (KRaft) needs node pools with the broker and controller roles, has " + roles);
        }
        List<Map<String, Object>> listeners = kafka.get("spec", "kafka", "listeners");
        Optional<Map<String, Object>> plain = listeners == null ? Optional.empty()
                : listeners.stream().filter(l -> "internal".equals(l.get("type")) && Boolean.FALSE.equals(l.get("tls")))
                        .findFirst();
        if (plain.isEmpty()) {
            problem("Kafka " + name + " has no internal plain listener for the services");
            return null;
        }
        return name + "-kafka-bootstrap:" + plain.get().get("port");
    }

    /** Each consumer's topics exist with at least as many partitions as the consumer has replicas. */
    private void consumers(Map<String, Integer> partitions, String bootstrap) {
        for (String module : Repo.SERVICES) {
            Optional<Deployment> deployment = deployment(module);
            if (deployment.isEmpty()) {
                continue;
            }
            ServiceConfig config = ServiceConfig.of(module);
            Container container = deployment.get().getSpec().getTemplate().getSpec().getContainers().get(0);
            container.getEnv().stream().filter(v -> v.getName().equals("KAFKA_BOOTSTRAP_SERVERS")).findFirst()
                    .flatMap(this::resolve).filter(v -> !v.equals(bootstrap))
                    .ifPresent(v -> problem("Deployment " + module + ": KAFKA_BOOTSTRAP_SERVERS " + v
                            + " is not the Kafka bootstrap " + bootstrap));
            Integer replicas = deployment.get().getSpec().getReplicas();
            for (String channel : config.incomingChannels()) {
                String topic = config.incomingTopic(channel);
                Integer count = partitions.get(topic);
                if (count == null) {
                    problem(module + " consumes " + topic + ", which has no KafkaTopic");
                } else if (replicas != null && replicas > count) {
                    problem("Deployment " + module + " has " + replicas + " replicas but topic " + topic + " only "
                            + count + " partitions: the extra replicas would idle");
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void validatorScaling(Map<String, Integer> partitions, String bootstrap) {
        ServiceConfig validator = ServiceConfig.of(Repo.VALIDATOR);
        String channel = validator.incomingChannels().stream()
                .filter(c -> validator.incomingTopic(c).equals(Topics.CANDIDATES)).findFirst()
                .orElseThrow(() -> new AssertionError("the validator consumes no " + Topics.CANDIDATES + " channel"));
        String group = validator.groupId(channel).orElseThrow(() -> new AssertionError(
                "validator-service's application.properties sets no group.id on channel " + channel));
        int candidatePartitions = partitions.getOrDefault(Topics.CANDIDATES, 0);
        int scalers = 0;

        for (GenericKubernetesResource scaled : custom("ScaledObject")) {
            String what = "ScaledObject " + scaled.getMetadata().getName();
            String target = scaled.get("spec", "scaleTargetRef", "name");
            String kind = Optional.<String> ofNullable(scaled.get("spec", "scaleTargetRef", "kind")).orElse("Deployment");
            if (deployment(target).isEmpty() || !"Deployment".equals(kind)) {
                problem(what + " targets " + kind + " " + target + ", which is not a Deployment here");
                continue;
            }
            if (!Repo.VALIDATOR.equals(target)) {
                continue;
            }
            scalers++;
            Number max = scaled.get("spec", "maxReplicaCount");
            if (max == null || max.intValue() > candidatePartitions) {
                problem(what + ": maxReplicaCount " + max + " above the " + candidatePartitions + " partitions of "
                        + Topics.CANDIDATES);
            }
            List<Map<String, Object>> triggers = scaled.get("spec", "triggers");
            List<Map<String, Object>> kafkaTriggers = triggers == null ? List.of()
                    : triggers.stream().filter(t -> "kafka".equals(t.get("type"))).toList();
            if (kafkaTriggers.isEmpty()) {
                problem(what + " has no kafka trigger (consumer-group lag)");
            }
            for (Map<String, Object> trigger : kafkaTriggers) {
                Map<String, Object> metadata = (Map<String, Object>) trigger.get("metadata");
                if (!Topics.CANDIDATES.equals(metadata.get("topic"))) {
                    problem(what + ": trigger topic " + metadata.get("topic") + ", expected " + Topics.CANDIDATES);
                }
                if (!group.equals(metadata.get("consumerGroup"))) {
                    problem(what + ": consumerGroup " + metadata.get("consumerGroup") + " but the validator's group.id"
                            + " on " + channel + " is " + group);
                }
                if (bootstrap != null && !bootstrap.equals(metadata.get("bootstrapServers"))) {
                    problem(what + ": bootstrapServers " + metadata.get("bootstrapServers") + ", expected " + bootstrap);
                }
                Object lag = metadata.get("lagThreshold");
                if (lag == null || Integer.parseInt(lag.toString()) < 1) {
                    problem(what + ": lagThreshold " + lag + " must be a positive number");
                }
            }
        }
        for (HorizontalPodAutoscaler hpa : all(HorizontalPodAutoscaler.class)) {
            String what = "HorizontalPodAutoscaler " + hpa.getMetadata().getName();
            var target = hpa.getSpec().getScaleTargetRef();
            if (!"Deployment".equals(target.getKind()) || deployment(target.getName()).isEmpty()) {
                problem(what + " targets " + target.getKind() + " " + target.getName() + ", not a Deployment here");
                continue;
            }
            if (!Repo.VALIDATOR.equals(target.getName())) {
                continue;
            }
            scalers++;
            if (hpa.getSpec().getMaxReplicas() > candidatePartitions) {
                problem(what + ": maxReplicas " + hpa.getSpec().getMaxReplicas() + " above the " + candidatePartitions
                        + " partitions of " + Topics.CANDIDATES);
            }
            if (hpa.getSpec().getMetrics().isEmpty()) {
                problem(what + " has no metric");
            }
        }
        if (scalers != 1) {
            problem(scalers + " autoscalers for " + Repo.VALIDATOR + ", expected exactly one (KEDA or HPA)");
        }
        deployment(Repo.VALIDATOR).map(d -> d.getSpec().getReplicas()).ifPresent(r -> problem(
                "Deployment " + Repo.VALIDATOR + " sets replicas " + r + "; its autoscaler owns the count"));
    }
}
