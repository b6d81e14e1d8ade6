package dev.seedforge.dedup.domain;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.smallrye.mutiny.Uni;

/** The exact detector's fingerprints in a map per job; the service rebuilds it from PostgreSQL. */
public class InMemoryFingerprintIndex implements FingerprintIndex {

    private final Map<String, Map<String, String>> origins = new ConcurrentHashMap<>();

    @Override
    public Uni<Optional<String>> originOf(String jobId, String fingerprint) {
        Map<String, String> job = origins.get(jobId);
        return Uni.createFrom().item(Optional.ofNullable(job == null ? null : job.get(fingerprint)));
    }

    @Override
    public Uni<Void> add(String jobId, String fingerprint, String originId) {
        origins.computeIfAbsent(jobId, id -> new ConcurrentHashMap<>()).putIfAbsent(fingerprint, originId);
        return Uni.createFrom().voidItem();
    }

    @Override
    public void forget(String jobId) {
        origins.remove(jobId);
    }

    public int size() {
        return origins.values().stream().mapToInt(Map::size).sum();
    }
}
