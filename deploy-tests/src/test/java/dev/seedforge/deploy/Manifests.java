package dev.seedforge.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Reads the Kubernetes manifests: single files with the fabric8 model, a kustomization's resources and components
 * without applying its patches, or a kustomization rendered by kustomize when a binary is on the machine.
 */
final class Manifests {

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    static final Path DEPLOY = Repo.path("deploy");

    private Manifests() {
    }

    /** Every document of a YAML file as plain data (maps, lists, scalars); anchors and merge keys resolved. */
    static List<Object> yamlDocuments(Path file) {
        List<Object> documents = new ArrayList<>();
        for (Object document : new Yaml(new LoaderOptions()).loadAll(Repo.read(file))) {
            if (document != null) {
                documents.add(document);
            }
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yamlMap(Path file) {
        List<Object> documents = yamlDocuments(file);
        if (documents.size() != 1 || !(documents.get(0) instanceof Map)) {
            throw new AssertionError(file + ": expected one YAML mapping, got " + documents.size() + " documents");
        }
        return (Map<String, Object>) documents.get(0);
    }

    /** The Kubernetes resources in a YAML text, typed where fabric8 knows the kind, generic otherwise. */
    static List<HasMetadata> parse(String yaml, String origin) {
        Object parsed;
        try {
            parsed = SERIALIZATION.unmarshal(yaml);
        } catch (RuntimeException e) {
            throw new AssertionError(origin + " does not parse as Kubernetes resources: " + e.getMessage(), e);
        }
        List<HasMetadata> resources = new ArrayList<>();
        if (parsed instanceof KubernetesList list) {
            resources.addAll(list.getItems());
        } else if (parsed instanceof Collection<?> list) {
            for (Object item : list) {
                resources.add(asResource(item, origin));
            }
        } else if (parsed != null) {
            resources.add(asResource(parsed, origin));
        }
        for (HasMetadata resource : resources) {
            if (resource.getApiVersion() == null || resource.getKind() == null || resource.getMetadata() == null
                    || resource.getMetadata().getName() == null) {
                throw new AssertionError(origin + ": a document without apiVersion, kind or metadata.name: " + resource);
            }
        }
        return resources;
    }

    static List<HasMetadata> parse(Path file) {
        return parse(Repo.read(file), DEPLOY.getParent().relativize(file).toString());
    }

    private static HasMetadata asResource(Object item, String origin) {
        if (item instanceof HasMetadata resource) {
            return resource;
        }
        throw new AssertionError(origin + ": not a Kubernetes resource: " + item);
    }

    static Path kustomizationFile(Path dir) {
        for (String name : List.of("kustomization.yaml", "kustomization.yml", "Kustomization")) {
            if (Files.isRegularFile(dir.resolve(name))) {
                return dir.resolve(name);
            }
        }
        throw new AssertionError("no kustomization.yaml in " + dir);
    }

    static Map<String, Object> kustomization(Path dir) {
        return yamlMap(kustomizationFile(dir));
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null ? List.of() : (List<Object>) value;
    }

    /**
     * A kustomization's resources, its components' and its generators' ConfigMaps and Secrets (unhashed names),
     * recursively, without its patches: what every overlay deploys before patching.
     */
    static List<HasMetadata> collect(Path dir) {
        Map<String, HasMetadata> byId = new LinkedHashMap<>();
        collect(dir, byId);
        return new ArrayList<>(byId.values());
    }

    @SuppressWarnings("unchecked")
    private static void collect(Path dir, Map<String, HasMetadata> byId) {
        Map<String, Object> kustomization = kustomization(dir);
        for (String section : List.of("resources", "components")) {
            for (Object entry : list(kustomization, section)) {
                Path target = dir.resolve(entry.toString()).normalize();
                if (Files.isDirectory(target)) {
                    collect(target, byId);
                } else {
                    for (HasMetadata resource : parse(target)) {
                        byId.put(id(resource), resource);
                    }
                }
            }
        }
        for (Object generator : list(kustomization, "configMapGenerator")) {
            Map<String, Object> spec = (Map<String, Object>) generator;
            String name = spec.get("name").toString();
            Map<String, String> data = literals(dir, spec);
            HasMetadata existing = byId.get("ConfigMap/" + name);
            if ("merge".equals(spec.get("behavior")) && existing instanceof io.fabric8.kubernetes.api.model.ConfigMap cm) {
                cm.getData().putAll(data);
            } else {
                byId.put("ConfigMap/" + name, new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata()
                        .withData(data).build());
            }
        }
        for (Object generator : list(kustomization, "secretGenerator")) {
            Map<String, Object> spec = (Map<String, Object>) generator;
            String name = spec.get("name").toString();
            byId.put("Secret/" + name, new SecretBuilder().withNewMetadata().withName(name).endMetadata()
                    .withStringData(literals(dir, spec)).build());
        }
    }

    private static Map<String, String> literals(Path dir, Map<String, Object> generator) {
        Map<String, String> data = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        list(generator, "literals").forEach(l -> lines.add(l.toString()));
        for (Object envFile : list(generator, "envs")) {
            lines.addAll(Repo.read(dir.resolve(envFile.toString())).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList());
        }
        for (String line : lines) {
            int eq = line.indexOf('=');
            data.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return data;
    }

    static String id(HasMetadata resource) {
        return resource.getKind() + "/" + resource.getMetadata().getName();
    }

    /** Every YAML file under deploy/. */
    static List<Path> yamlFiles() {
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code kustomize build} or {@code kubectl kustomize}, whichever the machine has. */
    static Optional<List<String>> kustomizeCommand() {
        for (List<String> command : List.of(List.of("kustomize", "build"), List.of("kubectl", "kustomize"))) {
            if (onPath(command.get(0))) {
                return Optional.of(command);
            }
        }
        return Optional.empty();
    }

    private static boolean onPath(String executable) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, executable)));
    }

    /** Runs a command, returning its standard output, or failing with its exit code and standard error. */
    static String run(List<String> command, Path workDir) {
        try {
            Path out = Files.createTempFile("seedforge-deploy", ".out");
            Path err = Files.createTempFile("seedforge-deploy", ".err");
            Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            if (!process.waitFor(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 2 minutes");
            }
            String stdout = Files.readString(out);
            String stderr = Files.readString(err);
            Files.delete(out);
            Files.delete(err);
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " exited with " + process.exitValue() + ":\n"
                        + stderr + stdout);
            }
            return stdout;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static List<HasMetadata> render(List<String> kustomize, Path dir) {
        List<String> command = new ArrayList<>(kustomize);
        command.add(dir.toString());
        return parse(run(command, Repo.root()), String.join(" ", command));
    }
}
