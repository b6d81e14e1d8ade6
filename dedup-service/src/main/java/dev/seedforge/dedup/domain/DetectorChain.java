package dev.seedforge.dedup.domain;

import java.util.List;
import java.util.Optional;

import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.DedupDecision;

/**
 * Asks the detectors in order, cheapest first; the first match decides. A text no detector matches is unique, and
 * every detector remembers it, so later candidates are compared with it.
 */
public class DetectorChain {

    private static final String SEED_PREFIX = "seed:";

    private final List<DuplicateDetector> detectors;

    public DetectorChain(List<DuplicateDetector> detectors) {
        this.detectors = List.copyOf(detectors);
    }

    /** How a seed is named as the original of a duplicate: {@code seed:N}, N its index in the job's seeds. */
    public static String seedOrigin(int index) {
        return SEED_PREFIX + index;
    }

    public Uni<DedupDecision> decide(String jobId, String candidateId, String text) {
        Uni<Optional<Match>> found = Uni.createFrom().item(Optional.empty());
        for (DuplicateDetector detector : detectors) {
            found = found.chain(match -> match.isPresent() ? Uni.createFrom().item(match)
                    : detector.findMatch(jobId, text));
        }
        return found.chain(match -> match.isPresent() ? Uni.createFrom().item(match.get().toDecision())
                : rememberAll(jobId, candidateId, text).replaceWith(DedupDecision.unique()));
    }

    /** Indexes a job's seeds, so that a candidate repeating seed N is a duplicate of {@code seed:N}. */
    public Uni<Void> rememberSeeds(String jobId, List<String> seedTexts) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (int i = 0; i < seedTexts.size(); i++) {
            String origin = seedOrigin(i);
            String text = seedTexts.get(i);
            done = done.chain(() -> rememberAll(jobId, origin, text));
        }
        return done;
    }

    private Uni<Void> rememberAll(String jobId, String originId, String text) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (DuplicateDetector detector : detectors) {
            done = done.chain(() -> detector.remember(jobId, originId, text));
        }
        return done;
    }
}
