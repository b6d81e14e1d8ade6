package dev.seedforge.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * The kustomize tree holds together without running kustomize: every reference of every kustomization resolves to
 * a file or directory of the right kind, every patch targets a resource the kustomization has, and a generator
 * that merges finds what it merges into.
 */
class KustomizeLayoutTest {

    @Test
    void everyKustomizationReferenceResolvesAndEveryPatchHasATarget() {
        List<Path> kustomizations = Manifests.yamlFiles().stream()
                .filter(f -> f.getFileName().toString().equals("kustomization.yaml")).toList();
        List<String> expected = List.of("base", "overlays/dev", "overlays/prod");
        for (String dir : expected) {
            assertTrue(kustomizations.contains(Manifests.DEPLOY.resolve(dir).resolve("kustomization.yaml")),
                    "deploy/" + dir + " has no kustomization.yaml");
        }
        List<String> problems = new ArrayList<>();
        for (Path file : kustomizations) {
            problems.addAll(check(file.getParent()));
        }
        assertEquals(List.of(), problems, String.join("\n", problems));
        System.out.printf("deploy/: %d kustomizations, every reference and patch target resolves%n",
                kustomizations.size());
    }

    @Test
    void overlaysBuildOnTheBase() {
        for (String overlay : List.of("dev", "prod")) {
            List<Object> resources = Manifests.list(Manifests.kustomization(Manifests.DEPLOY.resolve("overlays/" + overlay)),
                    "resources");
            assertTrue(resources.contains("../../base"), "overlays/" + overlay + " does not build on ../../base");
        }
    }

    @SuppressWarnings("unchecked")
    static List<String> check(Path dir) {
        String where = Manifests.DEPLOY.relativize(dir).toString();
        List<String> problems = new ArrayList<>();
        Map<String, Object> kustomization = Manifests.kustomization(dir);
        Object kind = kustomization.get("kind");
        for (Object entry : Manifests.list(kustomization, "resources")) {
            Path target = dir.resolve(entry.toString()).normalize();
            if (!Files.exists(target)) {
                problems.add(where + ": resource " + entry + " does not exist");
            } else if (Files.isDirectory(target) && !isKustomization(target, "Kustomization")) {
                problems.add(where + ": resource " + entry + " is a directory without a Kustomization");
            }
        }
        for (Object entry : Manifests.list(kustomization, "components")) {
            Path target = dir.resolve(entry.toString()).normalize();
            if (!Files.isDirectory(target) || !isKustomization(target, "Component")) {
                problems.add(where + ": component " + entry + " is not a directory with kind: Component");
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        // what the patches may target: this kustomization's resources and, in a component, the resources of the
        // overlays using it (not known here), so a component's patches are checked from the overlays
        List<HasMetadata> resources = "Component".equals(kind) ? List.of() : Manifests.collect(dir);
        for (Object patch : Manifests.list(kustomization, "patches")) {
            Map<String, Object> spec = (Map<String, Object>) patch;
            Object path = spec.get("path");
            if (path == null && spec.get("patch") == null) {
                problems.add(where + ": a patch with neither path nor patch");
                continue;
            }
            if (path != null && !Files.isRegularFile(dir.resolve(path.toString()))) {
                problems.add(where + ": patch " + path + " does not exist");
                continue;
            }
            if ("Component".equals(kind)) {
                continue;
            }
            Map<String, Object> target = (Map<String, Object>) spec.get("target");
            if (target != null) {
                Pattern name = Pattern.compile(String.valueOf(target.getOrDefault("name", ".*")));
                long matches = resources.stream()
                        .filter(r -> target.get("kind") == null || target.get("kind").equals(r.getKind()))
                        .filter(r -> name.matcher(r.getMetadata().getName()).matches()).count();
                if (matches == 0) {
                    problems.add(where + ": patch " + path + " targets " + target + ", which matches no resource");
                }
            } else if (path != null) {
                for (HasMetadata patched : Manifests.parse(dir.resolve(path.toString()))) {
                    boolean found = resources.stream().anyMatch(r -> r.getKind().equals(patched.getKind())
                            && r.getMetadata().getName().equals(patched.getMetadata().getName()));
                    if (!found) {
                        problems.add(where + ": patch " + path + " targets " + Manifests.id(patched)
                                + ", which this kustomization does not have");
                    }
                }
            }
        }
        for (Object generator : Manifests.list(kustomization, "configMapGenerator")) {
            Map<String, Object> spec = (Map<String, Object>) generator;
            if ("merge".equals(spec.get("behavior"))) {
                Path base = dir.resolve("../../base").normalize();
                boolean found = Manifests.collect(base).stream().anyMatch(r -> r.getKind().equals("ConfigMap")
                        && r.getMetadata().getName().equals(spec.get("name")));
                if (!found) {
                    problems.add(where + ": configMapGenerator " + spec.get("name") + " merges into nothing in base");
                }
            }
            for (Object envFile : Manifests.list(spec, "envs")) {
                if (!Files.isRegularFile(dir.resolve(envFile.toString()))) {
                    problems.add(where + ": configMapGenerator env file " + envFile + " does not exist");
                }
            }
        }
        return problems;
    }

    private static boolean isKustomization(Path dir, String kind) {
        try {
            Object actual = Manifests.kustomization(dir).getOrDefault("kind", "Kustomization");
            return kind.equals(actual);
        } catch (AssertionError e) {
            return false;
        }
    }
}
