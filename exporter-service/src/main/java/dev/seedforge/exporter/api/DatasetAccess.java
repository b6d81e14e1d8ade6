package dev.seedforge.exporter.api;

import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.seedforge.support.security.Caller;
import dev.seedforge.support.specs.KnownJobs;

/**
 * Whether a caller may read a job's dataset: the job's owner, as the generator recorded it on {@code job-specs} when
 * the job was submitted, must be the caller's tenant (the operator reads all). A job this exporter does not know
 * belongs to no tenant, and only the operator reads it.
 */
@ApplicationScoped
public class DatasetAccess {

    private final KnownJobs known;

    public DatasetAccess(KnownJobs known) {
        this.known = known;
    }

    public Uni<Boolean> mayRead(Caller caller, String jobId) {
        if (caller.operator()) {
            return Uni.createFrom().item(true);
        }
        return Uni.createFrom().item(caller.maySee(known.find(jobId).map(job -> job.owner()).orElse(null)));
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

}
