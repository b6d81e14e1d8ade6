package dev.seedforge.dedup.domain;

import java.util.Set;

/**
 * How one job's duplicates are judged: MinHash Jaccard and embedding cosine thresholds, the cosine above which an
 * earlier example counts as related (and how many to list), and the reference sets whose matches are contamination.
 */
public record JobPolicy(double lexicalThreshold, double semanticThreshold, double relatedThreshold, int maxRelated,
        Set<String> decontaminationSets) {

    public static final JobPolicy DEFAULT = new JobPolicy(0.8, 0.85, 0.7, 5, Set.of());

    public JobPolicy {
        decontaminationSets = decontaminationSets == null ? Set.of() : Set.copyOf(decontaminationSets);
        if (lexicalThreshold <= 0 || lexicalThreshold > 1 || semanticThreshold <= 0 || semanticThreshold > 1) {
            throw new IllegalArgumentException("thresholds must be in (0, 1], got lexical " + lexicalThreshold
                    + ", semantic " + semanticThreshold);
        }
    }

    public JobPolicy withDecontaminationSets(Set<String> names) {
        return new JobPolicy(lexicalThreshold, semanticThreshold, relatedThreshold, maxRelated, names);
    }
}
