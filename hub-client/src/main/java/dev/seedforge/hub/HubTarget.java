package dev.seedforge.hub;

import dev.seedforge.contracts.ExportSpec;

/** A Hub dataset repository to publish to: {@code namespace/name}, and whether it is private. */
public record HubTarget(String repo, boolean privateRepo) {

    public HubTarget {
        String problem = ExportSpec.HubSpec.problemWithRepo(repo);
        if (problem != null) {
            throw new IllegalArgumentException("repository " + problem);
        }
    }

    public static HubTarget of(ExportSpec.HubSpec spec) {
        return new HubTarget(spec.repo(), spec.privateRepo());
    }

    String namespace() {
        return repo.substring(0, repo.indexOf('/'));
    }

    String name() {
        return repo.substring(repo.indexOf('/') + 1);
    }
}
