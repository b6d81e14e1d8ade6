package dev.seedforge.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * Every manifest under deploy/ parses, and each overlay's resources pass {@link ClusterChecks}: as collected from
 * the files (always), and as kustomize renders them with the patches applied (when kustomize or kubectl is on the
 * machine; the test says it skipped otherwise).
 */
class KubernetesManifestsTest {

    static final String API_TOKEN = "SEEDFORGE_API_TOKEN";
    private static final Pattern SECRET_ROW = Pattern.compile("^\\|\\s*`([a-z0-9-]+)`\\s*\\|\\s*`([A-Za-z0-9_.-]+)`\\s*\\|");

    /** The Secrets deploy/README.md tells the operator to create: rows "| `name` | `key` | ...". */
    static Set<ClusterChecks.ExternalSecret> documentedSecrets() {
        Set<ClusterChecks.ExternalSecret> secrets = new java.util.HashSet<>();
        for (String line : Repo.read(Manifests.DEPLOY.resolve("README.md")).split("\n")) {
            Matcher m = SECRET_ROW.matcher(line);
            if (m.find()) {
                secrets.add(new ClusterChecks.ExternalSecret(m.group(1), m.group(2)));
            }
        }
        return secrets;
    }

    @Test
    void everyYamlFileUnderDeployParses() {
        List<Path> files = Manifests.yamlFiles();
        assertTrue(files.size() >= 10, "expected the manifests under deploy/, found " + files);
        int resources = 0;
        for (Path file : files) {
            List<Object> documents = Manifests.yamlDocuments(file);
            assertFalse(documents.isEmpty(), file + " is empty");
            boolean kustomization = file.getFileName().toString().startsWith("kustomization.");
            boolean jsonPatch = documents.get(0) instanceof List;
            if (!kustomization && !jsonPatch) {
                resources += Manifests.parse(file).size();
            }
        }
        System.out.printf("deploy/: %d YAML files, %d Kubernetes resources parsed%n", files.size(), resources);
    }

    @ParameterizedTest(name = "overlay {0}, collected from its files")
    @ValueSource(strings = { "dev", "prod" })
    void overlayResourcesPassTheChecks(String overlay) {
        List<HasMetadata> resources = Manifests.collect(Manifests.DEPLOY.resolve("overlays/" + overlay));
        List<String> problems = ClusterChecks.check(resources, "overlays/" + overlay, documentedSecrets());
        assertEquals(List.of(), problems, String.join("\n", problems));
        System.out.printf("overlays/%s (unpatched): %d resources checked%n", overlay, resources.size());
    }

    @ParameterizedTest(name = "overlay {0}, rendered by kustomize")
    @ValueSource(strings = { "dev", "prod" })
    void renderedOverlayPassesTheChecks(String overlay) {
        List<HasMetadata> resources = render(overlay);
        List<String> problems = new ArrayList<>(
                ClusterChecks.check(resources, "rendered " + overlay, documentedSecrets()));
        String namespace = resources.stream().filter(Namespace.class::isInstance).map(r -> r.getMetadata().getName())
                .findFirst().orElse(null);
        for (HasMetadata resource : resources) {
            if (!(resource instanceof Namespace) && !namespaceEquals(resource, namespace)) {
                problems.add(Manifests.id(resource) + " is in namespace " + resource.getMetadata().getNamespace()
                        + ", not the overlay's " + namespace);
            }
        }
        assertEquals(List.of(), problems, String.join("\n", problems));
        System.out.printf("overlays/%s rendered: %d resources checked, namespace %s%n", overlay, resources.size(),
                namespace);
    }

    @Test
    void prodTurnsOnBearerTokenAuthAndRequiresTheProviderKey() {
        List<HasMetadata> resources = render("prod");
        assertTrue(resources.stream().noneMatch(Secret.class::isInstance),
                "prod must not carry Secrets: they are created in the namespace (deploy/README.md)");
        for (String module : Repo.SERVICES) {
            Deployment deployment = deployment(resources, module);
            EnvVar token = env(deployment, API_TOKEN).orElseThrow(
                    () -> new AssertionError("prod: " + module + " has no " + API_TOKEN + " (bearer-token auth)"));
            assertTrue(token.getValueFrom() != null && token.getValueFrom().getSecretKeyRef() != null,
                    "prod: " + module + "'s " + API_TOKEN + " must come from a Secret");
            env(deployment, "OPENAI_API_KEY").ifPresent(key -> assertEquals(Boolean.FALSE,
                    key.getValueFrom() == null || key.getValueFrom().getSecretKeyRef() == null ? null
                            : key.getValueFrom().getSecretKeyRef().getOptional(),
                    "prod: " + module + "'s OPENAI_API_KEY must be a required Secret key (optional: false)"));
        }
        assertTrue(resources.stream().noneMatch(r -> r.getMetadata().getName().equals(Repo.SIMULATOR)),
                "prod runs no teacher simulator");
        assertTrue(resources.stream().anyMatch(r -> r.getKind().equals("ScaledObject")),
                "prod scales the validator with KEDA");
    }

    @Test
    void devRunsTheSimulatorWithAuthOff() {
        List<HasMetadata> resources = render("dev");
        for (String module : Repo.SERVICES) {
            assertTrue(env(deployment(resources, module), API_TOKEN).isEmpty(),
                    "dev: " + module + " has " + API_TOKEN + "; the dev overlay runs without auth");
        }
        deployment(resources, Repo.SIMULATOR);
        assertTrue(resources.stream().anyMatch(r -> r.getKind().equals("HorizontalPodAutoscaler")),
                "dev scales the validator with the plain HPA");
    }

    @Test
    void theReadmeListsEverySecretTheManifestsExpect() {
        Set<ClusterChecks.ExternalSecret> documented = documentedSecrets();
        Set<String> referenced = new TreeSet<>();
        for (String overlay : List.of("dev", "prod")) {
            for (Deployment d : Manifests.collect(Manifests.DEPLOY.resolve("overlays/" + overlay)).stream()
                    .filter(Deployment.class::isInstance).map(Deployment.class::cast).toList()) {
                d.getSpec().getTemplate().getSpec().getContainers().forEach(c -> c.getEnv().stream()
                        .filter(v -> v.getValueFrom() != null && v.getValueFrom().getSecretKeyRef() != null)
                        .forEach(v -> referenced.add(v.getValueFrom().getSecretKeyRef().getName())));
            }
        }
        Set<String> documentedNames = new TreeSet<>(documented.stream().map(ClusterChecks.ExternalSecret::name).toList());
        assertTrue(documentedNames.containsAll(referenced),
                "deploy/README.md's secrets table lists " + documentedNames + ", the manifests use " + referenced);
        assertTrue(documentedNames.contains("seedforge-api-token"), "the API token Secret is documented");
    }

    static List<HasMetadata> render(String overlay) {
        Optional<List<String>> kustomize = Manifests.kustomizeCommand();
        assumeTrue(kustomize.isPresent(),
                "skipped: neither kustomize nor kubectl is on PATH, overlays/" + overlay + " not rendered");
        return Manifests.render(kustomize.get(), Manifests.DEPLOY.resolve("overlays/" + overlay));
    }

    private static boolean namespaceEquals(HasMetadata resource, String namespace) {
        return namespace != null && namespace.equals(resource.getMetadata().getNamespace());
    }

    static Deployment deployment(List<HasMetadata> resources, String name) {
        return resources.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .filter(d -> d.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no Deployment " + name));
    }

    static Optional<EnvVar> env(Deployment deployment, String name) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .flatMap(c -> c.getEnv().stream()).filter(v -> v.getName().equals(name)).findFirst();
    }
}
