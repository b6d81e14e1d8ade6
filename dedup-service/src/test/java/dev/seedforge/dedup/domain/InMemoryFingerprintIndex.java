package dev.seedforge.dedup.domain;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.smallrye.mutiny.Uni;

/** The fingerprint index as a map, for testing the detectors without a database. */
class InMemoryFingerprintIndex implements FingerprintIndex {

    private final Map<String, String> origins = new HashMap<>();

    @Override
    public Uni<Optional<String>> originOf(String jobId, String fingerprint) {
        return Uni.createFrom().item(Optional.ofNullable(origins.get(jobId + "/" + fingerprint)));
    }

    @Override
    public Uni<Void> add(String jobId, String fingerprint, String originId) {
        origins.putIfAbsent(jobId + "/" + fingerprint, originId);
        return Uni.createFrom().voidItem();
    }

    int size() {
        return origins.size();
    }
}
