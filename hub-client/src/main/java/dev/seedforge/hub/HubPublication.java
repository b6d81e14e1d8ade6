package dev.seedforge.hub;

import java.util.List;

/** A finished push: the repository's page, the commit that holds every file, and whether this push created it. */
public record HubPublication(String repo, String url, String commitOid, String commitUrl, List<String> files,
        boolean createdRepo) {
}
