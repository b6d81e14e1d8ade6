package dev.seedforge.dedup.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.mutiny.Uni;

import dev.seedforge.contracts.DedupDecision;

/**
 * Asks the detectors in order, cheapest first; the first match decides. A text no detector matches is unique, and
 * every detector remembers it, so later candidates are compared with it. A unique text also gets its related earlier
 * candidates and its nearest similarity, from the detectors that measure distance.
 * <p>
 * {@link #evaluate} decides without remembering; {@link #restore} then remembers what it returned: the service
 * stores the decision and the fingerprints first, so memory never holds what the database lacks.
 */
public class DetectorChain {

    /** A decision, and for a unique text the fingerprints (by detector name) that remember it. */
    public record Evaluation(DedupDecision decision, Map<String, byte[]> fingerprints) {
    }

    private final List<DuplicateDetector> detectors;
    private final JobPolicies policies;

    public DetectorChain(List<DuplicateDetector> detectors) {
        this(detectors, new JobPolicies(JobPolicy.DEFAULT));
    }

    public DetectorChain(List<DuplicateDetector> detectors, JobPolicies policies) {
        this.detectors = List.copyOf(detectors);
        this.policies = policies;
    }

    /** How a seed is named as the original of a duplicate: {@code seed:N}, N its index in the job's seeds. */
    public static String seedOrigin(int index) {
        return Origins.seed(index);
    }

    public List<DuplicateDetector> detectors() {
        return detectors;
    }

    public JobPolicies policies() {
        return policies;
    }

    public Uni<DedupDecision> decide(String jobId, String candidateId, String text) {
        return evaluate(jobId, candidateId, text).map(evaluation -> {
            if (evaluation.decision().status() == DedupDecision.Status.UNIQUE) {
                restore(jobId, candidateId, evaluation.fingerprints());
            }
            return evaluation.decision();
        });
    }

    /** The decision on a text, without remembering it. A match with the candidate itself (a replay) is no match. */
    public Uni<Evaluation> evaluate(String jobId, String candidateId, String text) {
        Uni<Optional<Match>> found = Uni.createFrom().item(Optional.empty());
        for (DuplicateDetector detector : detectors) {
            found = found.chain(match -> match.isPresent() ? Uni.createFrom().item(match)
                    : detector.findMatch(jobId, text)
                            .map(hit -> hit.filter(m -> !m.originId().equals(candidateId))));
        }
        return found.map(match -> match.isPresent()
                ? new Evaluation(decontaminated(jobId, match.get()).toDecision(), Map.of())
                : new Evaluation(unique(jobId, candidateId, text), fingerprints(text)));
    }

    /** What each detector keeps of a text, by detector name. */
    public Map<String, byte[]> fingerprints(String text) {
        Map<String, byte[]> kept = new LinkedHashMap<>();
        for (DuplicateDetector detector : detectors) {
            byte[] fingerprint = detector.fingerprintOf(text);
            if (fingerprint != null) {
                kept.put(detector.name(), fingerprint);
            }
        }
        return kept;
    }

    /** Puts stored fingerprints of a kept example back in the detectors' indexes. */
    public void restore(String jobId, String originId, Map<String, byte[]> fingerprints) {
        for (DuplicateDetector detector : detectors) {
            byte[] fingerprint = fingerprints.get(detector.name());
            if (fingerprint != null) {
                detector.restore(jobId, originId, fingerprint);
            }
        }
    }

    /** Drops everything held in memory for the job. */
    public void forget(String jobId) {
        detectors.forEach(detector -> detector.forget(jobId));
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

    /** Remembers a kept example that was not decided here (a seed, a reference example) under its origin id. */
    public Uni<Void> remember(String jobId, String originId, String text) {
        return rememberAll(jobId, originId, text);
    }

    private Uni<Void> rememberAll(String jobId, String originId, String text) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (DuplicateDetector detector : detectors) {
            done = done.chain(() -> detector.remember(jobId, originId, text));
        }
        return done;
    }

    /** A match with an example of a reference set kept out of training data is contamination, whatever found it. */
    private Match decontaminated(String jobId, Match match) {
        String set = Origins.referenceSet(match.originId());
        if (set != null && policies.of(jobId).decontaminationSets().contains(set)) {
            return new Match(match.originId(), DedupDecision.METHOD_DECONTAMINATION, match.similarity());
        }
        return match;
    }

    private DedupDecision unique(String jobId, String candidateId, String text) {
        JobPolicy policy = policies.of(jobId);
        List<DedupDecision.Neighbour> related = new ArrayList<>();
        Double nearest = null;
        for (DuplicateDetector detector : detectors) {
            List<Neighbour> neighbours = detector.nearest(jobId, text, policy.maxRelated() + 8);
            for (Neighbour neighbour : neighbours) {
                if (!Origins.isCandidate(neighbour.originId()) || neighbour.originId().equals(candidateId)) {
                    continue;
                }
                if (nearest == null || neighbour.similarity() > nearest) {
                    nearest = neighbour.similarity();
                }
                if (neighbour.similarity() >= policy.relatedThreshold() && related.size() < policy.maxRelated()) {
                    related.add(new DedupDecision.Neighbour(neighbour.originId(), detector.method(),
                            neighbour.similarity()));
                }
            }
        }
        return new DedupDecision(DedupDecision.Status.UNIQUE, null, null, null, related, nearest);
    }
}
