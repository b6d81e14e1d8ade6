package dev.seedforge.exporter.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;

import dev.seedforge.exporter.client.GeneratorClient;
import dev.seedforge.exporter.client.UnknownJobException;
import dev.seedforge.support.security.Caller;

/**
 * Whether a caller may read a job's dataset: the job's owner, as the generator recorded it when the job was
 * submitted, must be the caller's tenant (the operator reads all). Owners never change, so each is asked for once. A
 * job the generator does not know belongs to no tenant, and only the operator reads it.
 */
@ApplicationScoped
public class DatasetAccess {

    private final GeneratorClient generator;
    private final Map<String, Optional<String>> owners = new ConcurrentHashMap<>();

    public DatasetAccess(@RestClient GeneratorClient generator) {
        this.generator = generator;
    }

    public Uni<Boolean> mayRead(Caller caller, String jobId) {
        if (caller.operator()) {
            return Uni.createFrom().item(true);
        }
        return owner(jobId).map(owner -> caller.maySee(owner.orElse(null)));
    }

    /** The ids among {@code jobIds} whose datasets the caller may read, in the same order. */
    public <T> Uni<List<T>> readable(Caller caller, List<T> items, Function<T, String> jobId) {
        if (caller.operator() || items.isEmpty()) {
            return Uni.createFrom().item(items);
        }
        List<Uni<Boolean>> checks = items.stream().map(item -> mayRead(caller, jobId.apply(item))).toList();
        return Uni.join().all(checks).andFailFast()
                .map(allowed -> java.util.stream.IntStream.range(0, items.size()).filter(allowed::get)
                        .mapToObj(items::get).toList());
    }

    private Uni<Optional<String>> owner(String jobId) {
        Optional<String> known = owners.get(jobId);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return generator.job(jobId).map(view -> Optional.ofNullable(view == null ? null : view.owner()))
                .onFailure(UnknownJobException.class).recoverWithItem(Optional.empty())
                .invoke(owner -> owners.put(jobId, owner));
    }
}
